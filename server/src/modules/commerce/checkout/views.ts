import { escapeHtml as e } from '../../../lib/html.js';
import type { PriceRow, ProductRow } from '../service.js';
import { checkoutText, countryOptions, formatMoney, htmlLangOf, textDir } from './text.js';

/**
 * The buyer's pages: plain semantic HTML (landmarks, labelled fields, errors tied to their
 * fields with aria-describedby and summarised in a role="alert" box, a skip link), one small
 * inline stylesheet that works from 320 px up, no scripts. Every word comes from `checkoutText`.
 */

export type Tx = (key: string, vars?: Record<string, string | number>) => string;
export const txFor =
  (lang: string): Tx =>
  (key, vars) =>
    checkoutText(lang, key, vars);

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f6f8fa}
a{color:#0a58ca}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #0a58ca;outline-offset:2px}
.skip{position:absolute;top:0;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}.skip:focus{width:auto;height:auto;clip-path:none;top:1rem;inset-inline-start:1rem;background:#fff;padding:.5rem;z-index:1}
header{background:#fff;border-bottom:1px solid #d0d7de}
.bar{max-width:60rem;margin:auto;padding:.75rem 1rem;display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap}
.brand{font-weight:600;margin:0}
.badge{background:#fff8c5;border:1px solid #d4a72c;border-radius:99px;padding:0 .6rem;font-size:.85rem}
main{max-width:60rem;margin:1.25rem auto;padding:0 1rem;display:grid;gap:1rem}
@media(min-width:48rem){main.two{grid-template-columns:1fr 20rem;align-items:start}main.two aside{order:2}}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:1.25rem 1.5rem}
h1{font-size:1.5rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
fieldset{border:0;padding:0;margin:0 0 .5rem}legend{font-weight:600;font-size:1.1rem;margin:1rem 0 .25rem;padding:0}
label{display:block;font-weight:600;margin:.7rem 0 .2rem}
.opt{font-weight:400;color:#57606a}
input[type=email],input[type=text],input[type=tel],select{width:100%;padding:.65rem;border:1px solid #8c959f;border-radius:6px;font:inherit;background:#fff}
input[aria-invalid=true]{border-color:#cf222e;border-width:2px}
.row{display:grid;gap:0 1rem}@media(min-width:30rem){.row{grid-template-columns:1fr 1fr}}
.price{display:flex;gap:.6rem;align-items:flex-start;border:1px solid #d0d7de;border-radius:6px;padding:.7rem;margin:.4rem 0;font-weight:400}
.price input{margin-top:.3rem;width:1.1rem;height:1.1rem}
.check{display:flex;gap:.6rem;align-items:flex-start;font-weight:400}.check input{margin-top:.3rem;width:1.1rem;height:1.1rem;flex:none}
.err{color:#cf222e;font-weight:600;margin:.2rem 0 0}
button{font:inherit;font-weight:600;width:100%;padding:.8rem 1.1rem;border-radius:6px;border:1px solid #0a58ca;background:#0a58ca;color:#fff;cursor:pointer;margin-top:1.25rem}
button.secondary{background:#fff;color:#0a58ca}
.alert{border-left:4px solid #cf222e;background:#fff5f5;padding:.6rem .9rem;margin:.5rem 0 1rem}
.note{border-left:4px solid #1a7f37;background:#f0fff4;padding:.6rem .9rem;margin:.75rem 0}
.muted{color:#57606a}
.summary img{max-width:100%;height:auto;border-radius:6px}
.total{display:flex;justify-content:space-between;border-top:1px solid #d0d7de;margin-top:1rem;padding-top:.75rem;font-weight:600}
`;

export function page(
  lang: string,
  title: string,
  seller: string,
  main: string,
  opts: { twoColumns?: boolean; testMode?: boolean; refreshSeconds?: number } = {},
): string {
  const tx = txFor(lang);
  const refresh = opts.refreshSeconds ? `<meta http-equiv="refresh" content="${opts.refreshSeconds}">` : '';
  return `<!doctype html><html lang="${e(htmlLangOf(lang))}" dir="${textDir(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${refresh}<title>${e(title)}</title><style>${CSS}</style></head><body><a class="skip" href="#main">${e(tx('skip_to_content'))}</a><header><div class="bar"><p class="brand">${e(seller)}</p><p class="muted" style="margin:0">${e(tx('secure_checkout'))}${opts.testMode ? ` <span class="badge">${e(tx('test_mode_badge'))}</span>` : ''}</p></div></header><main id="main"${opts.twoColumns ? ' class="two"' : ''}>${main}</main></body></html>`;
}

const INTERVAL_KEY: Record<string, string> = {
  day: 'price_day',
  week: 'price_week',
  month: 'price_month',
  year: 'price_year',
};

/** "€49.00 per month", "3 payments of €10.00", "14-day free trial, then €9.00 per month". */
export function priceLabel(p: PriceRow, lang: string): string {
  const tx = txFor(lang);
  const amount = formatMoney(Number(p.amount), p.currency, lang);
  if (p.type === 'one_time') return tx('price_one_time', { amount });
  const every = tx(INTERVAL_KEY[p.interval ?? 'month'] ?? 'price_month', { amount, n: p.interval_count });
  if (p.type === 'payment_plan')
    return `${tx('price_installments', { n: p.installments ?? 2, amount })} (${every})`;
  if (p.trial_days > 0)
    return tx('trial_then', { trial: tx('trial_days', { n: p.trial_days }), price: every });
  return every;
}

export type FormValues = Partial<
  Record<
    | 'email'
    | 'first_name'
    | 'last_name'
    | 'phone'
    | 'address'
    | 'city'
    | 'zip'
    | 'state'
    | 'country'
    | 'price_id'
    | 'gdpr_consent',
    string
  >
>;
export type FormErrors = Partial<Record<keyof FormValues | 'form', string>>;

export type CheckoutView = {
  lang: string;
  seller: string;
  product: ProductRow;
  prices: PriceRow[];
  token: string;
  values: FormValues;
  errors: FormErrors;
  testMode: boolean;
};

function field(
  tx: Tx,
  v: CheckoutView,
  name: keyof FormValues,
  labelKey: string,
  opts: { type?: string; autocomplete: string; required?: boolean; max?: number },
): string {
  const err = v.errors[name];
  const id = `f-${name}`;
  const described = err ? ` aria-describedby="${id}-err" aria-invalid="true"` : '';
  const marker = opts.required ? '' : ` <span class="opt">(${e(tx('optional'))})</span>`;
  return `<label for="${id}">${e(tx(labelKey))}${marker}</label><input id="${id}" name="${name}" type="${opts.type ?? 'text'}" autocomplete="${opts.autocomplete}" maxlength="${opts.max ?? 255}"${opts.required ? ' required aria-required="true"' : ''} value="${e(v.values[name] ?? '')}"${described}>${err ? `<p class="err" id="${id}-err">${e(err)}</p>` : ''}`;
}

function countrySelect(tx: Tx, v: CheckoutView): string {
  const err = v.errors.country;
  const chosen = v.values.country ?? '';
  const options = countryOptions(v.lang as Parameters<typeof countryOptions>[0])
    .map((c) => `<option value="${e(c.code)}"${c.code === chosen ? ' selected' : ''}>${e(c.name)}</option>`)
    .join('');
  return `<label for="f-country">${e(tx('field_country'))} <span class="opt">(${e(tx('optional'))})</span></label><select id="f-country" name="country" autocomplete="country"${err ? ' aria-describedby="f-country-err" aria-invalid="true"' : ''}><option value="">${e(tx('choose_country'))}</option>${options}</select>${err ? `<p class="err" id="f-country-err">${e(err)}</p>` : ''}`;
}

/** The label each form field shows, so the error summary can say which field a message is about. */
const FIELD_LABELS: Record<string, string> = {
  email: 'field_email',
  first_name: 'field_first_name',
  last_name: 'field_last_name',
  phone: 'field_phone',
  address: 'field_address_line1',
  zip: 'field_postal_code',
  city: 'field_city',
  state: 'field_region',
  country: 'field_country',
  price_id: 'choose_price',
};

/** "Email address: Enter a valid email address" — the consent box's message already names it. */
function summaryItem(tx: Tx, field: string, message: string): string {
  const label = FIELD_LABELS[field];
  return label ? `${tx(label)}: ${message}` : message;
}

export function checkoutPage(v: CheckoutView): string {
  const tx = txFor(v.lang);
  const { product } = v;
  const selected = v.values.price_id ?? String(v.prices[0]?.id ?? '');
  const chosen = v.prices.find((p) => String(p.id) === selected) ?? v.prices[0];
  const errorList = Object.entries(v.errors).filter(([k]) => k !== 'form');
  const summaryBox =
    v.errors.form || errorList.length
      ? `<div class="alert" role="alert" id="errors"><p style="margin:0"><strong>${e(v.errors.form ?? tx('error_summary'))}</strong></p>${
          errorList.length
            ? `<ul>${errorList.map(([k, m]) => `<li><a href="#f-${k}">${e(summaryItem(tx, k, m!))}</a></li>`).join('')}</ul>`
            : ''
        }</div>`
      : '';
  const priceErr = v.errors.price_id;
  const prices =
    v.prices.length === 1
      ? `<input type="hidden" name="price_id" value="${v.prices[0]!.id}"><p>${e(priceLabel(v.prices[0]!, v.lang))}</p>`
      : `<fieldset id="f-price_id"${priceErr ? ' aria-describedby="f-price_id-err"' : ''}><legend>${e(tx('choose_price'))}</legend>${v.prices
          .map(
            (p) =>
              `<label class="price"><input type="radio" name="price_id" value="${p.id}"${String(p.id) === selected ? ' checked' : ''} required><span>${e(priceLabel(p, v.lang))}</span></label>`,
          )
          .join('')}${priceErr ? `<p class="err" id="f-price_id-err">${e(priceErr)}</p>` : ''}</fieldset>`;
  const consentErr = v.errors.gdpr_consent;
  const consent = product.ask_gdpr_consent
    ? `<div style="margin-top:1rem"><label class="check" for="f-gdpr_consent"><input type="checkbox" id="f-gdpr_consent" name="gdpr_consent" value="1" required aria-required="true"${v.values.gdpr_consent ? ' checked' : ''}${consentErr ? ' aria-describedby="f-gdpr_consent-err" aria-invalid="true"' : ''}><span>${e(tx('gdpr_consent', { seller: v.seller }))}</span></label>${consentErr ? `<p class="err" id="f-gdpr_consent-err">${e(consentErr)}</p>` : ''}</div>`
    : '';
  const summary = `<aside class="card summary" aria-labelledby="summary-h"><h2 id="summary-h" style="margin-top:0">${e(tx('order_summary'))}</h2>${
    product.image_url ? `<img src="${e(product.image_url)}" alt="">` : ''
  }<p><strong>${e(product.name)}</strong></p>${product.description ? `<p class="muted">${e(product.description)}</p>` : ''}${
    chosen
      ? `<p class="total"><span>${e(tx('due_today'))}</span><span>${e(
          formatMoney(
            chosen.type === 'subscription' && chosen.trial_days > 0 ? 0 : Number(chosen.amount),
            chosen.currency,
            v.lang,
          ),
        )}</span></p>`
      : ''
  }</aside>`;
  const form = `<section class="card" aria-labelledby="title"><h1 id="title">${e(product.name)}</h1>${summaryBox}
<form method="post" action="/checkout/${e(product.slug)}" novalidate>
<input type="hidden" name="checkout_token" value="${e(v.token)}">
${prices}
<fieldset><legend>${e(tx('your_details'))}</legend>
${field(tx, v, 'email', 'field_email', { type: 'email', autocomplete: 'email', required: true, max: 254 })}
<div class="row"><div>${field(tx, v, 'first_name', 'field_first_name', { autocomplete: 'given-name', required: true, max: 100 })}</div><div>${field(tx, v, 'last_name', 'field_last_name', { autocomplete: 'family-name', required: true, max: 100 })}</div></div>
${field(tx, v, 'phone', 'field_phone', { type: 'tel', autocomplete: 'tel', max: 50 })}
</fieldset>
<fieldset><legend>${e(tx('billing_address'))}</legend>
${field(tx, v, 'address', 'field_address_line1', { autocomplete: 'street-address' })}
<div class="row"><div>${field(tx, v, 'zip', 'field_postal_code', { autocomplete: 'postal-code', max: 50 })}</div><div>${field(tx, v, 'city', 'field_city', { autocomplete: 'address-level2' })}</div></div>
<div class="row"><div>${field(tx, v, 'state', 'field_region', { autocomplete: 'address-level1' })}</div><div>${countrySelect(tx, v)}</div></div>
</fieldset>
${consent}
<button type="submit">${e(chosen && chosen.type === 'subscription' && chosen.trial_days > 0 ? tx('start_trial_button') : tx('continue_to_payment'))}</button>
<p class="muted">${e(tx('redirect_note'))}</p>
</form></section>`;
  return page(v.lang, tx('checkout_title', { product: product.name }), v.seller, form + summary, {
    twoColumns: true,
    testMode: v.testMode,
  });
}

export function messagePage(
  lang: string,
  seller: string,
  heading: string,
  paragraphs: string[],
  opts: { link?: { href: string; label: string }; refreshSeconds?: number; status?: boolean } = {},
): string {
  const body = paragraphs.map((p) => `<p>${e(p)}</p>`).join('');
  return page(
    lang,
    heading,
    seller,
    `<section class="card"${opts.status ? ' role="status"' : ''}><h1>${e(heading)}</h1>${body}${
      opts.link ? `<p><a href="${e(opts.link.href)}">${e(opts.link.label)}</a></p>` : ''
    }</section>`,
    opts.refreshSeconds ? { refreshSeconds: opts.refreshSeconds } : {},
  );
}

export function sandboxPayPage(v: {
  lang: string;
  seller: string;
  productName: string;
  amount: string;
  action: string;
  csrf: string;
  back: string;
}): string {
  const tx = txFor(v.lang);
  return page(
    v.lang,
    tx('sandbox_title'),
    v.seller,
    `<section class="card"><h1>${e(tx('sandbox_title'))}</h1><p class="note">${e(tx('sandbox_notice'))}</p>
<p><strong>${e(v.productName)}</strong></p><p>${e(tx('sandbox_amount', { amount: v.amount }))}</p>
<form method="post" action="${e(v.action)}"><input type="hidden" name="csrf" value="${e(v.csrf)}">
<button type="submit" name="outcome" value="pay">${e(tx('sandbox_pay'))}</button>
<button type="submit" name="outcome" value="fail" class="secondary">${e(tx('sandbox_fail'))}</button>
</form><p><a href="${e(v.back)}">${e(tx('sandbox_cancel'))}</a></p></section>`,
    { testMode: true },
  );
}
