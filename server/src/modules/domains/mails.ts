import { escapeHtml } from '../../lib/html.js';
import type { MailMessage } from '../mail/schema.js';
import type { Check } from './checks.js';

/** The domains module's mails to the account owner: plain text and HTML from the same words. */

type Block = { text: string } | { link: string; label: string } | { list: string[] };

function render(to: string, subject: string, blocks: Block[]): MailMessage {
  const text = blocks
    .map((b) =>
      'link' in b ? `${b.label}:\n${b.link}` : 'list' in b ? b.list.map((l) => `- ${l}`).join('\n') : b.text,
    )
    .join('\n\n');
  const body = blocks
    .map((b) =>
      'link' in b
        ? `<p><a href="${escapeHtml(b.link)}" style="display:inline-block;padding:10px 18px;background:#228be6;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(b.label)}</a></p>`
        : 'list' in b
          ? `<ul>${b.list.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`
          : `<p>${escapeHtml(b.text)}</p>`,
    )
    .join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#212529;max-width:560px;margin:auto">${body}</body></html>`;
  return { to, subject, text: `${text}\n`, html };
}

export const activatedMail = (m: {
  to: string;
  name: string;
  hostname: string;
  url: string;
  domainsLink: string;
}) =>
  render(m.to, `${m.hostname} is connected`, [
    { text: `Hello ${m.name},` },
    {
      text: `The DNS of ${m.hostname} is right, so your site now answers there: your membership portals, checkouts and pages, with a certificate issued on the first visit.`,
    },
    { link: m.url, label: `Open ${m.hostname}` },
    { text: `Your domains: ${m.domainsLink}` },
  ]);

export const expiredMail = (m: {
  to: string;
  name: string;
  hostname: string;
  hours: number;
  failing: Check[];
  domainsLink: string;
}) =>
  render(m.to, `${m.hostname} was removed: its DNS was not set up in time`, [
    { text: `Hello ${m.name},` },
    {
      text: `You added ${m.hostname} ${m.hours} hours ago. Its DNS records were still not right, so Atrium removed it: nothing was served on it, and it frees your plan's place.`,
    },
    { text: 'What Atrium found at the last check:' },
    {
      list: m.failing.map((c) => `${c.found} (expected: ${c.expected}). ${c.hint ?? ''}`.trim()),
    },
    {
      text: 'Fix the records at your DNS provider, then add the domain again: Atrium checks it at once and tells you what is still wrong.',
    },
    { link: m.domainsLink, label: 'Add it again' },
  ]);
