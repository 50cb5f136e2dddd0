import { afterEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { goldShop } from '../../../test/gold-shop.js';
import type { EventRow } from '../../db/types.js';
import { createGateways } from './gateways/index.js';
import { sandboxSecret } from './settings.js';
import { sandboxWebhook } from './testkit.js';
import { commerceWorkerParts, WEBHOOK_EVENT, WEBHOOK_SUBSCRIBER } from './webhooks.js';

/**
 * The dispatch pass's budget (`DispatchPass.stopSoon`): on SQLite commerce applies a batch of
 * webhooks chunk by chunk and stops at the first chunk boundary where the pass says so (its time
 * is up, or an acknowledgement waits for the writer), leaving the rest, the newest, undispatched.
 */

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

it('applies webhooks until the pass says stop, oldest first, and defers the rest', async () => {
  t = await createTestApp();
  const deps = t.runtime.deps;
  const { account, pendingOrders } = await goldShop(deps, 'budget');
  const ids = await pendingOrders(0, 12);
  const secret = await sandboxSecret(deps, account.id);
  for (const id of ids) {
    const res = await sandboxWebhook(t, account.username, secret, {
      id: `evt_${id}`,
      type: 'checkout.completed',
      data: { order_id: id },
    });
    expect(res.statusCode).toBe(200);
  }
  const events = (await deps.db
    .selectFrom('events')
    .selectAll()
    .where('type', '=', WEBHOOK_EVENT)
    .orderBy('id')
    .execute()) as EventRow[];
  expect(events).toHaveLength(12);
  const subscriber = commerceWorkerParts(deps, createGateways()).subscribers.find(
    (s) => s.name === WEBHOOK_SUBSCRIBER,
  )!;
  const completed = () =>
    deps.db.selectFrom('orders').select('id').where('status', '=', 'completed').orderBy('id').execute();

  if (deps.dialect === 'postgres') {
    // PostgreSQL queues a job per webhook (parallel workers apply them): nothing to stop.
    const result = await deps.db
      .transaction()
      .execute((trx) => subscriber.fanOutBatch!(trx, events, t!.clock.now(), { stopSoon: () => true }));
    expect(result).toBeUndefined();
    expect(await completed()).toEqual([]);
    return;
  }
  // The pass wants to stop at once: one chunk is applied (progress), the rest deferred.
  const first = await deps.db
    .transaction()
    .execute((trx) => subscriber.fanOutBatch!(trx, events, t!.clock.now(), { stopSoon: () => true }));
  const deferred = (first as { deferred: number[] }).deferred;
  const done = (await completed()).map((o) => o.id);
  expect(done.length).toBeGreaterThan(0);
  expect(done.length).toBeLessThan(12);
  expect(done).toEqual(ids.slice(0, done.length));
  expect(deferred).toEqual(events.slice(done.length).map((e) => e.id));
  // A pass with time left applies the rest.
  const rest = events.filter((e) => deferred.includes(e.id));
  const second = await deps.db
    .transaction()
    .execute((trx) => subscriber.fanOutBatch!(trx, rest, t!.clock.now(), { stopSoon: () => false }));
  expect((second as { deferred: number[] }).deferred).toEqual([]);
  expect((await completed()).map((o) => o.id)).toEqual(ids);
});
