import { z } from 'zod';
import { escapeHtml } from '../../lib/html.js';
import type { MailMessage } from '../mail/schema.js';
import { checkoutText, formatDate, formatMoney } from './checkout/text.js';

/**
 * The receipt a buyer gets when an order completes, as a mail template (mail/handler.ts renders
 * it when sending): a completion queues a few hundred bytes of data, not the rendered text and
 * HTML, so a burst of purchases writes, claims and completes small job rows. The words are the
 * checkout's, in the order's language.
 */
export const RECEIPT_TEMPLATE = 'commerce.receipt';

export const receiptData = z.object({
  to: z.string().min(3),
  lang: z.string(),
  name: z.string().nullable(),
  seller: z.string(),
  product: z.string(),
  /** Minor units. */
  amount: z.number().int(),
  currency: z.string(),
  orderId: z.number().int(),
  subscription: z.boolean(),
  /** When the order completed (ISO). */
  at: z.string(),
});
export type ReceiptData = z.infer<typeof receiptData>;

export function receiptMail(r: ReceiptData): MailMessage {
  const tx = (key: string, vars?: Record<string, string | number>) => checkoutText(r.lang, key, vars);
  const amount = formatMoney(r.amount, r.currency, r.lang);
  const lines = [
    r.name ? tx('receipt_greeting', { name: r.name }) : tx('receipt_greeting_no_name'),
    tx('receipt_intro', { seller: r.seller }),
    tx('receipt_product', { product: r.product }),
    tx('receipt_amount', { amount }),
    tx('order_number', { order: r.orderId }),
    tx('receipt_date', { date: formatDate(new Date(r.at), r.lang) }),
    ...(r.subscription ? [tx('receipt_subscription', { price: amount })] : []),
    tx('receipt_questions'),
    `${tx('receipt_signoff')}\n${r.seller}`,
  ];
  return {
    to: r.to,
    subject: tx('receipt_subject', { product: r.product }),
    text: `${lines.join('\n\n')}\n`,
    html: `<!doctype html><html lang="${escapeHtml(r.lang)}"><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:560px;margin:auto">${lines
      .map((l) => `<p>${escapeHtml(l)}</p>`)
      .join('')}</body></html>`,
  };
}
