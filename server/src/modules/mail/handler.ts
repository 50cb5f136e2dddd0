import { z } from 'zod';
import type { JobHandler } from '../../worker/index.js';
import { RECEIPT_TEMPLATE, receiptData, receiptMail } from '../commerce/receipt.js';
import { WELCOME_TEMPLATE, welcomeData, welcomeMail } from '../memberships/mails.js';
import { type MailMessage, mailMessage } from './schema.js';
import { MAIL_JOB } from './service.js';
import type { MailTransport } from './transport.js';

/** Templates a `mail.send` job may name instead of carrying the rendered mail (queueTemplateMails). */
const TEMPLATES = {
  [WELCOME_TEMPLATE]: (data: unknown) => welcomeMail(welcomeData.parse(data)),
  [RECEIPT_TEMPLATE]: (data: unknown) => receiptMail(receiptData.parse(data)),
} satisfies Record<string, (data: unknown) => MailMessage>;
export type MailTemplate = keyof typeof TEMPLATES;

const templated = z.object({ template: z.string(), data: z.unknown() });

/** A job's payload as the mail to send: a rendered mail, or a template and its data. */
export function mailOf(payload: unknown): MailMessage {
  if (payload && typeof payload === 'object' && 'template' in payload) {
    const { template, data } = templated.parse(payload);
    const render = TEMPLATES[template as MailTemplate];
    if (!render) throw new Error(`No mail template is named "${template}".`);
    return render(data);
  }
  return mailMessage.parse(payload);
}

/** Sends queued mails. Not transactional: SMTP is outside the database, so delivery is at-least-once. */
export function mailJobHandler(transport: MailTransport): JobHandler<MailMessage> {
  return {
    type: MAIL_JOB,
    parse: mailOf,
    transactional: false,
    maxAttempts: 10,
    // A burst of grants queues a welcome mail each: a slot takes up to 50 at once, so claiming
    // and completing them costs two statements instead of a hundred (each mail keeps its own retries).
    batchSize: 50,
    run: (_ctx, message) => transport.send(message),
    runEach: (_ctx, items) => transport.sendEach(items.map((i) => i.payload)),
  };
}
