import nodemailer from 'nodemailer';
import { runPrepared } from '../../db/prepared.js';
import type { Db } from '../../db/types.js';
import type { Log } from '../../deps.js';
import type { Clock } from '../../lib/clock.js';
import { insertRows } from '../../worker/rows.js';
import type { MailMessage } from './schema.js';

export interface MailTransport {
  readonly kind: 'smtp' | 'dev-mailbox';
  send(message: MailMessage): Promise<void>;
  /** Several mails; each one's error, `undefined` when sent. */
  sendEach(messages: readonly MailMessage[]): Promise<unknown[]>;
  close(): void;
}

/** Sends one after another, each with its own outcome. */
async function oneByOne(send: (m: MailMessage) => Promise<void>, messages: readonly MailMessage[]) {
  const errors: unknown[] = [];
  for (const m of messages)
    try {
      await send(m);
      errors.push(undefined);
    } catch (err) {
      errors.push(err ?? new Error('the mail was not sent'));
    }
  return errors;
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
    const send = async (m: MailMessage) => {
      await transporter.sendMail({
        from: opts.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html ?? undefined,
      });
    };
    return {
      kind: 'smtp',
      send,
      sendEach: (messages) => oneByOne(send, messages),
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
    /** A batch of mails in one statement (one commit): a burst of sales queues two mails a sale. */
    async sendEach(messages) {
      const at = opts.clock.now().toISOString();
      await insertRows(
        opts.db,
        'dev_mailbox',
        messages.map((m) => ({
          to_address: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html ?? null,
          created_at: at,
        })),
      );
      for (const m of messages)
        opts.log.info({ to: m.to, subject: m.subject, text: m.text }, 'mail stored in the dev mailbox');
      return messages.map(() => undefined);
    },
    close() {},
  };
}
