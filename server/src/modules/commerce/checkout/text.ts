import {
  type CheckoutLanguage,
  checkoutTextUnchecked,
  countryName,
  countryOptions,
  currencyExponent,
  dir,
  htmlLang,
  formatDate as i18nDate,
  formatMoney as i18nMoney,
  isCheckoutLanguage,
  isCountryCode,
  resolveCheckoutLanguage,
} from './i18n.js';

/**
 * The checkout's words in the buyer's language (from `i18n.ts`, the 24 languages), and money,
 * dates and countries in the buyer's conventions. Every page, mail and diagnostic of commerce
 * takes its words from here.
 */

export { countryName, countryOptions, isCountryCode, resolveCheckoutLanguage };

const langOf = (lang: string): CheckoutLanguage => (isCheckoutLanguage(lang) ? lang : 'en');

export const checkoutText = (lang: string, key: string, vars: Record<string, string | number> = {}): string =>
  checkoutTextUnchecked(langOf(lang), key, vars);

/** Digits after the decimal point of a currency's minor unit (JPY 0, the others 2). */
export const minorDigits = (currency: string): number => currencyExponent(currency);

/**
 * An integer amount in minor units, formatted for the language (e.g. 4900 EUR → "49,00 €" in de).
 * Formats the unit amount once per language and currency through i18n.ts (building an
 * Intl formatter costs far more than using one) and scales the digits with the same formatter.
 */
const moneyFormats = new Map<string, Intl.NumberFormat>();
export function formatMoney(amount: number, currency: string, lang: string): string {
  const l = langOf(lang);
  const key = `${l}:${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    const digits = currencyExponent(currency);
    // i18n.ts's options, kept once; checked against i18nMoney by the tests.
    f = new Intl.NumberFormat(htmlLang(l), {
      style: 'currency',
      currency: currency.toUpperCase(),
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    moneyFormats.set(key, f);
  }
  return f.format(amount / 10 ** currencyExponent(currency));
}
export const formatMoneyUncached = (amount: number, currency: string, lang: string): string =>
  i18nMoney(langOf(lang), amount, currency);

const dateFormats = new Map<string, string>();
/** Dates by day: one formatting per language and day. */
export function formatDate(at: Date, lang: string): string {
  const key = `${lang}:${at.toISOString().slice(0, 10)}`;
  let v = dateFormats.get(key);
  if (v === undefined) {
    v = i18nDate(langOf(lang), at);
    if (dateFormats.size > 5000) dateFormats.clear();
    dateFormats.set(key, v);
  }
  return v;
}

/** Writing direction of a language (Arabic and Hebrew run right to left). */
export const textDir = (lang: string): 'rtl' | 'ltr' => dir(langOf(lang));
/** The `lang` attribute for a language (`no` is written `nb`). */
export const htmlLangOf = (lang: string): string => htmlLang(langOf(lang));
