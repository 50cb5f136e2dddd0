import type { DbOrTrx } from '../../db/types.js';
import { type EnqueueOptions, enqueueJob, enqueueJobs } from '../../worker/jobs.js';
import type { MailTemplate } from './handler.js';
import type { MailMessage } from './schema.js';

export const MAIL_JOB = 'mail.send';

/**
 * Queues a mail in the caller's transaction: it is sent only if the change that wanted it
 * commits, and a crash before sending leaves it queued (at-least-once delivery).
 */
export async function queueMail(
  trx: DbOrTrx,
  message: MailMessage,
  opts: { accountId: number | null; at: Date; key?: string },
): Promise<void> {
  await enqueueJob(trx, mailJob(message, opts));
}

/** A mail's job, for callers that queue many at once (`enqueueJobs`). */
export function mailJob(message: MailMessage, opts: MailJobOptions): EnqueueOptions {
  return sendJob(message, opts);
}

type MailJobOptions = { accountId: number | null; at: Date; key?: string };

/** A `mail.send` job carrying `payload`: a rendered mail, or a template and its data. */
const sendJob = (payload: unknown, opts: MailJobOptions): EnqueueOptions => ({
  type: MAIL_JOB,
  payload,
  accountId: opts.accountId,
  at: opts.at,
  key: opts.key,
  maxAttempts: 10,
});

/** A mail made from one of the templates the mail job knows (handler.ts), rendered when sent. */
export function templateMailJob(
  template: MailTemplate,
  data: Record<string, unknown>,
  opts: MailJobOptions,
): EnqueueOptions {
  return sendJob({ template, data }, opts);
}

/**
 * Queues several mails made from one of the templates the mail job knows (handler.ts), with one
 * statement: each job holds the template's name and its data, and is rendered when sent. Small
 * rows keep a burst (a welcome mail per automated grant) cheap to queue, claim and complete.
 */
export async function queueTemplateMails(
  trx: DbOrTrx,
  template: MailTemplate,
  data: readonly Record<string, unknown>[],
  opts: { accountId: number | null; at: Date },
): Promise<void> {
  await enqueueJobs(
    trx,
    data.map((d) => templateMailJob(template, d, opts)),
  );
}

/** Dev mailbox, newest first (SMTP_URL unset). */
export async function listDevMailbox(db: DbOrTrx, limit = 100) {
  const rows = await db
    .selectFrom('dev_mailbox')
    .select(['to_address', 'subject', 'text', 'html', 'created_at'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    to: r.to_address,
    subject: r.subject,
    text: r.text,
    html: r.html,
    created_at: r.created_at,
  }));
}
