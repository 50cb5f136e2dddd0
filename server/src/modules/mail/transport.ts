import nodemailer from 'nodemailer';
import type { Db } from '../../db/types.js';
import type { Log } from '../../deps.js';
import type { Clock } from '../../lib/clock.js';
import { runPrepared } from '../kartra/prepared.js';
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
      // Compiled once: every queued mail of a burst lands here (two a purchase).
      await runPrepared(
        opts.db,
        'mail.devMailbox',
        (p) =>
          opts.db
            .insertInto('dev_mailbox')
            .values({ to_address: p(0), subject: p(1), text: p(2), html: p(3), created_at: p(4) }),
        [m.to, m.subject, m.text, m.html ?? null, opts.clock.now().toISOString()],
      );
      opts.log.info({ to: m.to, subject: m.subject, text: m.text }, 'mail stored in the dev mailbox');
    },
    close() {},
  };
}
