import { z } from 'zod';
import { escapeHtml } from '../../lib/html.js';
import type { MailMessage } from '../mail/schema.js';

/** The portal's mails: plain text and HTML from the same words. */

type Block = { text: string } | { link: string; label: string };

function render(to: string, subject: string, blocks: Block[]): MailMessage {
  const text = blocks.map((b) => ('link' in b ? `${b.label}:\n${b.link}` : b.text)).join('\n\n');
  const body = blocks
    .map((b) =>
      'link' in b
        ? `<p><a href="${escapeHtml(b.link)}" style="display:inline-block;padding:10px 18px;background:#228be6;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(b.label)}</a></p><p style="color:#868e96;font-size:12px">${escapeHtml(b.link)}</p>`
        : `<p>${escapeHtml(b.text)}</p>`,
    )
    .join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#212529;max-width:560px;margin:auto">${body}</body></html>`;
  return { to, subject, text: `${text}\n`, html };
}

export const welcomeData = z.object({
  to: z.string().min(3),
  firstName: z.string().nullable(),
  business: z.string(),
  membership: z.string(),
  level: z.string(),
  setPasswordLink: z.string(),
  portalLink: z.string(),
  validDays: z.number().int(),
  hasPassword: z.boolean(),
});
export type WelcomeMail = z.infer<typeof welcomeData>;

/**
 * The welcome mail as a mail template (mail/handler.ts renders it when sending): a burst of
 * grants queues a few hundred bytes per mail instead of the rendered text and HTML.
 */
export const WELCOME_TEMPLATE = 'membership.welcome';

export const welcomeMail = (m: WelcomeMail) =>
  render(m.to, `Your access to ${m.membership}`, [
    { text: `Hello${m.firstName ? ` ${m.firstName}` : ''},` },
    { text: `${m.business} has given you access to ${m.membership} (${m.level}).` },
    m.hasPassword
      ? { text: 'Log in with the password you chose before, or choose a new one with this link:' }
      : { text: 'Choose your password to log in:' },
    { link: m.setPasswordLink, label: m.hasPassword ? 'Choose a new password' : 'Choose my password' },
    { text: `The link works for ${m.validDays} days. Afterwards, log in at ${m.portalLink}` },
  ]);

export const resetMail = (m: {
  to: string;
  business: string;
  membership: string;
  link: string;
  validHours: number;
}) =>
  render(m.to, `Reset your password for ${m.membership}`, [
    { text: 'Hello,' },
    {
      text: `Someone asked to reset your password for ${m.membership} by ${m.business}. If it was you, open this link:`,
    },
    { link: m.link, label: 'Choose a new password' },
    {
      text: `The link works once and for ${m.validHours} hours. If you did not ask for this, ignore this mail.`,
    },
  ]);
