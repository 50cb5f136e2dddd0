import type { OrderStatus, Price, PriceInterval, SubscriptionStatus } from '../../api/commerce';

/** Digits of a currency's minor unit: amounts travel as integers (4900 = 49.00; JPY has none). */
export const minorDigits = (currency: string) => (currency.toUpperCase() === 'JPY' ? 0 : 2);

/** Minor units → "€49.00" in the owner's locale. */
export function formatMoney(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(amount / 10 ** digits);
  } catch {
    return `${(amount / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}

/** "49.00" typed by the owner → 4900 minor units (null when it is not an amount). */
export function toMinor(text: string, currency: string): number | null {
  const cleaned = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  const digits = minorDigits(currency);
  const [whole = '0', frac = ''] = cleaned.split('.');
  if (frac.length > digits) return null;
  return Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
}

/** 4900 → "49.00", the form's text for an amount. */
export const fromMinor = (amount: number, currency: string) =>
  (amount / 10 ** minorDigits(currency)).toFixed(minorDigits(currency));

const unit: Record<PriceInterval, [string, string]> = {
  day: ['day', 'days'],
  week: ['week', 'weeks'],
  month: ['month', 'months'],
  year: ['year', 'years'],
};

export const everyInterval = (interval: PriceInterval, count: number) =>
  count === 1 ? `per ${unit[interval][0]}` : `every ${count} ${unit[interval][1]}`;

/** "€49.00 one-time", "€9.00 per month, 14-day trial", "3 × €30.00 per month". */
export function priceLabel(
  p: Pick<
    Price,
    'type' | 'amount' | 'currency' | 'interval' | 'interval_count' | 'trial_days' | 'installments'
  >,
): string {
  const money = formatMoney(p.amount, p.currency);
  if (p.type === 'one_time' || !p.interval) return `${money} one-time`;
  const every = everyInterval(p.interval, p.interval_count);
  if (p.type === 'payment_plan') return `${p.installments ?? '?'} × ${money} ${every}`;
  return p.trial_days > 0 ? `${money} ${every}, ${p.trial_days}-day free trial` : `${money} ${every}`;
}

export const orderStatusColor: Record<OrderStatus, string> = {
  pending: 'yellow',
  completed: 'teal',
  failed: 'red',
  refunded: 'gray',
};

export const subscriptionStatusColor: Record<SubscriptionStatus, string> = {
  active: 'teal',
  past_due: 'orange',
  cancelled: 'gray',
};

export const statusLabel = (s: string) =>
  s === 'past_due' ? 'Past due' : s.charAt(0).toUpperCase() + s.slice(1);
