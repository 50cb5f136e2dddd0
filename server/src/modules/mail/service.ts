import type { DbOrTrx } from '../../db/types.js';
import { enqueueJob, enqueueJobs } from '../../worker/jobs.js';
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
  await enqueueJob(trx, {
    type: MAIL_JOB,
    payload: message,
    accountId: opts.accountId,
    at: opts.at,
    key: opts.key,
    maxAttempts: 10,
  });
}

/** Queues several mails in the caller's transaction with one statement (as `queueMail` each). */
export async function queueMails(
  trx: DbOrTrx,
  messages: readonly MailMessage[],
  opts: { accountId: number | null; at: Date },
): Promise<void> {
  await enqueueJobs(
    trx,
    messages.map((payload) => ({
      type: MAIL_JOB,
      payload,
      accountId: opts.accountId,
      at: opts.at,
      maxAttempts: 10,
    })),
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
