import type { DbOrTrx } from '../../db/types.js';
import type { OrderRow, SubscriptionRow } from '../commerce/service.js';
import { kartraTime } from './details.js';

/**
 * Atrium's orders and subscriptions in Kartra's words (kartra-api.md §2.4, §4, §4.1):
 * `transaction_id` is the order id, `transaction_internal_subscription_id` the subscription id,
 * `transaction_subscription_id` the gateway's subscription reference; amounts are decimal strings
 * in the order's currency; `product_price_point` is the price's 1-based position in its product.
 */

const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'HUF', 'TWD', 'UGX', 'XAF', 'XOF']);

export function decimalAmount(minor: number, currency: string): string {
  return ZERO_DECIMAL.has(currency.toUpperCase()) ? String(minor) : (minor / 100).toFixed(2);
}

/** Kartra's status words for Atrium's subscription statuses. */
export const subscriptionStatusWord = (s: string) =>
  s === 'cancelled' ? 'Cancelled' : s === 'active' || s === 'past_due' ? 'Active' : 'Terminated';

export type TransactionType = 'sale' | 'refund' | 'failed' | 'cancellation' | 'rebill';

/** transaction_details of an order (and its subscription, if any). */
export async function transactionDetails(
  db: DbOrTrx,
  accountId: number,
  order: OrderRow,
  type: TransactionType,
  at?: string | null,
): Promise<Record<string, string>> {
  const lead =
    order.lead_id === null
      ? undefined
      : await db
          .selectFrom('leads')
          .selectAll()
          .where('account_id', '=', accountId)
          .where('id', '=', order.lead_id)
          .executeTakeFirst();
  const prices = await db
    .selectFrom('prices')
    .select(['id'])
    .where('account_id', '=', accountId)
    .where('product_id', '=', order.product_id)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const sub = await db
    .selectFrom('subscriptions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('order_id', '=', order.id)
    .executeTakeFirst();
  const amount = decimalAmount(Number(order.amount), order.currency);
  const country = lead?.country ?? '';
  return {
    transaction_id: String(order.id),
    transaction_type: type,
    transaction_date: kartraTime(at ?? order.completed_at ?? order.created_at),
    transaction_full_amount: amount,
    transaction_base_amount: amount,
    transaction_discount: '0.00',
    transaction_shipping: '0.00',
    transaction_tax: '0.00',
    transaction_currency: order.currency,
    transaction_quantity: '1',
    transaction_parent_id: type === 'refund' ? String(order.id) : '0',
    transaction_subscription_id: sub?.gateway_ref ?? '',
    transaction_internal_subscription_id: sub ? String(sub.id) : '',
    transaction_last_4_card_digits: '',
    transaction_affiliate: '',
    transaction_jv: '',
    original_id: String(order.id),
    payment_processor_type: order.gateway,
    product_name: order.product_name,
    product_id: String(order.product_id),
    product_price_point: String(Math.max(1, prices.findIndex((p) => p.id === order.price_id) + 1)),
    lead_id: order.lead_id === null ? '' : String(order.lead_id),
    lead_first_name: lead?.first_name ?? order.first_name ?? '',
    lead_last_name: lead?.last_name ?? order.last_name ?? '',
    lead_email: lead?.email ?? order.email,
    lead_username: '',
    lead_phone_country_code: lead?.phone_country_code ?? '',
    lead_phone_number: lead?.phone ?? '',
    lead_address: lead?.address ?? '',
    lead_city: lead?.city ?? '',
    lead_zip: lead?.zip ?? '',
    lead_state: lead?.state ?? '',
    lead_country: country,
    lead_country_code_2: country.length === 2 ? country.toUpperCase() : '',
    lead_country_code_3: country.length === 3 ? country.toUpperCase() : '',
    lead_ip: lead?.ip ?? order.ip ?? '',
  };
}

/** get_subscription_details' subscription_details. */
export function subscriptionDetails(sub: SubscriptionRow, pricePoint: number, nextPaymentAt: string | null) {
  const installmentsLeft = sub.installments === null ? 'Until cancelled' : String(sub.installments);
  const active = sub.status !== 'cancelled';
  return {
    subscription_id: String(sub.id),
    subscription_product_id: String(sub.product_id),
    subscription_price_point: String(pricePoint),
    subscription_lead_id: String(sub.lead_id),
    subscription_start_date: kartraTime(sub.created_at),
    subscription_end_date: active ? '0000-00-00 00:00:00' : kartraTime(sub.cancelled_at),
    subscription_current_installment: '1',
    subscription_installments_left: installmentsLeft,
    subscription_recurring_period: `${sub.interval_count} ${sub.interval}`,
    subscription_status: subscriptionStatusWord(sub.status),
    subscription_next_payment_date: active && nextPaymentAt ? kartraTime(nextPaymentAt) : '',
    subscription_next_scheduled_payment_amount: active
      ? decimalAmount(Number(sub.amount), sub.currency)
      : 'N/A',
    subscription_affiliate: '',
    subscription_jv: '',
  };
}
