/**
 * The account currencies and checkout languages an owner may choose. The currency list is the
 * 21 of the product brief (its "BGP" is GBP); languages are ISO 639-1 plus `auto` (the visitor's).
 */
export const CURRENCIES = {
  USD: 'US dollar',
  EUR: 'Euro',
  GBP: 'Pound sterling',
  AUD: 'Australian dollar',
  CAD: 'Canadian dollar',
  NZD: 'New Zealand dollar',
  CHF: 'Swiss franc',
  SEK: 'Swedish krona',
  NOK: 'Norwegian krone',
  DKK: 'Danish krone',
  PLN: 'Polish złoty',
  CZK: 'Czech koruna',
  HUF: 'Hungarian forint',
  JPY: 'Japanese yen',
  HKD: 'Hong Kong dollar',
  SGD: 'Singapore dollar',
  MXN: 'Mexican peso',
  BRL: 'Brazilian real',
  ZAR: 'South African rand',
  INR: 'Indian rupee',
  ILS: 'Israeli new shekel',
} as const;

export const LANGUAGES = {
  af: 'Afrikaans',
  ar: 'Arabic',
  bg: 'Bulgarian',
  zh: 'Chinese',
  cs: 'Czech',
  da: 'Danish',
  nl: 'Dutch',
  en: 'English',
  fi: 'Finnish',
  fr: 'French',
  de: 'German',
  he: 'Hebrew',
  hi: 'Hindi',
  it: 'Italian',
  ms: 'Malay',
  no: 'Norwegian',
  pl: 'Polish',
  pt: 'Portuguese',
  ro: 'Romanian',
  ru: 'Russian',
  sk: 'Slovak',
  es: 'Spanish',
  sv: 'Swedish',
  th: 'Thai',
} as const;

export type CurrencyCode = keyof typeof CURRENCIES;
export type LanguageCode = keyof typeof LANGUAGES | 'auto';
export const CURRENCY_CODES = Object.keys(CURRENCIES) as [CurrencyCode, ...CurrencyCode[]];
export const LANGUAGE_CODES = [...Object.keys(LANGUAGES), 'auto'] as unknown as [
  LanguageCode,
  ...LanguageCode[],
];
