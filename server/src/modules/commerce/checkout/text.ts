/**
 * The checkout's words in the buyer's language, and money in the buyer's conventions. Every
 * page, mail and diagnostic of commerce takes its words from here.
 */
export { checkoutText, resolveCheckoutLanguage } from './english.js';

/** Digits after the decimal point of a currency's minor unit (JPY 0, most others 2). */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/** An integer amount in minor units, formatted for the language (e.g. 4900 EUR → "49,00 €" in de). */
export function formatMoney(amount: number, currency: string, lang: string): string {
  const digits = minorDigits(currency);
  const value = amount / 10 ** digits;
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${currency}`;
  }
}

export function formatDate(at: Date, lang: string): string {
  try {
    return at.toLocaleDateString(lang, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  } catch {
    return at.toISOString().slice(0, 10);
  }
}

/** Writing direction of a language (Arabic and Hebrew run right to left). */
export const textDir = (lang: string): 'rtl' | 'ltr' => (lang === 'ar' || lang === 'he' ? 'rtl' : 'ltr');
