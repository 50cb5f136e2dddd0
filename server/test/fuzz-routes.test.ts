import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Json } from '../src/modules/automations/testkit.js';
import { browser, type Shop, sandboxWebhook, shop, tokenOf } from '../src/modules/commerce/testkit.js';
import { createTestApp, type TestApp } from './app.js';

/**
 * Bad input at the routes of domains, commerce, kartra, webhooks, the hosted checkout, the
 * gateway webhooks, Kartra's `/api` and the TLS ask: malformed JSON, wrong types, huge strings,
 * negative and overflowing numbers, unknown ids and another account's ids. Every answer is a
 * clear error (< 500, `{error:{code,message}}` on `/api/v1`) and nothing in the database changes.
 */

let t: TestApp;
let a: Shop;
let b: Shop;
let ids: { b: Json; a: Json };

const TABLES = [
  'products',
  'prices',
  'orders',
  'subscriptions',
  'gateway_settings',
  'gateway_webhooks',
  'kartra_credentials',
  'kartra_apps',
  'webhook_subscriptions',
  'product_ipns',
  'webhook_deliveries',
  'custom_domains',
  'leads',
  'lead_tags',
  'lead_timeline',
  'custom_fields',
  'members',
  'membership_access',
  'events',
  'jobs',
] as const;

async function snapshot(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = await t.db.db.selectFrom(table).selectAll().execute();
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

beforeAll(async () => {
  t = await createTestApp();
  a = await shop(t, 'fuzza');
  b = await shop(t, 'fuzzb');
  const mk = async (s: Shop) => {
    const domain = await call(t, s.s, 'POST', '/domains', { hostname: `www.${s.s.username}.test` }, 201);
    const hook = await call(t, s.s, 'POST', '/webhooks', {
      url: 'https://example.com/hook',
      events: ['buy_product'],
    });
    await call(t, s.s, 'POST', '/api-credentials/regenerate');
    const app = await call(t, s.s, 'POST', '/api-apps', { app_id: 'FUZZAPP', name: 'Fuzz' });
    await call(t, s.s, 'PUT', `/products/${s.product.id}/ipn`, { url: 'https://example.com/ipn' });
    const bought = await call(t, s.s, 'POST', `/products/${s.product.id}/test-purchase`, { wait_ms: 0 });
    return { domain: domain.id, hook: hook.id, app: app.id, product: s.product.id, order: bought.order_id };
  };
  ids = { a: await mk(a), b: await mk(b) };
  await t.runJobs();
  const sub = await t.db.db
    .selectFrom('subscriptions')
    .select('id')
    .where('account_id', '=', b.s.accountId)
    .executeTakeFirstOrThrow();
  ids.b.subscription = sub.id;
  const delivery = await t.db.db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('account_id', '=', b.s.accountId)
    .executeTakeFirstOrThrow();
  ids.b.delivery = delivery.id;
  // Make B's delivery retryable, so a retry through A would show.
  await t.db.db
    .updateTable('webhook_deliveries')
    .set({ status: 'dead' })
    .where('id', '=', delivery.id)
    .execute();
});
afterAll(() => t.close());

const huge = 'x'.repeat(200_000);
const badValues: unknown[] = [
  null,
  -1,
  0,
  1e308,
  2 ** 63,
  -(2 ** 63),
  1.5,
  'abc',
  huge,
  true,
  [],
  {},
  [huge],
  { $gt: '' },
];

/** Bodies that break each field in turn, given a valid-looking body. */
function bodies(valid: Json): unknown[] {
  const out: unknown[] = [null, [], 'str', 42, {}];
  for (const key of Object.keys(valid)) for (const v of badValues) out.push({ ...valid, [key]: v });
  return out;
}

const badIds = [
  '0',
  '-1',
  '1.5',
  'abc',
  '99999999999999999999',
  '9223372036854775807',
  '%00',
  'x'.repeat(5000),
];

type Kind = 'domain' | 'hook' | 'app' | 'product' | 'order' | 'subscription' | 'delivery';
type Probe = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; body?: Json; kind?: Kind };

function admin(): Probe[] {
  return [
    { method: 'POST', url: '/domains', body: { hostname: 'shop.brand.test' } },
    { method: 'POST', url: '/domains/:id/check', kind: 'domain' },
    { method: 'DELETE', url: '/domains/:id', kind: 'domain' },
    { method: 'GET', url: '/domains/:id', kind: 'domain' },
    { method: 'PATCH', url: '/api-credentials', body: { restrict_apps: true } },
    { method: 'POST', url: '/api-apps', body: { app_id: 'NEWAPP', name: 'n' } },
    { method: 'PATCH', url: '/api-apps/:id', body: { status: 'blocked', name: 'n' }, kind: 'app' },
    { method: 'DELETE', url: '/api-apps/:id', kind: 'app' },
    { method: 'POST', url: '/webhooks', body: { url: 'https://example.com/x', events: ['buy_product'] } },
    { method: 'PATCH', url: '/webhooks/:id', body: { active: false }, kind: 'hook' },
    { method: 'DELETE', url: '/webhooks/:id', kind: 'hook' },
    { method: 'GET', url: '/webhook-deliveries?webhook_id=:id&status=dead&limit=5', kind: 'hook' },
    { method: 'POST', url: '/webhook-deliveries/:id/retry', kind: 'delivery' },
    { method: 'GET', url: '/products/:id/ipn', kind: 'product' },
    {
      method: 'PUT',
      url: '/products/:id/ipn',
      body: { url: 'https://example.com/ipn2', secret_key: 'k' },
      kind: 'product',
    },
    { method: 'DELETE', url: '/products/:id/ipn', kind: 'product' },
    {
      method: 'POST',
      url: '/products',
      body: { name: 'P', tag: 'T', slug: 'p', prices: [{ type: 'one_time', amount: 100, currency: 'EUR' }] },
    },
    { method: 'GET', url: '/products/:id', kind: 'product' },
    { method: 'PATCH', url: '/products/:id', body: { name: 'Q', active: false }, kind: 'product' },
    { method: 'DELETE', url: '/products/:id', kind: 'product' },
    { method: 'GET', url: '/products/:id/health', kind: 'product' },
    { method: 'POST', url: '/products/:id/test-purchase', body: { price_id: 1 }, kind: 'product' },
    { method: 'GET', url: '/products/:id/test-purchase/:id', kind: 'order' },
    { method: 'GET', url: '/orders?limit=:id&status=paid' },
    { method: 'GET', url: '/orders/:id', kind: 'order' },
    { method: 'POST', url: '/orders/:id/refund', body: { amount: 100 }, kind: 'order' },
    { method: 'GET', url: '/subscriptions?limit=:id' },
    { method: 'GET', url: '/subscriptions/:id', kind: 'subscription' },
    { method: 'POST', url: '/subscriptions/:id/cancel', body: { at_period_end: true }, kind: 'subscription' },
    {
      method: 'PUT',
      url: '/gateways/stripe',
      body: { secret_key: 'sk_test_x', publishable_key: 'pk_test_x' },
    },
    { method: 'GET', url: '/commerce/stats?from=:id&to=:id' },
  ] as Probe[];
}

async function expectClean(
  res: { statusCode: number; body: string; headers: Record<string, unknown> },
  what: string,
) {
  expect(res.statusCode, `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
  expect(res.body, what).not.toMatch(/ at .*\.(ts|js):\d+/);
  if (res.statusCode >= 400 && String(res.headers['content-type']).includes('json')) {
    const json = JSON.parse(res.body);
    expect(json.error?.code, `${what} → ${res.body.slice(0, 300)}`).toEqual(expect.any(String));
    expect(json.error?.message, what).toEqual(expect.any(String));
  }
}

describe('admin routes of the new modules', () => {
  it('answer bad ids, another account’s ids and bad bodies with a clear error, changing nothing', async () => {
    const B = ids.b;
    // A refusal changes nothing; a body that happens to be valid (2xx) moves the baseline.
    let baseline = await snapshot();
    const check = async (res: Awaited<ReturnType<typeof t.request>>, what: string) => {
      await expectClean(res, what);
      const now = await snapshot();
      if (res.statusCode >= 400)
        expect(now, `${what} → ${res.statusCode} changed the database`).toEqual(baseline);
      baseline = now;
    };
    for (const p of admin()) {
      const send = async (url: string, payload?: unknown) =>
        t.request({
          method: p.method,
          url: `/api/v1${url}`,
          session: a.s,
          ...(payload === undefined ? {} : { payload: payload as Json }),
        });
      // Unknown, malformed and foreign ids.
      if (p.url.includes(':id')) {
        const foreign = p.kind ? String(B[p.kind]) : undefined;
        for (const id of foreign ? [...badIds, foreign] : badIds) {
          const url = p.url.replaceAll(':id', encodeURIComponent(id));
          const res = await send(url, p.body);
          await check(res, `${p.method} ${url.slice(0, 120)}`);
          if (id === foreign && !p.url.includes('?')) {
            expect(res.statusCode, `${p.method} ${url} (another account's id)`).toBeGreaterThanOrEqual(400);
          }
        }
      }
      if (!p.body) continue;
      // Broken bodies at a foreign id (or at the collection).
      const url = p.url.replaceAll(':id', String(B.product));
      for (const body of bodies(p.body)) {
        const res = await send(url, body);
        const what = `${p.method} ${url} ${JSON.stringify(body).slice(0, 80)}`;
        await check(res, what);
        // A 200,000-character value is never a name, a key or an address.
        if (JSON.stringify(body).includes(huge)) expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
      }
      // Malformed JSON.
      const raw = await t.request({
        method: p.method,
        url: `/api/v1${url}`,
        session: a.s,
        payload: '{"name": ',
        headers: { 'content-type': 'application/json' },
      });
      await check(raw, `${p.method} ${url} malformed JSON`);
      expect(raw.statusCode).toBe(400);
    }
  }, 300_000);
});

describe('list queries', () => {
  it('answer junk cursors, limits and filters with a clear error', async () => {
    const junk = ['-1', '0', 'abc', '1.5', '99999999999999999999', '9223372036854775808', 'x'.repeat(3000)];
    const lists = ['/orders', '/subscriptions', '/webhook-deliveries', '/commerce/stats'];
    const keys = ['cursor', 'limit', 'product_id', 'lead_id', 'webhook_id', 'status', 'kind', 'days'];
    for (const list of lists) {
      for (const key of keys) {
        for (const v of junk) {
          const url = `/api/v1${list}?${key}=${encodeURIComponent(v)}`;
          const res = await t.request({ method: 'GET', url, session: a.s });
          await expectClean(res, `GET ${url.slice(0, 100)}`);
        }
      }
    }
  });
});

describe('gateway keys', () => {
  it('refuses a Stripe key of the right form but absurd length, storing nothing', async () => {
    const before = await snapshot();
    for (const body of [
      { secret_key: `sk_test_${'a'.repeat(100_000)}` },
      { publishable_key: `pk_test_${'a'.repeat(100_000)}` },
      { webhook_secret: `whsec_${'a'.repeat(100_000)}` },
    ]) {
      const res = await t.request({
        method: 'PUT',
        url: '/api/v1/gateways/stripe',
        session: a.s,
        payload: body,
      });
      await expectClean(res, Object.keys(body)[0]!);
      expect(res.statusCode, Object.keys(body)[0]).toBe(400);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('site-host and public routes', () => {
  it('the hosted checkout answers bad forms, unknown slugs and tokens without a 500', async () => {
    const before = await snapshot();
    const br = browser(t, a.host);
    for (const url of [
      '/checkout/nope',
      `/checkout/${'x'.repeat(5000)}`,
      '/checkout/gold/pay/nope',
      '/checkout/gold/thank-you/nope',
      '/checkout/gold/pay/%00',
      `/checkout/${'y'.repeat(80)}`,
      `/checkout/gold/pay/${'z'.repeat(80)}`,
      '/checkout/gold/thank-you/%E0%A4%A',
    ]) {
      await expectClean(await br.get(url), `GET ${url}`);
    }
    await br.get('/checkout/gold');
    const forms: Record<string, string>[] = [
      {},
      { email: huge },
      { email: 'a@b.co', price_id: '-1' },
      { email: 'a@b.co', price_id: '99999999999999999999' },
      { email: 'a@b.co', price_id: String(b.product.prices[0].id) },
      { email: 'a@b.co', price_id: 'abc', name: huge },
    ];
    for (const f of forms)
      await expectClean(await br.post('/checkout/gold', f), `POST /checkout/gold ${Object.keys(f)}`);
    for (const f of forms) await expectClean(await br.post('/checkout/gold/pay/nope', f), 'POST pay');
    const junk = await t.app.inject({
      method: 'POST',
      url: '/checkout/gold',
      headers: { host: a.host, 'content-type': 'application/json' },
      payload: '{"x":',
    });
    await expectClean(junk, 'POST /checkout/gold malformed JSON');
    expect(await snapshot()).toEqual(before);
  });

  it('the hosted checkout refuses bad fields past its token, changing nothing', async () => {
    const before = await snapshot();
    const br = browser(t, a.host);
    const ok = { email: 'buyer@example.com', first_name: 'Ada', last_name: 'Lovelace' };
    const variants: Record<string, string>[] = [
      { price_id: String(b.product.prices[0].id) },
      { price_id: '-1' },
      { price_id: '0' },
      { price_id: '1.5' },
      { price_id: '99999999999999999999' },
      { price_id: 'x'.repeat(10_000) },
      { price_id: String(a.product.prices[0].id), email: 'x'.repeat(10_000) },
      { price_id: String(a.product.prices[0].id), email: 'not an email' },
      { price_id: String(a.product.prices[0].id), first_name: 'x'.repeat(10_000) },
    ];
    for (const v of variants) {
      const page = await br.get('/checkout/gold');
      const res = await br.post('/checkout/gold', { checkout_token: tokenOf(page.body), ...ok, ...v });
      await expectClean(res, `POST /checkout/gold ${JSON.stringify(v).slice(0, 60)}`);
      expect(res.statusCode, JSON.stringify(v).slice(0, 60)).toBeGreaterThanOrEqual(400);
    }
    expect(await snapshot()).toEqual(before);
    // The same form with a good price and email goes through (the refusals above were the fields).
    const page = await br.get('/checkout/gold');
    const good = await br.post('/checkout/gold', {
      checkout_token: tokenOf(page.body),
      ...ok,
      price_id: String(a.product.prices[0].id),
    });
    expect(good.statusCode).toBe(303);
  });

  it('signed sandbox webhooks with junk data or another account’s order change nothing there', async () => {
    const before = await snapshot();
    const datas: Json[] = [
      {},
      { order_id: ids.b.order },
      { order_id: -1 },
      { order_id: 'x'.repeat(10_000) },
      { order_id: 1e308 },
      { order_id: [1] },
      { order_id: { $gt: 0 } },
      { subscription_id: ids.b.subscription },
    ];
    let n = 0;
    for (const type of ['checkout.completed', 'refund', 'subscription.cancelled', 'payment.failed', 'nope']) {
      for (const data of datas) {
        const res = await sandboxWebhook(t, 'fuzza', a.secret, { id: `evt_fuzz_${n++}`, type, data });
        await expectClean(res, `sandbox ${type} ${JSON.stringify(data).slice(0, 60)}`);
      }
    }
    await t.runJobs();
    const after = await snapshot();
    // Only the webhook log (and its processing events/jobs) of account A may grow.
    for (const table of TABLES) {
      if (['gateway_webhooks', 'events', 'jobs'].includes(table)) continue;
      expect(after[table], table).toEqual(before[table]);
    }
    const foreign = (rows: string[]) => rows.filter((r) => JSON.parse(r).account_id === b.s.accountId);
    expect(foreign(after.gateway_webhooks!)).toEqual(foreign(before.gateway_webhooks!));
  });

  it('the gateway webhooks refuse junk', async () => {
    const before = await snapshot();
    for (const provider of ['sandbox', 'stripe', 'nope']) {
      for (const user of ['fuzza', 'nobody', 'x'.repeat(3000)]) {
        for (const payload of [
          '',
          '{',
          '[]',
          'null',
          JSON.stringify({ id: 'evt', type: 'x', data: huge }),
          huge,
        ]) {
          const res = await t.app.inject({
            method: 'POST',
            url: `/webhooks/${provider}/${user}`,
            headers: {
              'content-type': 'application/json',
              'stripe-signature': 't=1,v1=00',
              'x-atrium-signature': 'x',
            },
            payload,
          });
          await expectClean(res, `POST /webhooks/${provider}/${user.slice(0, 10)} ${payload.slice(0, 20)}`);
          expect(res.statusCode, `${provider} ${payload.slice(0, 20)}`).toBeGreaterThanOrEqual(400);
        }
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('Kartra /api answers junk with Kartra’s JSON error', async () => {
    const before = await snapshot();
    const creds = await call(t, a.s, 'POST', '/api-credentials/regenerate');
    const snap = await snapshot();
    const forms = [
      '',
      'x',
      `app_id=FUZZAPP&api_key=${creds.api_key}&api_password=${creds.api_password}`,
      `app_id=FUZZAPP&api_key=${creds.api_key}&api_password=${creds.api_password}&lead[email]=${huge}`,
      `app_id=FUZZAPP&api_key=${creds.api_key}&api_password=${creds.api_password}&actions[0][cmd]=assign_tag&actions[0][tag_name]=${huge}&lead[email]=a@b.co`,
      `app_id=FUZZAPP&api_key=${creds.api_key}&api_password=${creds.api_password}&actions[0][cmd]=get_lead&lead[id]=-1`,
      `app_id=FUZZAPP&api_key=${creds.api_key}&api_password=${creds.api_password}&actions[0][cmd]=get_lead&lead[id]=99999999999999999999`,
      `app_id=FUZZAPP&api_key=${creds.api_key}&api_password=${creds.api_password}&actions[0][cmd]=get_transaction&transaction_id=${huge}`,
      `app_id=FUZZAPP&api_key=${creds.api_key}&api_password=${creds.api_password}&actions[9999999999][cmd]=x`,
      `app_id=FUZZAPP&api_key=${creds.api_key}&api_password=${creds.api_password}&actions=1&lead=2`,
      `app_id[]=1&api_key[x]=2&api_password=3`,
    ];
    for (const payload of forms) {
      for (const ct of ['application/x-www-form-urlencoded', 'application/json']) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api',
          headers: { 'content-type': ct },
          payload,
        });
        expect(res.statusCode, `${ct} ${payload.slice(0, 80)} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
        expect(res.body).not.toMatch(/ at .*\.(ts|js):\d+/);
        expect(res.json(), payload.slice(0, 80)).toHaveProperty('status');
      }
    }
    void before;
    // Only the app's call counters move (the calls were made).
    expect({ ...(await snapshot()), kartra_apps: [] }).toEqual({ ...snap, kartra_apps: [] });
    // A lead with huge names and a huge tag: stored clipped or refused, never 200 KB.
    const big = `app_id=FUZZAPP&api_key=${creds.api_key}&api_password=${creds.api_password}&lead[email]=big@example.com&lead[first_name]=${huge}&actions[0][cmd]=create_lead&actions[1][cmd]=assign_tag&actions[1][tag_name]=${'t'.repeat(5000)}&actions[2][cmd]=subscribe_lead_to_list&actions[2][list_name]=${'l'.repeat(5000)}`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: big,
    });
    expect(res.statusCode, res.body.slice(0, 200)).toBeLessThan(500);
    for (const table of ['tags', 'lists'] as const) {
      const names = await t.db.db.selectFrom(table).select('name').execute();
      expect(Math.max(0, ...names.map((n) => n.name.length)), table).toBeLessThanOrEqual(100);
    }
    const leads = await t.db.db.selectFrom('leads').select('first_name').execute();
    expect(Math.max(0, ...leads.map((l) => (l.first_name ?? '').length))).toBeLessThanOrEqual(1000);
  });

  it('the TLS ask answers junk with 404', async () => {
    for (const q of [
      '',
      '?domain=',
      `?domain=${'x'.repeat(10000)}`,
      '?domain[]=a',
      '?domain=%00',
      '?domain=a&domain=b',
      '?domain=..',
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `/internal/tls/ask${q}` });
      expect(res.statusCode, q.slice(0, 40)).toBeLessThan(500);
    }
  });
});
