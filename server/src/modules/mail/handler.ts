import type { JobHandler } from '../../worker/index.js';
import { type MailMessage, mailMessage } from './schema.js';
import { MAIL_JOB } from './service.js';
import type { MailTransport } from './transport.js';

/** Sends queued mails. Not transactional: SMTP is outside the database, so delivery is at-least-once. */
export function mailJobHandler(transport: MailTransport): JobHandler<MailMessage> {
  return {
    type: MAIL_JOB,
    parse: (payload) => mailMessage.parse(payload),
    transactional: false,
    maxAttempts: 10,
    // A burst of grants queues a welcome mail each: a slot takes up to 20 at once, so claiming
    // and completing them costs two statements instead of forty (each mail keeps its own retries).
    batchSize: 20,
    run: (_ctx, message) => transport.send(message),
  };
}
