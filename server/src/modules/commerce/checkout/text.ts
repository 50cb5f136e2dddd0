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

export { countryName, countryOptions, isCheckoutLanguage, isCountryCode, resolveCheckoutLanguage };

const langOf = (lang: string): CheckoutLanguage => (isCheckoutLanguage(lang) ? lang : 'en');

export const checkoutText = (lang: string, key: string, vars: Record<string, string | number> = {}): string =>
  checkoutTextUnchecked(langOf(lang), key, vars);

/** Digits after the decimal point of a currency's minor unit (JPY 0, the others 2). */
export const minorDigits = (currency: string): number => currencyExponent(currency);

/** An integer amount in minor units, formatted for the language (e.g. 4900 EUR → "49,00 €" in de). */
export const formatMoney = (amount: number, currency: string, lang: string): string =>
  i18nMoney(langOf(lang), amount, currency);

export const formatDate = (at: Date, lang: string): string => i18nDate(langOf(lang), at);

/** Writing direction of a language (Arabic and Hebrew run right to left). */
export const textDir = (lang: string): 'rtl' | 'ltr' => dir(langOf(lang));
/** The `lang` attribute for a language (`no` is written `nb`). */
export const htmlLangOf = (lang: string): string => htmlLang(langOf(lang));
