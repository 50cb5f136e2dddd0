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
    run: (_ctx, message) => transport.send(message),
  };
}
