import { LANGUAGES } from '../../accounts/locales.js';

/**
 * English-only stand-in for `i18n.ts` (the 24 languages, written by the commerce-web helper), with
 * the same keys (a copy of its English catalog) and the same `checkoutText` and
 * `resolveCheckoutLanguage`, so the pages switch by changing the import in `text.ts`.
 */

type PluralForms = { other: string; one?: string };

const en: Record<string, string | PluralForms> = {
  checkout_title: 'Checkout · {product}',
  skip_to_content: 'Skip to content',
  secure_checkout: 'Secure checkout',
  test_mode_badge: 'Test mode: no real payment',
  order_summary: 'Order summary',
  choose_price: 'Choose how you would like to pay',
  price_one_time: '{amount}, one-time payment',
  price_day: { one: '{amount} per day', other: '{amount} every {n} days' },
  price_week: { one: '{amount} per week', other: '{amount} every {n} weeks' },
  price_month: { one: '{amount} per month', other: '{amount} every {n} months' },
  price_year: { one: '{amount} per year', other: '{amount} every {n} years' },
  price_installments: { one: '{n} payment of {amount}', other: '{n} payments of {amount}' },
  trial_days: { one: '{n}-day free trial', other: '{n}-day free trial' },
  trial_then: '{trial}, then {price}',
  due_today: 'Due today',
  total: 'Total',
  your_details: 'Your details',
  billing_address: 'Billing address',
  field_email: 'Email address',
  field_first_name: 'First name',
  field_last_name: 'Last name',
  field_address_line1: 'Street and house number',
  field_address_line2: 'Apartment, suite, floor',
  field_city: 'City',
  field_region: 'State or region',
  field_postal_code: 'Postal code',
  field_country: 'Country',
  choose_country: 'Choose your country',
  field_phone: 'Phone number',
  optional: 'optional',
  required: 'required',
  gdpr_consent:
    'I agree that {seller} stores and processes my details to handle this order and may contact me about it.',
  privacy_policy: 'Privacy policy',
  pay_button: 'Pay {amount}',
  start_trial_button: 'Start free trial',
  continue_to_payment: 'Continue to payment',
  redirect_note: 'You will be taken to our payment provider to complete the payment securely.',
  error_summary: 'Please check the highlighted fields.',
  error_required: 'Please fill in this field.',
  error_email_invalid: 'Please enter a valid email address, such as name@example.com.',
  error_postal_code_invalid: 'Please enter a valid postal code.',
  error_phone_invalid: 'Please enter a valid phone number.',
  error_country_invalid: 'Please choose a country from the list.',
  error_consent_required: 'Please tick the box to agree before you continue.',
  error_price_invalid: 'Please choose one of the prices shown.',
  error_too_long: 'This entry is too long.',
  error_expired: 'This page has expired. Please check your details and submit the form again.',
  error_unavailable: 'This product cannot be bought right now.',
  error_gateway: 'We could not reach the payment provider. Please try again in a few minutes.',
  processing: 'Processing your payment. Please do not close this page.',
  payment_failed_title: 'Payment failed',
  payment_failed: 'Your payment could not be completed. Please try again or use another payment method.',
  payment_cancelled_title: 'Payment cancelled',
  payment_cancelled: 'You cancelled the payment and nothing was charged. You can try again at any time.',
  try_again: 'Try again',
  back_to_checkout: 'Back to checkout',
  sandbox_title: 'Test payment',
  sandbox_notice: 'This is a test payment page. No real money is charged.',
  sandbox_amount: 'Amount: {amount}',
  sandbox_pay: 'Complete test payment',
  sandbox_fail: 'Simulate a failed payment',
  sandbox_cancel: 'Cancel and go back',
  thank_you_title: 'Thank you for your purchase!',
  thank_you_body: 'Your order for {product} is confirmed. We have sent a receipt to {email}.',
  thank_you_pending:
    'We are confirming your payment for {product}. You will receive a receipt at {email} as soon as it is complete.',
  thank_you_access:
    'If your purchase includes access to a members’ area, look out for an email with a link to set your password.',
  order_number: 'Order number: {order}',
  not_found_title: 'Page not found',
  not_found: 'This checkout does not exist or is no longer available.',
  receipt_subject: 'Your receipt for {product}',
  receipt_greeting: 'Hello {name},',
  receipt_greeting_no_name: 'Hello,',
  receipt_intro: 'Thank you for your purchase from {seller}. Here are the details of your order:',
  receipt_date: 'Date: {date}',
  receipt_product: 'Product: {product}',
  receipt_amount: 'Amount paid: {amount}',
  receipt_subscription: 'This is a subscription: {price}. It renews automatically until you cancel it.',
  receipt_questions: 'If you have any questions, simply reply to this email.',
  receipt_signoff: 'Kind regards,',
};

export function checkoutText(_lang: string, key: string, vars: Record<string, string | number> = {}): string {
  const m = en[key] ?? key;
  const n = typeof vars.n === 'number' ? vars.n : undefined;
  const template = typeof m === 'string' ? m : n === 1 && m.one ? m.one : m.other;
  return template.replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all));
}

const CODES = new Set(Object.keys(LANGUAGES));

export function resolveCheckoutLanguage(
  productLanguage: string | null | undefined,
  acceptLanguage: string | undefined,
  _countryHeader: string | undefined,
): string {
  if (productLanguage && productLanguage !== 'auto' && CODES.has(productLanguage)) return productLanguage;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const code = part.trim().split(';')[0]!.split('-')[0]!.toLowerCase();
    if (CODES.has(code)) return code;
    if (code === 'nb' || code === 'nn') return 'no';
  }
  return 'en';
}
