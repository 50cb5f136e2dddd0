import { createHmac } from 'node:crypto';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Account } from '../../../db/types.js';
import type { AppDeps } from '../../../deps.js';
import { siteAccountOf } from '../../../http/site.js';
import { notFoundPage } from '../../../http/static.js';
import { randomToken, safeEqual } from '../../../lib/crypto.js';
import { AppError } from '../../../lib/errors.js';
import { isValidEmail } from '../../leads/fields.js';
import { createGateways, type Gateways } from '../gateways/index.js';
import { SANDBOX_SIGNATURE_HEADER, signedSandboxWebhook } from '../gateways/sandbox.js';
import type { BuyerFields } from '../schema.js';
import { type OrderRow, type ProductRow, productForCheckout } from '../service.js';
import { receiveWebhook } from '../webhooks.js';
import { createPendingOrder } from './orders.js';
import {
  countryName,
  formatMoney,
  isCheckoutLanguage,
  isCountryCode,
  resolveCheckoutLanguage,
} from './text.js';
import {
  checkoutPage,
  type FormErrors,
  type FormValues,
  messagePage,
  sandboxPayPage,
  txFor,
} from './views.js';

/**
 * The hosted checkout on the account's site host:
 *   GET|POST /checkout/{slug}                  the form → a pending order → 303 to the gateway
 *   GET|POST /checkout/{slug}/pay/{order}      the sandbox gateway's pay page
 *   GET      /checkout/{slug}/thank-you/{order} the result (or a 303 to the product's thank-you URL)
 *
 * `checkout_token` (hidden field) is `nonce.hmac(browser cookie, nonce)`: posting it needs the
 * browser's own cookie (CSRF guard; a form from elsewhere also fails the Origin check), and
 * the nonce is new for every page view, so it is also the attempt's idempotency key: the same
 * token posted twice finds the order it made and sends the buyer to the same payment.
 */

const COOKIE = 'atrium_checkout';
const SITE_CSP = [
  "default-src 'self'",
  "script-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' https: data:",
  // Chrome applies form-action to the redirect after a POST: the gateway's page must be allowed.
  "form-action 'self' https://checkout.stripe.com",
  "frame-ancestors 'self'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

const slugParam = z.object({ slug: z.string().min(1).max(60) });
const orderParam = slugParam.extend({ token: z.string().min(10).max(60) });
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max * 4)
    .default('');
const checkoutForm = z.object({
  checkout_token: z.string().max(200).default(''),
  price_id: z.string().max(20).default(''),
  email: text(254),
  first_name: text(100),
  last_name: text(100),
  phone: text(50),
  address: text(255),
  city: text(255),
  zip: text(50),
  state: text(255),
  country: z.string().trim().toUpperCase().max(10).default(''),
  gdpr_consent: z.string().max(10).optional(),
});
const payForm = z.object({
  csrf: z.string().max(200).default(''),
  outcome: z.enum(['pay', 'fail']).default('pay'),
});

const sign = (key: string, value: string) =>
  createHmac('sha256', key).update(value).digest('base64url').slice(0, 32);

const LIMITS: Partial<Record<keyof FormValues, number>> = {
  email: 254,
  first_name: 100,
  last_name: 100,
  phone: 50,
  address: 255,
  city: 255,
  zip: 50,
  state: 255,
};

const hidden = { schema: { hide: true } };

export function checkoutRoutes(deps: AppDeps, gateways: Gateways = createGateways()): FastifyPluginAsync {
  return async (app) => {
    await app.register(fastifyFormbody, { bodyLimit: 16_384 });
    const secure = deps.config.publicScheme === 'https';

    const html = (reply: FastifyReply, status: number, body: string) =>
      reply
        .status(status)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', SITE_CSP)
        .send(body);
    const plain404 = (reply: FastifyReply) =>
      reply.status(404).header('content-type', 'text/html; charset=utf-8').send(notFoundPage());

    const sellerOf = (a: Account) => a.company || a.name;
    /**
     * The page's language: the product's, or with `auto` the visitor's (Accept-Language, then the
     * country a trusted proxy names). `?lang=xx` on a GET lets the owner preview any language.
     */
    const languageOf = (req: FastifyRequest, account: Account, productLanguage: string | null) => {
      const preview = (req.query as { lang?: unknown } | undefined)?.lang;
      if (req.method === 'GET' && isCheckoutLanguage(preview)) return preview;
      const country = deps.config.trustProxy
        ? [req.headers['cf-ipcountry'], req.headers['x-country-code']].find((h) => typeof h === 'string')
        : undefined;
      return resolveCheckoutLanguage(
        productLanguage,
        req.headers['accept-language'],
        country as string | undefined,
        account.checkout_language,
      );
    };

    /** This browser's checkout cookie, set when missing. */
    function browserKey(req: FastifyRequest, reply: FastifyReply): string {
      const have = req.cookies[COOKIE];
      if (have && /^[\w-]{20,100}$/.test(have)) return have;
      const key = randomToken(24);
      reply.setCookie(COOKIE, key, { path: '/checkout/', httpOnly: true, sameSite: 'lax', secure });
      return key;
    }
    const newToken = (key: string) => {
      const nonce = randomToken(18);
      return `${nonce}.${sign(key, nonce)}`;
    };
    function sameOrigin(req: FastifyRequest): boolean {
      const origin = req.headers.origin;
      if (origin === undefined) return true;
      try {
        return new URL(origin).host === req.headers.host;
      } catch {
        return false;
      }
    }
    function validToken(req: FastifyRequest, token: string): boolean {
      const key = req.cookies[COOKIE];
      const [nonce, mac] = token.split('.');
      return (
        sameOrigin(req) && !!key && !!nonce && !!mac && nonce.length >= 20 && safeEqual(sign(key, nonce), mac)
      );
    }

    async function site(req: FastifyRequest) {
      const account = await siteAccountOf(deps, req);
      if (!account) return undefined;
      // An address no product can have (too long) is simply not found, never a 500.
      const params = slugParam.safeParse(req.params);
      if (!params.success) return { account, product: undefined, prices: [] };
      const found = await productForCheckout(deps.db, account.id, params.data.slug);
      return found ? { account, ...found } : { account, product: undefined, prices: [] };
    }

    const unavailable = (reply: FastifyReply, account: Account, lang: string, status = 404) => {
      const tx = txFor(lang);
      return html(
        reply,
        status,
        messagePage(lang, sellerOf(account), tx('not_found_title'), [tx('not_found')]),
      );
    };

    app.get('/checkout/:slug', hidden, async (req, reply) => {
      const s = await site(req);
      if (!s) return plain404(reply);
      if (!s.product || s.product.active !== 1 || !s.prices.length)
        return unavailable(
          reply,
          s.account,
          languageOf(req, s.account, s.product?.checkout_language ?? 'auto'),
        );
      const lang = languageOf(req, s.account, s.product.checkout_language);
      const token = newToken(browserKey(req, reply));
      return html(
        reply,
        200,
        checkoutPage({
          lang,
          seller: sellerOf(s.account),
          product: s.product,
          prices: s.prices,
          token,
          values: {},
          errors: {},
          testMode: s.product.gateway === 'sandbox',
        }),
      );
    });

    app.post('/checkout/:slug', hidden, async (req, reply) => {
      const s = await site(req);
      if (!s) return plain404(reply);
      if (!s.product || s.product.active !== 1 || !s.prices.length)
        return unavailable(
          reply,
          s.account,
          languageOf(req, s.account, s.product?.checkout_language ?? 'auto'),
        );
      const product = s.product;
      const lang = languageOf(req, s.account, product.checkout_language);
      const tx = txFor(lang);
      const parsed = checkoutForm.safeParse(req.body ?? {});
      const form = parsed.success ? parsed.data : checkoutForm.parse({});
      const values: FormValues = { ...form, gdpr_consent: form.gdpr_consent ? '1' : '' };
      const errors: FormErrors = {};
      const render = (status: number, token: string) =>
        html(
          reply,
          status,
          checkoutPage({
            lang,
            seller: sellerOf(s.account),
            product,
            prices: s.prices,
            token,
            values,
            errors,
            testMode: product.gateway === 'sandbox',
          }),
        );
      if (!validToken(req, form.checkout_token)) {
        errors.form = tx('error_expired');
        return render(403, newToken(browserKey(req, reply)));
      }
      const price = s.prices.find((p) => String(p.id) === form.price_id);
      if (!price) errors.price_id = tx('error_price_invalid');
      for (const f of ['email', 'first_name', 'last_name'] as const)
        if (!form[f]) errors[f] = tx('error_required');
      if (form.email && !isValidEmail(form.email)) errors.email = tx('error_email_invalid');
      for (const [f, max] of Object.entries(LIMITS)) {
        const v = form[f as keyof typeof form];
        if (typeof v === 'string' && v.length > max!) errors[f as keyof FormValues] = tx('error_too_long');
      }
      if (form.country && !isCountryCode(form.country)) errors.country = tx('error_country_invalid');
      if (product.ask_gdpr_consent && !form.gdpr_consent) errors.gdpr_consent = tx('error_consent_required');
      if (Object.keys(errors).length || !price) return render(422, form.checkout_token);

      const buyer: BuyerFields = {};
      for (const f of ['phone', 'address', 'city', 'zip', 'state'] as const) if (form[f]) buyer[f] = form[f];
      if (form.country) buyer.country = countryName('en', form.country);
      if (product.ask_gdpr_consent) buyer.gdpr_consent = true;
      const { order } = await createPendingOrder(deps, s.account, product, price, {
        checkoutToken: form.checkout_token,
        email: form.email,
        firstName: form.first_name,
        lastName: form.last_name,
        buyer,
        language: lang,
        ip: req.ip ?? null,
      });
      if (order.status !== 'pending')
        return reply.status(303).redirect(`/checkout/${product.slug}/thank-you/${order.public_token}`);
      const gateway = gateways[order.gateway as keyof Gateways];
      try {
        const origin = `${deps.config.publicScheme}://${req.headers.host}`;
        const started = await gateway.startPayment(deps, {
          account: s.account,
          product,
          price,
          order,
          origin,
        });
        if (started.ref && !order.gateway_ref)
          await deps.db
            .updateTable('orders')
            .set({ gateway_ref: started.ref })
            .where('account_id', '=', s.account.id)
            .where('id', '=', order.id)
            .where('gateway_ref', 'is', null)
            .execute();
        return reply.header('cache-control', 'no-store').status(303).redirect(started.url);
      } catch (err) {
        req.log.warn({ err, order: order.id }, 'checkout: gateway did not start the payment');
        errors.form = tx('error_gateway');
        return render(502, form.checkout_token);
      }
    });

    async function orderOf(req: FastifyRequest) {
      const s = await site(req);
      if (!s?.product) return undefined;
      const params = orderParam.safeParse(req.params);
      if (!params.success) return undefined;
      const { token } = params.data;
      const order = await deps.db
        .selectFrom('orders')
        .selectAll()
        .where('account_id', '=', s.account.id)
        .where('public_token', '=', token)
        .where('product_id', '=', s.product.id)
        .executeTakeFirst();
      return order ? { account: s.account, product: s.product, order } : undefined;
    }
    const thankYouPath = (product: ProductRow, order: OrderRow) =>
      `/checkout/${product.slug}/thank-you/${order.public_token}`;

    app.get('/checkout/:slug/pay/:token', hidden, async (req, reply) => {
      const found = await orderOf(req);
      if (!found || found.order.gateway !== 'sandbox') return plain404(reply);
      const { account, product, order } = found;
      if (order.status !== 'pending' || order.paid_at)
        return reply.status(303).redirect(thankYouPath(product, order));
      const key = browserKey(req, reply);
      return html(
        reply,
        200,
        sandboxPayPage({
          lang: order.language,
          seller: sellerOf(account),
          productName: product.name,
          amount: formatMoney(Number(order.amount), order.currency, order.language),
          action: `/checkout/${product.slug}/pay/${order.public_token}`,
          csrf: sign(key, order.public_token),
          back: `/checkout/${product.slug}`,
        }),
      );
    });

    app.post('/checkout/:slug/pay/:token', hidden, async (req, reply) => {
      const found = await orderOf(req);
      if (!found || found.order.gateway !== 'sandbox') return plain404(reply);
      const { account, product, order } = found;
      const form = payForm.safeParse(req.body ?? {});
      const key = req.cookies[COOKIE];
      if (
        !form.success ||
        !key ||
        !sameOrigin(req) ||
        !safeEqual(sign(key, order.public_token), form.data.csrf)
      ) {
        const tx = txFor(order.language);
        return html(
          reply,
          403,
          messagePage(order.language, sellerOf(account), tx('payment_failed_title'), [tx('error_expired')], {
            link: { href: `/checkout/${product.slug}/pay/${order.public_token}`, label: tx('try_again') },
          }),
        );
      }
      const pay = form.data.outcome === 'pay';
      // One event id per order and outcome: a double click on Pay is the same event, delivered twice.
      const signed = await signedSandboxWebhook(deps, account.id, {
        id: `evt_sbx_${order.id}_${pay ? 'completed' : 'failed'}`,
        type: pay ? 'checkout.completed' : 'payment.failed',
        created: Math.floor(deps.clock.now().getTime() / 1000),
        data: { order_id: order.id },
      });
      await receiveWebhook(deps, gateways, 'sandbox', account.id, signed.body, {
        [SANDBOX_SIGNATURE_HEADER]: signed.signature,
      });
      return reply.status(303).redirect(thankYouPath(product, order));
    });

    app.get('/checkout/:slug/thank-you/:token', hidden, async (req, reply) => {
      const found = await orderOf(req);
      if (!found) return plain404(reply);
      const { account, product, order } = found;
      const lang = order.language;
      const tx = txFor(lang);
      const seller = sellerOf(account);
      if (order.status === 'completed' || order.status === 'refunded') {
        if (product.thank_you_url) return reply.status(303).redirect(product.thank_you_url);
        return html(
          reply,
          200,
          messagePage(lang, seller, tx('thank_you_title'), [
            tx('thank_you_body', { product: order.product_name, email: order.email }),
            tx('thank_you_access'),
            tx('order_number', { order: order.id }),
          ]),
        );
      }
      if (order.status === 'failed')
        return html(
          reply,
          200,
          messagePage(lang, seller, tx('payment_failed_title'), [tx('payment_failed')], {
            link: { href: `/checkout/${product.slug}`, label: tx('try_again') },
          }),
        );
      return html(
        reply,
        200,
        messagePage(
          lang,
          seller,
          tx('processing'),
          [
            tx('thank_you_pending', { product: order.product_name, email: order.email }),
            tx('order_number', { order: order.id }),
          ],
          { refreshSeconds: 2, status: true },
        ),
      );
    });

    app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
      const status = err instanceof AppError ? err.status : (err.statusCode ?? 500);
      if (status >= 500) req.log.error({ err }, 'checkout error');
      return reply
        .status(status >= 400 && status < 600 ? status : 500)
        .header('content-type', 'text/html; charset=utf-8')
        .send(notFoundPage());
    });
  };
}
