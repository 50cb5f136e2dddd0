import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { call, settle } from '../automations/testkit.js';
import { processWebhooks } from './complete-many.js';
import { createGateways } from './gateways/index.js';
import { checkout, sandboxWebhook, shop } from './testkit.js';
import { processWebhook } from './webhooks.js';

/**
 * Completing a burst of webhooks together (complete-many.ts) must end exactly where processing
 * them one at a time ends. Two identical shops on two databases get the same deliveries (new
 * buyers, a buyer with a lead already (consent recorded on it), one buyer twice, a stale failure before
 * its completion, one completion delivered under two event ids, a subscription, a webhook for
 * no order); one processes them in one call, the other one by one. Then every row they wrote
 * is compared.
 */

let batch: TestApp;
let single: TestApp;
beforeAll(async () => {
  batch = await createTestApp();
  single = await createTestApp();
});
afterAll(async () => {
  await batch.close();
  await single.close();
});

async function scenario(t: TestApp, process: 'batch' | 'single') {
  const sh = await shop(t, 'burst', [{ type: 'one_time', amount: 4900 }], { ask_gdpr_consent: true });
  const plan = await call(
    t,
    sh.s,
    'POST',
    '/products',
    { name: 'Club', tag: 'Club', prices: [{ type: 'subscription', amount: 900, interval: 'month' }] },
    201,
  );
  await call(t, sh.s, 'POST', '/leads', { email: 'known@example.com', tags: ['Old'] }, 201);
  const buy = async (email: string) => (await checkout(t, sh, email, { gdpr_consent: '1' })).orderId;
  const ids = {
    fresh: await buy('fresh@example.com'),
    known: await buy('Known@Example.com'),
    twice1: await buy('twice@example.com'),
    twice2: await buy('twice@example.com'),
    gdpr: await buy('gdpr@example.com'),
    failedFirst: await buy('late@example.com'),
    dup: await buy('dup@example.com'),
  };
  // A subscription order (not a plain one-time completion: processed one at a time in a batch too).
  const club = await t.db.db
    .selectFrom('prices')
    .select('id')
    .where('product_id', '=', plan.id)
    .executeTakeFirstOrThrow();
  const page = await t.app.inject({ method: 'GET', url: '/checkout/club', headers: { host: sh.host } });
  expect(page.statusCode).toBe(200);
  const before = await t.db.db.selectFrom('orders').select('id').execute();
  const { browser, tokenOf } = await import('./testkit.js');
  const b = browser(t, sh.host);
  const form = await b.get('/checkout/club');
  const made = await b.post('/checkout/club', {
    checkout_token: tokenOf(form.body),
    price_id: String(club.id),
    email: 'sub@example.com',
    first_name: 'Sub',
    last_name: 'Scriber',
    gdpr_consent: '1',
  });
  expect(made.statusCode).toBe(303);
  const sub = (await t.db.db.selectFrom('orders').select('id').execute()).find(
    (o) => !before.some((b) => b.id === o.id),
  )!.id;

  const now = Math.floor(t.clock.now().getTime() / 1000);
  const send = async (id: string, type: string, order: number, created = now) =>
    expect(
      (await sandboxWebhook(t, sh.s.username, sh.secret, { id, type, created, data: { order_id: order } }))
        .statusCode,
    ).toBe(200);
  await send('e1', 'checkout.completed', ids.fresh);
  await send('e2', 'payment.failed', ids.failedFirst, now - 60);
  await send('e3', 'checkout.completed', ids.known);
  await send('e4', 'checkout.completed', ids.twice1);
  await send('e5', 'checkout.completed', ids.twice2);
  await send('e6', 'checkout.completed', sub);
  await send('e7', 'checkout.completed', ids.gdpr);
  await send('e8', 'checkout.completed', ids.failedFirst);
  await send('e9', 'checkout.completed', ids.dup);
  await send('e10', 'checkout.completed', ids.dup);
  await send('e11', 'checkout.completed', 999_999);

  const hooks = await t.db.db.selectFrom('gateway_webhooks').select('id').orderBy('id').execute();
  const gateways = createGateways();
  const at = t.clock.now();
  if (process === 'batch')
    await t.db.db.transaction().execute((trx) =>
      processWebhooks(
        trx,
        t.db.dialect,
        gateways,
        hooks.map((h) => h.id),
        at,
      ),
    );
  else
    for (const h of hooks)
      await t.db.db.transaction().execute((trx) => processWebhook(trx, t.db.dialect, gateways, h.id, at));
  // Their effects: the engine grants, the mails go out.
  await settle(t);
  return snapshot(t, sh.s.accountId);
}

/** Every row the processing wrote, with ids replaced by what they stand for. */
async function snapshot(t: TestApp, accountId: number) {
  const db = t.db.db;
  const leads = await db
    .selectFrom('leads')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('email_normalized')
    .execute();
  const emailOf = new Map(leads.map((l) => [l.id, l.email_normalized]));
  const orders = await db
    .selectFrom('orders')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
  const tagNames = new Map(
    (await db.selectFrom('tags').select(['id', 'name']).where('account_id', '=', accountId).execute()).map(
      (r) => [r.id, r.name],
    ),
  );
  // Lead ids as e-mails; row ids, times and random tokens (set-password links) left out.
  const mapIds = (json: string) =>
    JSON.parse(json, (k, v) =>
      k === 'lead_id' && typeof v === 'number'
        ? emailOf.get(v)
        : k === 'id' || k.endsWith('_at') || k === 'setPasswordLink'
          ? undefined
          : v,
    );
  const timeline = await db
    .selectFrom('lead_timeline')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
  const events = await db
    .selectFrom('events')
    .select(['type', 'payload'])
    .where('account_id', '=', accountId)
    .execute();
  const jobs = await db
    .selectFrom('jobs')
    .select(['type', 'dedupe_key', 'status', 'payload'])
    .where('account_id', '=', accountId)
    .execute();
  const access = await db
    .selectFrom('membership_access')
    .select(['lead_id', 'status', 'grants'])
    .where('account_id', '=', accountId)
    .execute();
  const hooks = await db
    .selectFrom('gateway_webhooks')
    .select(['event_id', 'status', 'result', 'order_id'])
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
  const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();
  return {
    leads: leads.map(({ id: _id, created_at: _c, updated_at: _u, ...l }) => l),
    orders: orders.map((o) => ({
      id: o.id,
      status: o.status,
      paid_at: o.paid_at,
      completed_at: o.completed_at,
      failed_at: o.failed_at,
      lead: o.lead_id === null ? null : emailOf.get(o.lead_id),
    })),
    tags: sorted(
      (await db.selectFrom('lead_tags').selectAll().where('account_id', '=', accountId).execute()).map(
        (r) => [emailOf.get(r.lead_id), tagNames.get(r.tag_id)],
      ),
    ),
    // Per lead, in the order written.
    timeline: leads.map((l) =>
      timeline
        .filter((e) => e.lead_id === l.id)
        .map((e) => [e.kind, e.source, e.source_id, mapIds(e.detail), e.at]),
    ),
    events: sorted(events.map((e) => [e.type, mapIds(e.payload)])),
    jobs: sorted(jobs.map((j) => [j.type, j.dedupe_key, j.status, mapIds(j.payload)])),
    access: sorted(access.map((a) => [emailOf.get(a.lead_id), a.status, a.grants])),
    hooks,
  };
}

describe('completing a burst of webhooks together', () => {
  it('ends exactly where processing them one at a time ends', async () => {
    const a = await scenario(batch, 'batch');
    const b = await scenario(single, 'single');
    expect(a).toEqual(b);
    // And it is the right end: every one-time order completed once, the buyer twice has one lead.
    expect(a.orders.map((o) => o.status)).toEqual(Array(8).fill('completed'));
    expect(a.leads.map((l) => l.email_normalized)).toEqual([
      'dup@example.com',
      'fresh@example.com',
      'gdpr@example.com',
      'known@example.com',
      'late@example.com',
      'sub@example.com',
      'twice@example.com',
    ]);
    expect(a.leads.find((l) => l.email_normalized === 'gdpr@example.com')!.gdpr_status).toBe('consented');
    expect(a.hooks.map((h) => h.status)).toEqual([
      'processed',
      'processed',
      'processed',
      'processed',
      'processed',
      'processed',
      'processed',
      'processed',
      'processed',
      'processed',
      'ignored',
    ]);
    expect(a.access.length).toBe(6); // the Gold buyers; the Club plan grants nothing
  });
});
