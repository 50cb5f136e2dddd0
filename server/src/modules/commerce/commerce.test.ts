import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { call, membershipsOf, settle, timeline } from '../automations/testkit.js';
import { browser, checkout, csrfOf, sandboxWebhook, shop, tokenOf } from './testkit.js';

/**
 * Commerce over HTTP: products, the hosted checkout and its idempotency, the sandbox gateway's
 * signed webhooks (duplicates, out of order, late, bad signatures), completion → lead → tag →
 * automation → access, cancel and refund revoking through the automation, and tenancy.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const count = async (table: 'orders' | 'gateway_webhooks' | 'subscriptions' | 'leads', accountId: number) =>
  Number(
    (
      await t.db.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('products', () => {
  it('creates a product with its prices and tag (created when missing, matched by name)', async () => {
    const sh = await shop(t, 'prod1', [
      { type: 'one_time', amount: 9900 },
      { type: 'subscription', amount: 1900, currency: 'USD', interval: 'month', trial_days: 14 },
      { type: 'payment_plan', amount: 3500, currency: 'JPY', interval: 'month', installments: 3 },
    ]);
    expect(sh.product.slug).toBe('gold');
    expect(sh.product.checkout_url).toBe('http://prod1.localhost:3000/checkout/gold');
    expect(sh.product.prices.map((p: { currency: string }) => p.currency)).toEqual(['USD', 'USD', 'JPY']);
    const tags = await call(t, sh.s, 'GET', '/tags');
    expect(tags.tags.filter((x: { name: string }) => x.name === 'Gold')).toHaveLength(1);
    // Same tag name (other case) on another product: the same tag.
    const p2 = await call(
      t,
      sh.s,
      'POST',
      '/products',
      { name: 'Gold 2', tag: 'gold', prices: [{ amount: 100 }] },
      201,
    );
    expect(p2.tag_id).toBe(sh.tagId);
    expect(p2.slug).toBe('gold-2');
  });

  it('refuses bad prices and a taken address, changing nothing', async () => {
    const s = await t.signup('prod2');
    const bad = await t.request({
      method: 'POST',
      url: '/api/v1/products',
      session: s,
      payload: { name: 'X', tag: 'X', prices: [{ type: 'payment_plan', amount: 100, interval: 'month' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_input');
    const neg = await t.request({
      method: 'POST',
      url: '/api/v1/products',
      session: s,
      payload: { name: 'X', tag: 'X', prices: [{ amount: 1.5 }] },
    });
    expect(neg.statusCode).toBe(400);
    await call(t, s, 'POST', '/products', { name: 'A', slug: 'a', tag: 'A', prices: [{ amount: 100 }] }, 201);
    const taken = await t.request({
      method: 'POST',
      url: '/api/v1/products',
      session: s,
      payload: { name: 'B', slug: 'a', tag: 'B', prices: [{ amount: 100 }] },
    });
    expect(taken.statusCode).toBe(409);
    expect((await call(t, s, 'GET', '/products')).products).toHaveLength(1);
  });

  it('edits prices: kept ones by id, new ones added, missing ones retired', async () => {
    const sh = await shop(t, 'prod3', [{ amount: 100 }, { amount: 200 }]);
    const [a] = sh.product.prices;
    const p = await call(t, sh.s, 'PATCH', `/products/${sh.product.id}`, {
      prices: [
        { id: a.id, amount: 150 },
        { amount: 300, type: 'subscription', interval: 'year' },
      ],
      name: 'Gold plus',
    });
    expect(p.name).toBe('Gold plus');
    expect(p.prices.map((x: { amount: number; active: boolean }) => [x.amount, x.active])).toEqual([
      [150, true],
      [300, true],
      [200, false],
    ]);
  });
});

describe('checkout and the sandbox gateway', () => {
  it('a purchase ends in access: order → lead → tag → automation → membership, with a receipt', async () => {
    const sh = await shop(t, 'buy1');
    const b = browser(t, sh.host);
    const page = await b.get('/checkout/gold');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'none'");
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain('for="f-email"');
    const token = tokenOf(page.body);
    const form = {
      checkout_token: token,
      price_id: String(sh.product.prices[0].id),
      email: 'Ada@Example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
      city: 'London',
    };
    const first = await b.post('/checkout/gold', form);
    expect(first.statusCode).toBe(303);
    // A double click: the same token makes no second order and leads to the same payment.
    const second = await b.post('/checkout/gold', form);
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await count('orders', sh.s.accountId)).toBe(1);

    // Pending never grants: no lead, no tag, no access.
    await settle(t);
    const [pending] = (await call(t, sh.s, 'GET', '/orders')).orders;
    expect(pending.status).toBe('pending');
    expect(pending.lead_id).toBeNull();
    expect(await count('leads', sh.s.accountId)).toBe(0);

    const pay = await b.get(first.headers.location as string);
    expect(pay.statusCode).toBe(200);
    const paid = await b.post(first.headers.location as string, { csrf: csrfOf(pay.body), outcome: 'pay' });
    expect(paid.statusCode).toBe(303);
    expect(paid.headers.location).toMatch(/\/checkout\/gold\/thank-you\//);
    // The pay button pressed twice: the same event id, delivered twice, does nothing more.
    await b.post(first.headers.location as string, { csrf: csrfOf(pay.body), outcome: 'pay' });
    await settle(t);

    const order = await call(t, sh.s, 'GET', `/orders/${pending.id}`);
    expect(order.status).toBe('completed');
    expect(order.subscription_id).toBeGreaterThan(0);
    const lead = await call(t, sh.s, 'GET', `/leads/${order.lead_id}`);
    expect(lead.email).toBe('Ada@Example.com');
    expect(lead.city).toBe('London');
    expect(lead.tags.map((x: { name: string }) => x.name)).toEqual(['Gold']);
    const access = await membershipsOf(t, sh.s, order.lead_id);
    expect(access).toHaveLength(1);
    expect(access[0]!.status).toBe('active');
    expect(access[0]!.level_name).toBe('Gold');
    const kinds = (await timeline(t, sh.s, order.lead_id)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'purchase')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'membership_granted')).toHaveLength(1);
    const events = await t.db.db
      .selectFrom('events')
      .select(['type', 'payload'])
      .where('account_id', '=', sh.s.accountId)
      .execute();
    expect(events.filter((e) => e.type === 'product.purchased')).toHaveLength(1);
    expect(JSON.parse(events.find((e) => e.type === 'product.purchased')!.payload)).toMatchObject({
      lead_id: order.lead_id,
      product_id: sh.product.id,
      order_id: order.id,
      amount: 4900,
      currency: 'EUR',
    });
    const mails = await t.mailbox();
    expect(
      mails.filter((m) => m.to === 'Ada@Example.com' && m.subject === 'Your receipt for Gold course'),
    ).toHaveLength(1);
    expect(await count('gateway_webhooks', sh.s.accountId)).toBe(1);

    const thanks = await b.get(paid.headers.location as string);
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain('Thank you for your purchase');
  });

  it('refuses a form without the browser cookie or from another origin, and shows field errors', async () => {
    const sh = await shop(t, 'buy2');
    const b = browser(t, sh.host);
    const page = await b.get('/checkout/gold');
    const form = {
      checkout_token: tokenOf(page.body),
      price_id: String(sh.product.prices[0].id),
      email: 'x@example.com',
      first_name: 'X',
      last_name: 'Y',
    };
    const stranger = browser(t, sh.host);
    expect((await stranger.post('/checkout/gold', form)).statusCode).toBe(403);
    expect((await b.post('/checkout/gold', form, { origin: 'http://evil.example' })).statusCode).toBe(403);
    const invalid = await b.post('/checkout/gold', { ...form, email: 'not-an-email', first_name: '' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('role="alert"');
    expect(invalid.body).toContain('aria-invalid="true"');
    // The summary names the field each message is about.
    expect(invalid.body).toMatch(/<a href="#f-email">Email address: [^<]+<\/a>/);
    expect(invalid.body).toMatch(/<a href="#f-first_name">First name: [^<]+<\/a>/);
    expect(await count('orders', sh.s.accountId)).toBe(0);
    // Unknown product: the seller's 404 page; unknown site: the plain one.
    expect((await b.get('/checkout/nope')).statusCode).toBe(404);
    expect((await browser(t, 'nobody.localhost').get('/checkout/gold')).statusCode).toBe(404);
  });

  it('renders in each of the 24 languages (its own words, lang and dir on the page), and the pay page too', async () => {
    const sh = await shop(t, 'lang1');
    const { LANGUAGES } = await import('../accounts/locales.js');
    const { checkoutText, htmlLangOf } = await import('./checkout/text.js');
    const { escapeHtml } = await import('../../lib/html.js');
    const english = checkoutText('en', 'continue_to_payment');
    for (const lang of Object.keys(LANGUAGES)) {
      await call(t, sh.s, 'PATCH', `/products/${sh.product.id}`, { checkout_language: lang });
      const b = browser(t, sh.host);
      const res = await b.get('/checkout/gold');
      expect(res.statusCode, lang).toBe(200);
      expect(res.body, lang).toContain(
        `<html lang="${htmlLangOf(lang)}" dir="${lang === 'ar' || lang === 'he' ? 'rtl' : 'ltr'}"`,
      );
      const words = checkoutText(lang, 'continue_to_payment');
      expect(res.body, lang).toContain(escapeHtml(words));
      if (lang !== 'en') expect(words, lang).not.toBe(english);
      const posted = await b.post('/checkout/gold', {
        checkout_token: tokenOf(res.body),
        price_id: String(sh.product.prices[0].id),
        email: `${lang}@example.com`,
        first_name: 'A',
        last_name: 'B',
        country: 'DE',
      });
      expect(posted.statusCode, lang).toBe(303);
      const pay = await b.get(posted.headers.location as string);
      expect(pay.body, lang).toContain(escapeHtml(checkoutText(lang, 'sandbox_pay')));
    }
    await call(t, sh.s, 'PATCH', `/products/${sh.product.id}`, { checkout_language: 'auto' });
    const de = await browser(t, sh.host).get('/checkout/gold', {
      'accept-language': 'de-AT,de;q=0.9,en;q=0.5',
    });
    expect(de.body).toContain('<html lang="de"');
    // The owner's preview of any language, whatever the browser asks for.
    const preview = await browser(t, sh.host).get('/checkout/gold?lang=fi', { 'accept-language': 'de' });
    expect(preview.body).toContain('<html lang="fi"');
    expect(
      (await browser(t, sh.host).get('/checkout/gold?lang=xx', { 'accept-language': 'fr' })).body,
    ).toContain('<html lang="fr"');
    // A product that does not exist still answers in the visitor's language.
    const missing = await browser(t, sh.host).get('/checkout/none', { 'accept-language': 'es' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('<html lang="es"');
    const orders = (await call(t, sh.s, 'GET', '/orders?limit=200')).orders;
    expect(orders).toHaveLength(24);
    expect(orders.every((o: { buyer: { country?: string } }) => o.buyer.country === 'Germany')).toBe(true);
  });
});

describe('webhooks', () => {
  it('acknowledges a duplicate delivery with 200 and changes nothing', async () => {
    const sh = await shop(t, 'dup1');
    const { orderId } = await checkout(t, sh, 'dup@example.com');
    const event = { id: 'evt_1', type: 'checkout.completed', data: { order_id: orderId } };
    const a = await sandboxWebhook(t, 'dup1', sh.secret, event);
    const b = await sandboxWebhook(t, 'dup1', sh.secret, event);
    expect(a.statusCode).toBe(200);
    expect(a.json()).toEqual({ received: true, duplicate: false });
    expect(b.statusCode).toBe(200);
    expect(b.json()).toEqual({ received: true, duplicate: true });
    await settle(t);
    const c = await sandboxWebhook(t, 'dup1', sh.secret, event); // after processing, too
    expect(c.json().duplicate).toBe(true);
    await settle(t);
    expect(await count('gateway_webhooks', sh.s.accountId)).toBe(1);
    const order = await call(t, sh.s, 'GET', `/orders/${orderId}`);
    expect(order.status).toBe('completed');
    const grants = await t.db.db
      .selectFrom('membership_access')
      .select(['grants'])
      .where('account_id', '=', sh.s.accountId)
      .execute();
    expect(grants).toEqual([{ grants: 1 }]);
  });

  it('refuses a bad, missing or stale signature (400/401) and stores nothing', async () => {
    const sh = await shop(t, 'sig1');
    const { orderId } = await checkout(t, sh, 'sig@example.com');
    const event = { id: 'evt_sig', type: 'checkout.completed', data: { order_id: orderId } };
    const wrong = await sandboxWebhook(t, 'sig1', 'sbx_not_the_secret_at_all', event);
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('bad_signature');
    const missing = await sandboxWebhook(t, 'sig1', sh.secret, event, { signature: '' });
    expect(missing.statusCode).toBe(400);
    const t0 = Math.floor(t.clock.now().getTime() / 1000) - 3600;
    const { signSandbox } = await import('./gateways/sandbox.js');
    const body = JSON.stringify({ ...event, created: t0 });
    const stale = await sandboxWebhook(
      t,
      'sig1',
      sh.secret,
      { ...event, created: t0 },
      { signature: signSandbox(sh.secret, body, t0) },
    );
    expect(stale.statusCode).toBe(401);
    // Another account's secret does not open this one.
    const other = await shop(t, 'sig2');
    expect((await sandboxWebhook(t, 'sig1', other.secret, event)).statusCode).toBe(401);
    await settle(t);
    expect(await count('gateway_webhooks', sh.s.accountId)).toBe(0);
    expect((await call(t, sh.s, 'GET', `/orders/${orderId}`)).status).toBe('pending');
    expect(await count('leads', sh.s.accountId)).toBe(0);
  });

  it('converges whatever the order: refund before completed ends refunded without access', async () => {
    const sh = await shop(t, 'ooo1', [{ type: 'one_time', amount: 1000 }]);
    const { orderId } = await checkout(t, sh, 'ooo@example.com');
    await sandboxWebhook(t, 'ooo1', sh.secret, { id: 'evt_r', type: 'refund', data: { order_id: orderId } });
    await settle(t);
    expect((await call(t, sh.s, 'GET', `/orders/${orderId}`)).status).toBe('pending');
    await sandboxWebhook(t, 'ooo1', sh.secret, {
      id: 'evt_c',
      type: 'checkout.completed',
      data: { order_id: orderId },
    });
    await settle(t);
    const order = await call(t, sh.s, 'GET', `/orders/${orderId}`);
    expect(order.status).toBe('refunded');
    const lead = await call(t, sh.s, 'GET', `/leads/${order.lead_id}`);
    expect(lead.tags).toEqual([]);
    const access = await membershipsOf(t, sh.s, order.lead_id);
    expect(access.every((a) => a.status === 'revoked')).toBe(true);
  });

  it('converges: a subscription cancelled before its completion ends cancelled without access', async () => {
    const sh = await shop(t, 'ooo2');
    const { orderId } = await checkout(t, sh, 'ooo2@example.com');
    await sandboxWebhook(t, 'ooo2', sh.secret, {
      id: 'evt_x',
      type: 'subscription.cancelled',
      data: { order_id: orderId },
    });
    await sandboxWebhook(t, 'ooo2', sh.secret, {
      id: 'evt_y',
      type: 'checkout.completed',
      data: { order_id: orderId },
    });
    await settle(t);
    const order = await call(t, sh.s, 'GET', `/orders/${orderId}`);
    expect(order.status).toBe('completed');
    const sub = await call(t, sh.s, 'GET', `/subscriptions/${order.subscription_id}`);
    expect(sub.status).toBe('cancelled');
    expect((await call(t, sh.s, 'GET', `/leads/${order.lead_id}`)).tags).toEqual([]);
    expect((await membershipsOf(t, sh.s, order.lead_id)).every((a) => a.status === 'revoked')).toBe(true);
  });

  it('a late completed event still completes a failed order; a late failure does not undo a completion', async () => {
    const sh = await shop(t, 'late1', [{ type: 'one_time', amount: 500 }]);
    const a = await checkout(t, sh, 'late@example.com');
    await sandboxWebhook(t, 'late1', sh.secret, {
      id: 'f1',
      type: 'payment.failed',
      data: { order_id: a.orderId },
    });
    await settle(t);
    expect((await call(t, sh.s, 'GET', `/orders/${a.orderId}`)).status).toBe('failed');
    t.clock.advance(60_000);
    await sandboxWebhook(t, 'late1', sh.secret, {
      id: 'c1',
      type: 'checkout.completed',
      data: { order_id: a.orderId },
    });
    await settle(t);
    const done = await call(t, sh.s, 'GET', `/orders/${a.orderId}`);
    expect(done.status).toBe('completed');
    expect((await membershipsOf(t, sh.s, done.lead_id))[0]!.status).toBe('active');
    await sandboxWebhook(t, 'late1', sh.secret, {
      id: 'f2',
      type: 'payment.failed',
      data: { order_id: a.orderId },
    });
    await settle(t);
    expect((await call(t, sh.s, 'GET', `/orders/${a.orderId}`)).status).toBe('completed');
  });

  it('a webhook naming another account’s order changes nothing there', async () => {
    const victim = await shop(t, 'ten1');
    const { orderId } = await checkout(t, victim, 'v@example.com');
    const attacker = await shop(t, 'ten2');
    const res = await sandboxWebhook(t, 'ten2', attacker.secret, {
      id: 'evt_t',
      type: 'checkout.completed',
      data: { order_id: orderId },
    });
    expect(res.statusCode).toBe(200);
    await settle(t);
    expect((await call(t, victim.s, 'GET', `/orders/${orderId}`)).status).toBe('pending');
    const hook = await t.db.db
      .selectFrom('gateway_webhooks')
      .select(['status', 'result'])
      .where('account_id', '=', attacker.s.accountId)
      .executeTakeFirstOrThrow();
    expect(hook.status).toBe('ignored');
    // Nor can the attacker read or change it through the API.
    for (const [method, url] of [
      ['GET', `/api/v1/orders/${orderId}`],
      ['POST', `/api/v1/orders/${orderId}/refund`],
      ['GET', `/api/v1/products/${victim.product.id}`],
      ['PATCH', `/api/v1/products/${victim.product.id}`],
      ['GET', `/api/v1/products/${victim.product.id}/health`],
    ] as const) {
      const r = await t.request({
        method,
        url,
        session: attacker.s,
        ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
      });
      expect(r.statusCode, url).toBe(404);
    }
    expect((await call(t, attacker.s, 'GET', '/orders')).orders).toHaveLength(0);
  });
});

describe('subscriptions and refunds', () => {
  it('cancelling removes the tag, the tag_removed automation revokes access, subscription.cancelled is raised', async () => {
    const sh = await shop(t, 'can1');
    const { orderId } = await checkout(t, sh, 'can@example.com');
    await sandboxWebhook(t, 'can1', sh.secret, {
      id: 'e1',
      type: 'checkout.completed',
      data: { order_id: orderId },
    });
    await settle(t);
    const order = await call(t, sh.s, 'GET', `/orders/${orderId}`);
    expect((await membershipsOf(t, sh.s, order.lead_id))[0]!.status).toBe('active');
    const subs = await call(t, sh.s, 'GET', '/subscriptions?status=active');
    expect(subs.subscriptions).toHaveLength(1);
    const cancelled = await call(t, sh.s, 'POST', `/subscriptions/${order.subscription_id}/cancel`);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cancel_source).toBe('user');
    await settle(t);
    expect((await call(t, sh.s, 'GET', `/leads/${order.lead_id}`)).tags).toEqual([]);
    expect((await membershipsOf(t, sh.s, order.lead_id))[0]!.status).toBe('revoked');
    const types = (
      await t.db.db.selectFrom('events').select('type').where('account_id', '=', sh.s.accountId).execute()
    ).map((e) => e.type);
    expect(types.filter((x) => x === 'subscription.cancelled')).toHaveLength(1);
    expect(types).toContain('lead.tag_removed');
    // Again: nothing more happens; the gateway's own cancel event later does nothing either.
    await call(t, sh.s, 'POST', `/subscriptions/${order.subscription_id}/cancel`);
    await sandboxWebhook(t, 'can1', sh.secret, {
      id: 'e2',
      type: 'subscription.cancelled',
      data: { subscription_id: order.subscription_id },
    });
    await settle(t);
    const again = (
      await t.db.db.selectFrom('events').select('type').where('account_id', '=', sh.s.accountId).execute()
    ).map((e) => e.type);
    expect(again.filter((x) => x === 'subscription.cancelled')).toHaveLength(1);
  });

  it('the gateway cancelling a subscription revokes access too', async () => {
    const sh = await shop(t, 'can2');
    const { orderId } = await checkout(t, sh, 'can2@example.com');
    await sandboxWebhook(t, 'can2', sh.secret, {
      id: 'e1',
      type: 'checkout.completed',
      data: { order_id: orderId },
    });
    await settle(t);
    const order = await call(t, sh.s, 'GET', `/orders/${orderId}`);
    await sandboxWebhook(t, 'can2', sh.secret, {
      id: 'e2',
      type: 'subscription.cancelled',
      data: { subscription_id: order.subscription_id },
    });
    await settle(t);
    const sub = await call(t, sh.s, 'GET', `/subscriptions/${order.subscription_id}`);
    expect(sub.status).toBe('cancelled');
    expect(sub.cancel_source).toBe('gateway');
    expect((await membershipsOf(t, sh.s, order.lead_id))[0]!.status).toBe('revoked');
  });

  it('refund marks the order, raises order.refunded and revokes through the tag', async () => {
    const sh = await shop(t, 'ref1', [{ type: 'one_time', amount: 2500, currency: 'GBP' }]);
    const { orderId } = await checkout(t, sh, 'ref@example.com');
    const early = await t.request({ method: 'POST', url: `/api/v1/orders/${orderId}/refund`, session: sh.s });
    expect(early.statusCode).toBe(409);
    await sandboxWebhook(t, 'ref1', sh.secret, {
      id: 'e1',
      type: 'checkout.completed',
      data: { order_id: orderId },
    });
    await settle(t);
    const refunded = await call(t, sh.s, 'POST', `/orders/${orderId}/refund`);
    expect(refunded.status).toBe('refunded');
    expect(refunded.refunded_at).not.toBeNull();
    await settle(t);
    expect((await membershipsOf(t, sh.s, refunded.lead_id))[0]!.status).toBe('revoked');
    const types = (
      await t.db.db.selectFrom('events').select('type').where('account_id', '=', sh.s.accountId).execute()
    ).map((e) => e.type);
    expect(types.filter((x) => x === 'order.refunded')).toHaveLength(1);
    const stats = await call(t, sh.s, 'GET', '/commerce/stats?days=7');
    expect(stats.days).toHaveLength(7);
    expect(stats.totals.orders).toBe(1);
    expect(stats.totals.revenue).toEqual({ GBP: 0 });
  });
});

describe('entitlement', () => {
  it('cancelling one subscription keeps the tag while another purchase of the product still entitles the buyer', async () => {
    const sh = await shop(t, 'ent1', [
      { type: 'one_time', amount: 9900, currency: 'EUR' },
      { type: 'subscription', amount: 900, currency: 'EUR', interval: 'month' },
    ]);
    const one = await checkout(t, sh, 'both@example.com', { price_id: String(sh.product.prices[0].id) });
    const sub = await checkout(t, sh, 'both@example.com', { price_id: String(sh.product.prices[1].id) });
    for (const id of [one.orderId, sub.orderId])
      await sandboxWebhook(t, 'ent1', sh.secret, {
        id: `c${id}`,
        type: 'checkout.completed',
        data: { order_id: id },
      });
    await settle(t);
    const order = await call(t, sh.s, 'GET', `/orders/${sub.orderId}`);
    expect((await call(t, sh.s, 'GET', `/orders/${one.orderId}`)).lead_id).toBe(order.lead_id);
    await call(t, sh.s, 'POST', `/subscriptions/${order.subscription_id}/cancel`);
    await settle(t);
    const lead = await call(t, sh.s, 'GET', `/leads/${order.lead_id}`);
    expect(lead.tags.map((x: { name: string }) => x.name)).toEqual(['Gold']);
    expect((await membershipsOf(t, sh.s, order.lead_id))[0]!.status).toBe('active');
    // Refunding the one-time order too ends the entitlement: the tag goes, access is revoked.
    await call(t, sh.s, 'POST', `/orders/${one.orderId}/refund`);
    await settle(t);
    expect((await membershipsOf(t, sh.s, order.lead_id))[0]!.status).toBe('revoked');
  });

  it('a failed renewal makes the subscription past due and keeps access', async () => {
    const sh = await shop(t, 'due1');
    const { orderId } = await checkout(t, sh, 'due@example.com');
    await sandboxWebhook(t, 'due1', sh.secret, {
      id: 'c1',
      type: 'checkout.completed',
      data: { order_id: orderId },
    });
    await settle(t);
    const order = await call(t, sh.s, 'GET', `/orders/${orderId}`);
    await sandboxWebhook(t, 'due1', sh.secret, {
      id: 'f1',
      type: 'payment.failed',
      data: { subscription_id: order.subscription_id },
    });
    await settle(t);
    expect((await call(t, sh.s, 'GET', `/subscriptions/${order.subscription_id}`)).status).toBe('past_due');
    expect((await call(t, sh.s, 'GET', `/orders/${orderId}`)).status).toBe('completed');
    expect((await membershipsOf(t, sh.s, order.lead_id))[0]!.status).toBe('active');
  });
});

describe('test purchase and health check', () => {
  it('buys through the sandbox and reports every link of the chain', async () => {
    const sh = await shop(t, 'diag1');
    const started = await call(t, sh.s, 'POST', `/products/${sh.product.id}/test-purchase`, { wait_ms: 0 });
    expect(started.chain.map((l: { step: string }) => l.step)).toEqual([
      'order',
      'lead',
      'tag',
      'automation',
      'membership',
    ]);
    await settle(t);
    const done = await call(t, sh.s, 'GET', `/products/${sh.product.id}/test-purchase/${started.order_id}`);
    expect(done.ok).toBe(true);
    expect(done.chain.map((l: { state: string }) => l.state)).toEqual([
      'completed',
      'created',
      'applied',
      'done',
      'active',
    ]);
    const health = await call(t, sh.s, 'GET', `/products/${sh.product.id}/health`);
    expect(health.ok).toBe(true);
  });

  it('says what to fix', async () => {
    const s = await t.signup('diag2');
    const p = await call(
      t,
      s,
      'POST',
      '/products',
      { name: 'Lonely', tag: 'Lonely', gateway: 'stripe', prices: [{ amount: 100 }] },
      201,
    );
    const health = await call(t, s, 'GET', `/products/${p.id}/health`);
    expect(health.ok).toBe(false);
    const byCheck = Object.fromEntries(
      health.checks.map((c: { check: string; ok: boolean; fix: string | null }) => [c.check, c]),
    );
    expect(byCheck.tag.ok).toBe(true);
    expect(byCheck.automation.ok).toBe(false);
    expect(byCheck.automation.fix).toContain('Tag applied: Lonely');
    expect(byCheck.gateway.ok).toBe(false);
    expect(byCheck.pending_orders.ok).toBe(true);
    const chain = await call(t, s, 'POST', `/products/${p.id}/test-purchase`, { wait_ms: 0 });
    await settle(t);
    const after = await call(t, s, 'GET', `/products/${p.id}/test-purchase/${chain.order_id}`);
    expect(after.chain.find((l: { step: string }) => l.step === 'automation').ok).toBe(false);
  });
});
