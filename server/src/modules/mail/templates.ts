import { escapeHtml } from '../../lib/html.js';
import type { MailMessage } from './schema.js';

/** Platform mails: plain text and HTML from the same words. */

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

export const passwordResetMail = (to: string, name: string, link: string, validHours: number) =>
  render(to, 'Reset your Atrium password', [
    { text: `Hello ${name},` },
    { text: 'Someone asked to reset the password of your Atrium account. If it was you, open this link:' },
    { link, label: 'Reset my password' },
    {
      text: `The link works once and for ${validHours} hours. You will get a temporary password and choose a new one right after. If you did not ask for this, ignore this mail: nothing changes.`,
    },
  ]);

export const emailChangeConfirmMail = (to: string, name: string, link: string, validHours: number) =>
  render(to, 'Confirm your new email address', [
    { text: `Hello ${name},` },
    { text: 'Please confirm that this is the new email address of your Atrium account:' },
    { link, label: 'Confirm my new email' },
    { text: `The link works for ${validHours} hours. Until you confirm, your old address stays in use.` },
  ]);

export const emailChangeNoticeMail = (to: string, name: string, newEmail: string) =>
  render(to, 'Your Atrium email address is being changed', [
    { text: `Hello ${name},` },
    {
      text: `A change of your account's email address to ${newEmail} was requested. It takes effect once confirmed from that address. If this was not you, change your password now and contact support.`,
    },
  ]);
