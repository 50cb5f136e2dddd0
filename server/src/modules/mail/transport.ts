import nodemailer from 'nodemailer';
import type { Db } from '../../db/types.js';
import type { Log } from '../../deps.js';
import type { Clock } from '../../lib/clock.js';
import type { MailMessage } from './schema.js';

export interface MailTransport {
  readonly kind: 'smtp' | 'dev-mailbox';
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** SMTP through nodemailer when SMTP_URL is set; otherwise the dev mailbox (stored and logged). */
export function createMailTransport(opts: {
  smtpUrl: string | undefined;
  from: string;
  db: Db;
  clock: Clock;
  log: Log;
}): MailTransport {
  if (opts.smtpUrl) {
    const transporter = nodemailer.createTransport(opts.smtpUrl);
    return {
      kind: 'smtp',
      async send(m) {
        await transporter.sendMail({
          from: opts.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html ?? undefined,
        });
      },
      close: () => transporter.close(),
    };
  }
  return {
    kind: 'dev-mailbox',
    async send(m) {
      await opts.db
        .insertInto('dev_mailbox')
        .values({
          to_address: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          created_at: opts.clock.now().toISOString(),
        })
        .execute();
      opts.log.info({ to: m.to, subject: m.subject, text: m.text }, 'mail stored in the dev mailbox');
    },
    close() {},
  };
}
