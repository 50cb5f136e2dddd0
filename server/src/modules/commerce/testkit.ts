import type { LightMyRequestResponse } from 'fastify';
import type { Session, TestApp } from '../../../test/app.js';
import { call, createAutomation, createMembership, type Json } from '../automations/testkit.js';
import { signSandbox } from './gateways/sandbox.js';

/** Helpers for commerce's tests: a shop with a Gold membership sold through a product, and a browser. */

export type Shop = {
  s: Session;
  host: string;
  product: Json;
  membership: { id: number; basic: number; gold: number };
  tagId: number;
  secret: string;
};

/**
 * A business selling "Gold" (tag Gold) with automations: tag_applied Gold → grant Gold level,
 * tag_removed Gold → revoke. `prices` defaults to one monthly subscription.
 */
export async function shop(t: TestApp, username: string, prices?: Json[], extra: Json = {}): Promise<Shop> {
  const s = await t.signup(username);
  const membership = await createMembership(t, s);
  const product = await call(
    t,
    s,
    'POST',
    '/products',
    {
      name: 'Gold course',
      slug: 'gold',
      tag: 'Gold',
      prices: prices ?? [{ type: 'subscription', amount: 4900, currency: 'EUR', interval: 'month' }],
      ...extra,
    },
    201,
  );
  await createAutomation(t, s, {
    name: 'Gold access',
    active: true,
    trigger: { type: 'tag_applied', tag_id: product.tag_id },
    steps: [{ type: 'grant_membership', membership_id: membership.id, level_id: membership.gold }],
  });
  await createAutomation(t, s, {
    name: 'Gold revoke',
    active: true,
    trigger: { type: 'tag_removed', tag_id: product.tag_id },
    steps: [{ type: 'revoke_membership', membership_id: membership.id }],
  });
  const { secret } = await call(t, s, 'GET', '/gateways/sandbox');
  return { s, host: `${username}.localhost`, product, membership, tagId: product.tag_id, secret };
}

/** A browser on one host that keeps its cookies. */
export function browser(t: TestApp, host: string, ip = '203.0.113.9') {
  const jar = new Map<string, string>();
  const keep = (res: LightMyRequestResponse) => {
    for (const c of res.cookies) jar.set(c.name, c.value);
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    jar,
    get: async (url: string, headers: Record<string, string> = {}) =>
      keep(
        await t.app.inject({
          method: 'GET',
          url,
          headers: { host, cookie: cookie(), ...headers },
          remoteAddress: ip,
        }),
      ),
    post: async (url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
      keep(
        await t.app.inject({
          method: 'POST',
          url,
          headers: {
            host,
            cookie: cookie(),
            'content-type': 'application/x-www-form-urlencoded',
            ...headers,
          },
          payload: new URLSearchParams(form).toString(),
          remoteAddress: ip,
        }),
      ),
  };
}

export const tokenOf = (html: string) => /name="checkout_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
export const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Posts a sandbox webhook signed with `secret` at the test clock's time. */
export async function sandboxWebhook(
  t: TestApp,
  username: string,
  secret: string,
  event: { id: string; type: string; created?: number; data: Json },
  opts: { signature?: string } = {},
) {
  const created = event.created ?? Math.floor(t.clock.now().getTime() / 1000);
  const body = JSON.stringify({ ...event, created });
  return t.app.inject({
    method: 'POST',
    url: `/webhooks/sandbox/${username}`,
    headers: {
      host: 'localhost',
      'content-type': 'application/json',
      'atrium-signature':
        opts.signature ?? signSandbox(secret, body, Math.floor(t.clock.now().getTime() / 1000)),
    },
    payload: body,
  });
}

/** Creates a pending order through the hosted checkout; returns its id and the pay page path. */
export async function checkout(t: TestApp, sh: Shop, email: string, form: Record<string, string> = {}) {
  const b = browser(t, sh.host);
  const page = await b.get('/checkout/gold');
  if (page.statusCode !== 200) throw new Error(`checkout page: ${page.statusCode}`);
  const res = await b.post('/checkout/gold', {
    checkout_token: tokenOf(page.body),
    price_id: String(sh.product.prices[0].id),
    email,
    first_name: 'Ada',
    last_name: 'Lovelace',
    ...form,
  });
  if (res.statusCode !== 303) throw new Error(`checkout post: ${res.statusCode} ${res.body.slice(0, 500)}`);
  const orders = await call(t, sh.s, 'GET', '/orders?limit=1');
  return { orderId: orders.orders[0].id as number, pay: res.headers.location as string, browser: b };
}
