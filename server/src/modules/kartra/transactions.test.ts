import http from 'node:http';
import type { AddressInfo } from 'node:net';
import qs from 'qs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { call, type Json, membershipsOf, settle } from '../automations/testkit.js';
import { checkout, sandboxWebhook, shop } from '../commerce/testkit.js';
import { post } from './testkit.js';

/**
 * Transactions and subscriptions through the Kartra API, over commerce's real orders (sandbox
 * gateway), and the commerce side of the outbound API: buy_product / cancel_subscription /
 * refund_product webhooks and per-product IPN form posts.
 */

let t: TestApp;
let receiver: http.Server;
let target: string;
const received: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  t = await createTestApp({ WEBHOOK_ALLOW_PRIVATE: '1' });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

async function buy(sh: Awaited<ReturnType<typeof shop>>, username: string, email: string, priceId: number) {
  const { orderId } = await checkout(t, sh, email, { price_id: String(priceId) });
  const res = await sandboxWebhook(t, username, sh.secret, {
    id: `evt_${orderId}`,
    type: 'checkout.completed',
    data: { order_id: orderId },
  });
  expect(res.statusCode).toBe(200);
  await settle(t);
  return orderId;
}

describe('transaction and subscription commands', () => {
  it('search, details, from lead, cancel (revokes through the tag), refund, and their errors', async () => {
    const sh = await shop(t, 'ktx1', [
      { type: 'subscription', amount: 4900, currency: 'EUR', interval: 'month' },
      { type: 'one_time', amount: 9900, currency: 'EUR' },
    ]);
    const { api_key, api_password } = await call(t, sh.s, 'POST', '/api-credentials/regenerate');
    const creds = { app_id: 'CHECKOUTJOY', api_key, api_password };
    const kartra = async (body: Json) => (await post(t, qs.stringify({ ...creds, ...body }))).json;
    const ipn = await t.request({
      method: 'PUT',
      url: `/api/v1/products/${sh.product.id}/ipn`,
      session: sh.s,
      payload: { url: `${target}/ipn`, secret_key: 'ipn-secret-1' },
    });
    expect(ipn.json()).toMatchObject({ product_id: sh.product.id, secret_key: 'ipn-secret-1', active: true });
    await call(t, sh.s, 'POST', '/webhooks', {
      url: `${target}/hook`,
      events: ['buy_product', 'cancel_subscription', 'refund_product'],
    });

    const subOrder = await buy(sh, 'ktx1', 'buyer@example.com', sh.product.prices[0].id);
    const oneOff = await buy(sh, 'ktx1', 'second@example.com', sh.product.prices[1].id);
    const lead = (await call(t, sh.s, 'GET', '/leads?q=buyer%40example.com')).leads[0];
    expect(await membershipsOf(t, sh.s, lead.id)).toMatchObject([{ status: 'active' }]);
    const sub = (await call(t, sh.s, 'GET', '/subscriptions')).subscriptions[0];

    expect(
      await kartra({ actions: [{ cmd: 'search_transaction', transaction_id: String(subOrder) }] }),
    ).toEqual({
      status: 'Success',
      message: 'Transaction exists',
      actions: [{ search_transaction: { status: 'Success', message: 'Transaction exists' } }],
    });
    const details = await kartra({
      actions: [{ cmd: 'get_transaction_details', transaction_id: String(subOrder) }],
    });
    expect(details.transaction_details).toMatchObject({
      transaction_id: String(subOrder),
      transaction_type: 'sale',
      transaction_full_amount: '49.00',
      transaction_internal_subscription_id: String(sub.id),
      product_id: String(sh.product.id),
      product_name: 'Gold course',
      product_price_point: '1',
      lead_id: String(lead.id),
      lead_email: 'buyer@example.com',
      lead_first_name: 'Ada',
      lead_last_name: 'Lovelace',
    });
    expect(details.actions[0].get_transaction_details.transaction_details).toEqual(
      details.transaction_details,
    );

    const fromLead = await kartra({
      lead: { email: 'buyer@example.com' },
      actions: [{ cmd: 'retrieve_transactions_from_lead' }, { cmd: 'retrieve_subscriptions_from_lead' }],
    });
    expect(fromLead.transaction_list).toEqual([
      {
        transaction_id: String(subOrder),
        lead_id: String(lead.id),
        lead_email: 'buyer@example.com',
        transaction_type: 'sale',
      },
    ]);
    expect(fromLead.subscriptions_list).toEqual([
      {
        subscription_id: String(sub.id),
        lead_id: String(lead.id),
        lead_email: 'buyer@example.com',
        subscription_status: 'Active',
      },
    ]);
    const subDetails = await kartra({
      actions: [{ cmd: 'get_subscription_details', subscription_id: String(sub.id) }],
    });
    expect(subDetails.subscription_details).toMatchObject({
      subscription_id: String(sub.id),
      subscription_product_id: String(sh.product.id),
      subscription_price_point: '1',
      subscription_lead_id: String(lead.id),
      subscription_end_date: '0000-00-00 00:00:00',
      subscription_installments_left: 'Until cancelled',
      subscription_status: 'Active',
      subscription_next_scheduled_payment_amount: '49.00',
    });
    expect(subDetails.subscription_details.subscription_next_payment_date).toMatch(/^2026-04-01 /);

    // Errors before any change.
    const errs = await kartra({
      actions: [
        { cmd: 'search_transaction', transaction_id: '999999' },
        {
          cmd: 'modify_subscription_status',
          subscription_id: String(sub.id),
          subscription_status_modification: 'pause',
        },
        {
          cmd: 'modify_subscription_status',
          subscription_id: String(sub.id),
          subscription_status_modification: 'explode',
        },
        { cmd: 'cancel_transaction', transaction_id: String(oneOff) },
        { cmd: 'refund_transaction', transaction_id: String(oneOff), refund_amount: 'lots' },
        { cmd: 'refund_transaction', transaction_id: String(oneOff), refund_amount: '500.00' },
        { cmd: 'refund_transaction', transaction_id: String(oneOff), refund_amount: '10.00' },
        { cmd: 'get_subscription_details', subscription_id: '424242' },
      ],
    });
    expect(errs.actions.map((a: Json) => (Object.values(a)[0] as Json).type)).toEqual([
      '247',
      '274',
      '274',
      '253',
      '268',
      '268',
      '266',
      '248',
    ]);

    // Cancel the subscription: the gateway is told, the tag comes off, the automation revokes.
    const cancelled = await kartra({
      actions: [{ cmd: 'cancel_transaction', transaction_id: String(subOrder) }],
    });
    expect(cancelled.actions[0]).toEqual({
      cancel_transaction: {
        status: 'Success',
        transaction_subscription_id: sub.gateway_ref ?? '',
        transaction_internal_subscription_id: String(sub.id),
      },
    });
    await settle(t);
    expect(await membershipsOf(t, sh.s, lead.id)).toMatchObject([{ status: 'revoked' }]);
    expect((await call(t, sh.s, 'GET', `/subscriptions/${sub.id}`)).status).toBe('cancelled');
    const again = await kartra({
      actions: [
        { cmd: 'cancel_transaction', transaction_internal_subscription_id: String(sub.id) },
        {
          cmd: 'modify_subscription_status',
          subscription_id: String(sub.id),
          subscription_status_modification: 'cancel',
        },
        {
          cmd: 'modify_subscription_status',
          subscription_id: String(sub.id),
          subscription_status_modification: 'unpause',
        },
        { cmd: 'edit_subscription', subscription_id: String(sub.id), subscription_amount: '10' },
      ],
    });
    expect(again.actions.map((a: Json) => (Object.values(a)[0] as Json).type)).toEqual([
      '252',
      '252',
      '275',
      '275',
    ]);

    // Refund the one-off order in full.
    const refunded = await kartra({
      actions: [{ cmd: 'refund_transaction', transaction_id: String(oneOff), refund_amount: '99.00' }],
    });
    expect(refunded).toMatchObject({
      status: 'Success',
      transaction_refunded: String(oneOff),
      actions: [{ refund_transaction: { status: 'Success', transaction_refunded: String(oneOff) } }],
    });
    await settle(t);
    expect((await call(t, sh.s, 'GET', `/orders/${oneOff}`)).status).toBe('refunded');
    expect(
      (await kartra({ actions: [{ cmd: 'refund_transaction', transaction_id: String(oneOff) }] })).type,
    ).toBe('251');
    const history = await kartra({
      lead: { id: String(lead.id) },
      actions: [{ cmd: 'retrieve_transactions_from_lead' }],
    });
    expect(history.transaction_list.map((x: Json) => `${x.transaction_id}:${x.transaction_type}`)).toEqual([
      `${subOrder}:sale`,
      `${subOrder}:cancellation`,
    ]);
    const second = await kartra({
      lead: { email: 'second@example.com' },
      actions: [{ cmd: 'retrieve_transactions_from_lead' }],
    });
    expect(second.transaction_list.map((x: Json) => `${x.transaction_id}:${x.transaction_type}`)).toEqual([
      `${oneOff}:sale`,
      `${oneOff}:refund`,
    ]);

    // The IPN: Kartra's form variables, the secret key, "N/A" for empty values.
    const ipns = received
      .filter((r) => r.path === '/ipn')
      .map((r) => Object.fromEntries(new URLSearchParams(r.body)));
    expect(ipns.map((v) => `${v.transaction_id}:${v.transaction_type}`).sort()).toEqual(
      [`${subOrder}:sale`, `${oneOff}:sale`, `${subOrder}:cancellation`, `${oneOff}:refund`].sort(),
    );
    const sale = ipns.find((v) => v.transaction_id === String(subOrder) && v.transaction_type === 'sale')!;
    expect(sale).toMatchObject({
      secret_key: 'ipn-secret-1',
      transaction_full_amount: '49.00',
      product_id: String(sh.product.id),
      product_price_point: '1',
      lead_email: 'buyer@example.com',
      lead_username: 'N/A',
      transaction_affiliate: 'N/A',
      transaction_jv: 'N/A',
    });
    expect(Object.values(sale)).not.toContain('');
    expect(received.find((r) => r.path === '/ipn')!.headers['content-type']).toBe(
      'application/x-www-form-urlencoded',
    );

    // The outbound API: buy_product, cancel_subscription, refund_product with transaction_details.
    const hooks = received.filter((r) => r.path === '/hook').map((r) => JSON.parse(r.body) as Json);
    expect(hooks.map((h) => h.action).sort()).toEqual([
      'buy_product',
      'buy_product',
      'cancel_subscription',
      'refund_product',
    ]);
    const cancelHook = hooks.find((h) => h.action === 'cancel_subscription')!;
    expect(cancelHook.lead).toMatchObject({ id: String(lead.id), email: 'buyer@example.com' });
    const refundHook = hooks.find((h) => h.action === 'refund_product')!;
    expect(refundHook.lead.email).toBe('second@example.com');
    expect(refundHook.action_details.transaction_details).toMatchObject({
      transaction_id: String(oneOff),
      transaction_type: 'refund',
      transaction_full_amount: '99.00',
    });
    expect(cancelHook.action_details.transaction_details).toMatchObject({
      transaction_id: String(subOrder),
      transaction_type: 'cancellation',
      transaction_internal_subscription_id: String(sub.id),
    });
    const log = await call(t, sh.s, 'GET', '/webhook-deliveries?kind=ipn');
    expect(log.deliveries).toHaveLength(4);
    expect(log.deliveries.every((d: Json) => d.status === 'delivered')).toBe(true);

    // Another account's ids are not found.
    const other = await shop(t, 'ktx2');
    const oc = await call(t, other.s, 'POST', '/api-credentials/regenerate');
    const foreign = await post(
      t,
      qs.stringify({
        app_id: 'X',
        api_key: oc.api_key,
        api_password: oc.api_password,
        actions: [
          { cmd: 'get_transaction_details', transaction_id: String(subOrder) },
          { cmd: 'get_subscription_details', subscription_id: String(sub.id) },
        ],
      }),
    );
    expect(foreign.json.actions.map((a: Json) => (Object.values(a)[0] as Json).type)).toEqual(['247', '248']);
    await call(t, other.s, 'GET', `/products/${sh.product.id}/ipn`, undefined, 404);
  });
});
