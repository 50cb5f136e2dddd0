import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../accounts/locales.js';
import {
  CHECKOUT_KEYS,
  CHECKOUT_LANGUAGES,
  type CheckoutLanguage,
  COUNTRY_CODES,
  checkoutMessage,
  checkoutText,
  checkoutTextUnchecked,
  countryOptions,
  dir,
  formatMoney,
  languageFromAcceptLanguage,
  type Message,
  resolveCheckoutLanguage,
} from './i18n.js';

const placeholders = (s: string) => new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));
const forms = (m: Message): [string, string][] =>
  typeof m === 'string'
    ? [['', m]]
    : Object.entries(m).filter((e): e is [string, string] => e[1] !== undefined);
/** The plural categories whole counts 1..1000 fall into (counts of days, months, payments). */
const categoriesUsed = (lang: string) => {
  const rules = new Intl.PluralRules(lang);
  const used = new Map<string, number[]>();
  for (let k = 1; k <= 1000; k++) {
    const c = rules.select(k);
    used.set(c, [...(used.get(c) ?? []), k]);
  }
  return used;
};

describe('checkout texts', () => {
  it('cover exactly the 24 languages of the account settings', () => {
    expect([...CHECKOUT_LANGUAGES].sort()).toEqual(Object.keys(LANGUAGES).sort());
    expect(CHECKOUT_LANGUAGES).toHaveLength(24);
  });

  it('have every key in every language, non-empty, with the same shape as English', () => {
    for (const lang of CHECKOUT_LANGUAGES) {
      for (const key of CHECKOUT_KEYS) {
        const m = checkoutMessage(lang, key);
        expect(m, `${lang}.${key}`).toBeDefined();
        expect(typeof m, `${lang}.${key}`).toBe(typeof checkoutMessage('en', key));
        for (const [, text] of forms(m)) expect(text.trim(), `${lang}.${key}`).not.toBe('');
      }
    }
  });

  it('keep every {placeholder} of the English text and add none', () => {
    for (const key of CHECKOUT_KEYS) {
      const en = checkoutMessage('en', key);
      const expected = new Set(forms(en).flatMap(([, t]) => [...placeholders(t)]));
      for (const lang of CHECKOUT_LANGUAGES) {
        const m = checkoutMessage(lang, key);
        if (typeof m === 'string') {
          expect(placeholders(m), `${lang}.${key}`).toEqual(expected);
          continue;
        }
        const used = categoriesUsed(lang);
        for (const [form, text] of forms(m)) {
          const got = placeholders(text);
          for (const p of got) expect(expected.has(p), `${lang}.${key}.${form} adds {${p}}`).toBe(true);
          for (const p of expected) {
            if (got.has(p)) continue;
            // Only {n} may be left out, and only by a form that stands for a single count.
            const single = form.startsWith('=') || used.get(form)?.length === 1;
            expect(p === 'n' && single, `${lang}.${key}.${form} drops {${p}}`).toBe(true);
          }
        }
      }
    }
  });

  it('give plural keys every form the language needs for counts 1..1000', () => {
    for (const lang of CHECKOUT_LANGUAGES) {
      const needed = [...categoriesUsed(lang).keys()].filter((c) => c !== 'other');
      for (const key of CHECKOUT_KEYS) {
        const m = checkoutMessage(lang, key);
        if (typeof m === 'string') continue;
        expect(m.other, `${lang}.${key}.other`).toBeTruthy();
        for (const c of needed) {
          // A language may spell a category out with exact forms when it covers one count only.
          const counts = categoriesUsed(lang).get(c)!;
          const covered = c in m || counts.every((k) => `=${k}` in m);
          // Without the category the text falls back to `other`, which must then hold {n}.
          expect(covered || placeholders(m.other).has('n'), `${lang}.${key} lacks ${c}`).toBe(true);
          if (['few', 'many', 'two', 'zero'].includes(c))
            expect(c in m, `${lang}.${key} lacks ${c}`).toBe(true);
        }
      }
    }
  });

  it('are translations, not English copies', () => {
    const enTexts = CHECKOUT_KEYS.map((k) => JSON.stringify(checkoutMessage('en', k)));
    for (const lang of CHECKOUT_LANGUAGES.filter((l) => l !== 'en')) {
      const same = CHECKOUT_KEYS.filter((k, i) => JSON.stringify(checkoutMessage(lang, k)) === enTexts[i]);
      // A few words are the same in some languages ("Total", "optional"); never more than a handful.
      expect(same.length, `${lang}: ${same.join(', ')}`).toBeLessThanOrEqual(3);
    }
  });

  it('fill placeholders and choose plural forms per language', () => {
    expect(checkoutText('de', 'pay_button', { amount: '49,00 €' })).toBe('49,00 € bezahlen');
    expect(checkoutText('de', 'price_month', { amount: '9 €', n: 1 })).toBe('9 € pro Monat');
    expect(checkoutText('de', 'price_month', { amount: '9 €', n: 3 })).toBe('9 € alle 3 Monate');
    expect(checkoutText('ru', 'price_month', { amount: 'X', n: 1 })).toBe('X в месяц');
    expect(checkoutText('ru', 'price_month', { amount: 'X', n: 2 })).toBe('X каждые 2 месяца');
    expect(checkoutText('ru', 'price_month', { amount: 'X', n: 5 })).toBe('X каждые 5 месяцев');
    expect(checkoutText('ru', 'price_month', { amount: 'X', n: 21 })).toBe('X каждый 21 месяц');
    expect(checkoutText('pl', 'trial_days', { n: 22 })).toBe('Bezpłatny okres próbny: 22 dni');
    expect(checkoutText('ar', 'price_month', { amount: 'X', n: 2 })).toBe('X كل شهرين');
    expect(checkoutText('ar', 'price_month', { amount: 'X', n: 11 })).toBe('X كل 11 شهرًا');
    expect(checkoutText('he', 'trial_days', { n: 2 })).toBe('ניסיון חינם ליומיים');
    expect(checkoutText('zh', 'price_year', { amount: 'X', n: 1 })).toBe('每年 X');
    expect(checkoutText('en', 'trial_days', { n: 14 })).toBe('14-day free trial');
    expect(checkoutText('en', 'thank_you_title')).toBe('Thank you for your purchase!');
    // An unknown language falls back to English.
    expect(checkoutText('xx' as CheckoutLanguage, 'total')).toBe('Total');
  });

  it('write right-to-left languages right to left', () => {
    expect(dir('ar')).toBe('rtl');
    expect(dir('he')).toBe('rtl');
    expect(CHECKOUT_LANGUAGES.filter((l) => dir(l) === 'rtl').sort()).toEqual(['ar', 'he']);
  });

  it('format money in minor units and name every country in every language', () => {
    expect(formatMoney('de', 4900, 'EUR')).toBe('49,00\u00a0€');
    expect(formatMoney('en', 4900, 'USD')).toBe('$49.00');
    expect(formatMoney('en', 4900, 'JPY')).toBe('¥4,900');
    expect(new Set(COUNTRY_CODES).size).toBe(COUNTRY_CODES.length);
    for (const lang of CHECKOUT_LANGUAGES) {
      const options = countryOptions(lang);
      expect(options).toHaveLength(COUNTRY_CODES.length);
      for (const o of options) expect(o.name, `${lang} ${o.code}`).not.toBe(o.code);
    }
  });
});

describe('resolveCheckoutLanguage', () => {
  it('uses a concrete product language whatever the visitor sends', () => {
    expect(resolveCheckoutLanguage('de', 'fr-FR,fr;q=0.9', 'FR', 'en')).toBe('de');
  });

  it('with auto, follows Accept-Language by q-value, skipping languages it does not have', () => {
    expect(resolveCheckoutLanguage('auto', 'ja;q=1, fr;q=0.4, de-AT;q=0.8', undefined)).toBe('de');
    expect(resolveCheckoutLanguage('auto', 'nb-NO', undefined)).toBe('no');
    expect(resolveCheckoutLanguage('auto', 'pt-BR,pt;q=0.9,en;q=0.8', 'US')).toBe('pt');
    expect(resolveCheckoutLanguage('auto', 'de;q=0, sv', undefined)).toBe('sv');
    expect(languageFromAcceptLanguage('*')).toBeUndefined();
    expect(languageFromAcceptLanguage(';;;,,q=abc')).toBeUndefined();
  });

  it('then the trusted country header, then the account language, then English', () => {
    expect(resolveCheckoutLanguage('auto', 'ja', 'AT', 'fr')).toBe('de');
    expect(resolveCheckoutLanguage('auto', undefined, 'br', 'fr')).toBe('pt');
    expect(resolveCheckoutLanguage('auto', 'ja', 'JP', 'fr')).toBe('fr');
    expect(resolveCheckoutLanguage('auto', undefined, undefined, 'auto')).toBe('en');
    expect(resolveCheckoutLanguage('auto', undefined, undefined)).toBe('en');
  });

  it('lets a product without a language inherit the account’s (or the visitor’s when that is auto)', () => {
    expect(resolveCheckoutLanguage(null, 'fr', undefined, 'it')).toBe('it');
    expect(resolveCheckoutLanguage(undefined, 'fr', undefined, 'auto')).toBe('fr');
    expect(resolveCheckoutLanguage('xx', 'es', undefined, 'it')).toBe('it');
  });
});

describe('checkoutTextUnchecked', () => {
  it('renders keys known at run time and refuses unknown ones', () => {
    expect(checkoutTextUnchecked('fr', 'field_city')).toBe('Ville');
    expect(checkoutTextUnchecked('de', 'price_day', { amount: '1 €', n: 2 })).toBe('1 € alle 2 Tage');
    expect(() => checkoutTextUnchecked('de', 'no_such_key')).toThrow(/no_such_key/);
  });
});
