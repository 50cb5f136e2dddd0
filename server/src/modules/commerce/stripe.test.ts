import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { call, membershipsOf, settle } from '../automations/testkit.js';
import { createPendingOrder } from './checkout/orders.js';
import { stripeGateway } from './gateways/stripe.js';
import { productRow } from './service.js';
import { type Shop, shop } from './testkit.js';

/**
 * The Stripe gateway: webhooks verified with the account's signing secret (headers made with the
 * SDK's own `generateTestHeaderString`), Stripe's events mapped to order facts, and Checkout
 * Session creation through the SDK against a local HTTP server standing in for api.stripe.com.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const stripe = new Stripe('sk_test_for_test_headers');
const WHSEC = 'whsec_testsecret123';

async function stripeShop(username: string, prices?: object[]): Promise<Shop> {
  const sh = await shop(t, username, prices as never, { gateway: 'stripe' });
  const res = await t.request({
    method: 'PUT',
    url: '/api/v1/gateways/stripe',
    session: sh.s,
    payload: { secret_key: 'sk_test_abc123', publishable_key: 'pk_test_abc123', webhook_secret: WHSEC },
  });
  expect(res.statusCode).toBe(200);
  const settings = res.json();
  expect(settings).toMatchObject({
    configured: true,
    secret_key_last4: 'c123',
    mode: 'test',
    webhook_secret_set: true,
  });
  expect(JSON.stringify(settings)).not.toContain('sk_test_abc123');
  return sh;
}

/** A pending order made the way the checkout makes it (the checkout itself would call Stripe). */
async function pendingOrder(sh: Shop, token: string, email: string, language = 'en') {
  const account = await t.db.db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', sh.s.accountId)
    .executeTakeFirstOrThrow();
  const product = await productRow(t.db.db, sh.s.accountId, sh.product.id);
  const price = await t.db.db
    .selectFrom('prices')
    .selectAll()
    .where('id', '=', sh.product.prices[0].id)
    .executeTakeFirstOrThrow();
  const { order } = await createPendingOrder(t.runtime.deps, account, product, price, {
    checkoutToken: token,
    email,
    firstName: 'B',
    lastName: 'Uyer',
    buyer: {},
    language,
    ip: null,
  });
  return { ...order, account, product, price };
}

function stripeEvent(id: string, type: string, object: Record<string, unknown>) {
  return JSON.stringify({
    id,
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: Math.floor(t.clock.now().getTime() / 1000),
    type,
    data: { object },
  });
}

async function deliver(username: string, payload: string, opts: { secret?: string; header?: string } = {}) {
  const header =
    opts.header ??
    stripe.webhooks.generateTestHeaderString({
      payload,
      secret: opts.secret ?? WHSEC,
      timestamp: Math.floor(t.clock.now().getTime() / 1000),
    });
  return t.app.inject({
    method: 'POST',
    url: `/webhooks/stripe/${username}`,
    headers: { host: 'localhost', 'content-type': 'application/json', 'stripe-signature': header },
    payload,
  });
}

describe('stripe webhooks', () => {
  it('verifies the signature with the account’s secret and completes, then cancels, through Stripe’s events', async () => {
    const sh = await stripeShop('str1');
    const { id: orderId } = await pendingOrder(sh, 'tok-str1', 'buyer@example.com');
    const completed = stripeEvent('evt_1', 'checkout.session.completed', {
      id: 'cs_test_1',
      object: 'checkout.session',
      client_reference_id: String(orderId),
      metadata: { atrium_order_id: String(orderId) },
      payment_status: 'paid',
      subscription: 'sub_1',
    });

    // Wrong secret, tampered body, missing header: refused, nothing stored.
    const wrong = await deliver('str1', completed, { secret: 'whsec_other' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('bad_signature');
    const header = stripe.webhooks.generateTestHeaderString({
      payload: completed,
      secret: WHSEC,
      timestamp: Math.floor(t.clock.now().getTime() / 1000),
    });
    expect((await deliver('str1', completed.replace('"paid"', '"unpaid"'), { header })).statusCode).toBe(401);
    expect((await deliver('str1', completed, { header: 'nonsense' })).statusCode).toBe(400);
    const old = stripe.webhooks.generateTestHeaderString({
      payload: completed,
      secret: WHSEC,
      timestamp: Math.floor(t.clock.now().getTime() / 1000) - 3600,
    });
    expect((await deliver('str1', completed, { header: old })).statusCode).toBe(401);
    expect(
      await t.db.db
        .selectFrom('gateway_webhooks')
        .select('id')
        .where('account_id', '=', sh.s.accountId)
        .execute(),
    ).toHaveLength(0);

    const ok = await deliver('str1', completed);
    expect(ok.statusCode).toBe(200);
    expect((await deliver('str1', completed)).json().duplicate).toBe(true);
    await settle(t);
    const order = await call(t, sh.s, 'GET', `/orders/${orderId}`);
    expect(order.status).toBe('completed');
    expect(order.gateway_ref).toBe('cs_test_1');
    const sub = await call(t, sh.s, 'GET', `/subscriptions/${order.subscription_id}`);
    expect(sub.gateway_ref).toBe('sub_1');
    expect((await membershipsOf(t, sh.s, order.lead_id))[0]!.status).toBe('active');

    // A failed renewal makes it past due (access kept); the paid retry makes it active again.
    const invoice = (id: string, type: string) =>
      stripeEvent(id, type, {
        id: `in_${id}`,
        object: 'invoice',
        parent: { subscription_details: { subscription: 'sub_1' } },
      });
    await deliver('str1', invoice('evt_f', 'invoice.payment_failed'));
    await settle(t);
    expect((await call(t, sh.s, 'GET', `/subscriptions/${order.subscription_id}`)).status).toBe('past_due');
    await deliver('str1', invoice('evt_p', 'invoice.paid'));
    await settle(t);
    expect((await call(t, sh.s, 'GET', `/subscriptions/${order.subscription_id}`)).status).toBe('active');

    // Events that do not concern orders are acknowledged and kept, and change nothing.
    expect(
      (await deliver('str1', stripeEvent('evt_2', 'customer.created', { id: 'cus_1' }))).statusCode,
    ).toBe(200);
    // Stripe ends the subscription: access is revoked through the tag.
    const deleted = stripeEvent('evt_3', 'customer.subscription.deleted', {
      id: 'sub_1',
      object: 'subscription',
      metadata: {},
    });
    expect((await deliver('str1', deleted)).statusCode).toBe(200);
    await settle(t);
    expect((await call(t, sh.s, 'GET', `/subscriptions/${order.subscription_id}`)).status).toBe('cancelled');
    expect((await membershipsOf(t, sh.s, order.lead_id))[0]!.status).toBe('revoked');
    const hooks = await t.db.db
      .selectFrom('gateway_webhooks')
      .select(['event_id', 'status'])
      .where('account_id', '=', sh.s.accountId)
      .orderBy('id')
      .execute();
    expect(hooks).toEqual([
      { event_id: 'evt_1', status: 'processed' },
      { event_id: 'evt_f', status: 'processed' },
      { event_id: 'evt_p', status: 'processed' },
      { event_id: 'evt_2', status: 'ignored' },
      { event_id: 'evt_3', status: 'processed' },
    ]);
  });

  it('a full refund marks the order refunded; an unpaid session does not complete', async () => {
    const sh = await stripeShop('str2', [{ type: 'one_time', amount: 1000, currency: 'USD' }]);
    const order = await pendingOrder(sh, 'tok-str2', 'r@example.com');
    const session = {
      id: 'cs_2',
      object: 'checkout.session',
      metadata: { atrium_order_id: String(order.id) },
    };
    await deliver(
      'str2',
      stripeEvent('e1', 'checkout.session.completed', { ...session, payment_status: 'unpaid' }),
    );
    await settle(t);
    expect((await call(t, sh.s, 'GET', `/orders/${order.id}`)).status).toBe('pending');
    await deliver(
      'str2',
      stripeEvent('e2', 'checkout.session.async_payment_succeeded', { ...session, payment_status: 'paid' }),
    );
    await deliver(
      'str2',
      stripeEvent('e3', 'charge.refunded', {
        id: 'ch_1',
        object: 'charge',
        refunded: true,
        metadata: { atrium_order_id: String(order.id) },
      }),
    );
    await settle(t);
    expect((await call(t, sh.s, 'GET', `/orders/${order.id}`)).status).toBe('refunded');
  });
});

describe('stripe checkout sessions', () => {
  it('creates a Checkout Session through the SDK with our order id and an idempotency key', async () => {
    const seen: { path: string; body: string; headers: http.IncomingHttpHeaders }[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        seen.push({ path: req.url ?? '', body, headers: req.headers });
        res.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_1' });
        res.end(
          JSON.stringify({
            id: 'cs_test_local',
            object: 'checkout.session',
            url: 'https://checkout.stripe.com/c/pay/cs_test_local',
          }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const sh = await stripeShop('str3', [
        { type: 'subscription', amount: 1900, currency: 'EUR', interval: 'month', trial_days: 7 },
      ]);
      const { account, product, price, ...order } = await pendingOrder(sh, 'tok-str3', 's@example.com', 'de');
      const gw = stripeGateway({ host: '127.0.0.1', port, protocol: 'http' });
      const started = await gw.startPayment(t.runtime.deps, {
        account,
        product,
        price,
        order,
        origin: 'http://str3.localhost:3000',
      });
      expect(started).toEqual({
        url: 'https://checkout.stripe.com/c/pay/cs_test_local',
        ref: 'cs_test_local',
      });
      expect(seen).toHaveLength(1);
      expect(seen[0]!.path).toBe('/v1/checkout/sessions');
      expect(seen[0]!.headers.authorization).toBe('Bearer sk_test_abc123');
      expect(seen[0]!.headers['idempotency-key']).toContain(`atrium-order-${order.id}-`);
      const form = new URLSearchParams(seen[0]!.body);
      expect(form.get('mode')).toBe('subscription');
      expect(form.get('client_reference_id')).toBe(String(order.id));
      expect(form.get('metadata[atrium_order_id]')).toBe(String(order.id));
      expect(form.get('line_items[0][price_data][currency]')).toBe('eur');
      expect(form.get('line_items[0][price_data][unit_amount]')).toBe('1900');
      expect(form.get('line_items[0][price_data][recurring][interval]')).toBe('month');
      expect(form.get('subscription_data[trial_period_days]')).toBe('7');
      expect(form.get('subscription_data[metadata][atrium_order_id]')).toBe(String(order.id));
      expect(form.get('success_url')).toBe(
        `http://str3.localhost:3000/checkout/gold/thank-you/${order.public_token}`,
      );
    } finally {
      server.close();
    }
  });
});
