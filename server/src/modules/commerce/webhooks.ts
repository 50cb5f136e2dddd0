import { z } from 'zod';
import { runPrepared } from '../../db/prepared.js';
import type { DbOrTrx, Dialect, EventRow } from '../../db/types.js';
import type { AppDeps, ThreadOps } from '../../deps.js';
import { iso } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import { type EnqueueOptions, enqueueJob, enqueueJobs } from '../../worker/jobs.js';
import { emitEvents } from '../../worker/outbox.js';
import { insertRows } from '../../worker/rows.js';
import type { EventSubscriber, JobHandler } from '../../worker/types.js';
import { processWebhooks } from './complete-many.js';
import { applyFact } from './fulfil.js';
import type { Gateways } from './gateways/index.js';
import type { VerifiedWebhook } from './gateways/types.js';
import type { GatewayName } from './schema.js';

/**
 * Gateway webhooks. Receiving is short: find the account, verify the signature, store the raw
 * body under the provider's event id (unique) and write a `commerce.webhook_received` outbox
 * event in the same transaction, answer 200. A repeated event id finds the row there and does
 * nothing else. Processing turns the body into a fact and applies it to its order, exactly once
 * whatever the order of arrival. On SQLite the subscriber's batch form does it inside the
 * dispatcher's transaction (which also marks the events dispatched: one commit for several
 * purchases) chunk by chunk until the pass says stop (its time is up, or an acknowledgement
 * waits: `DispatchPass`), and leaves the rest undispatched for the next pass, so no transaction
 * holds the single writer (and the acks waiting for it) long. With the worker on its own thread,
 * deliveries are stored there (`commerceThreadOps`), between its transactions. On PostgreSQL
 * (parallel workers), and in the one-event fallback beyond INLINE_PER_BATCH, it queues a
 * `commerce.webhook` job (transactional).
 */

export const WEBHOOK_EVENT = 'commerce.webhook_received';
export const WEBHOOK_JOB = 'commerce.webhook';
export const WEBHOOK_SUBSCRIBER = 'commerce';
/** One-event fallback (`fanOut`), SQLite: webhooks processed inline per dispatch pass; the rest go to jobs. */
export const INLINE_PER_BATCH = 8;
/**
 * SQLite, batch form: webhooks are processed in chunks of about this long, and after each the
 * pass is asked whether to stop (`DispatchPass.stopSoon`: its time is up, or an acknowledgement
 * waits for the writer); the rest wait for the next pass.
 */
const CHUNK_MS = 1.5;
/** What a webhook is guessed to cost before the batch has measured any (sizes the first chunk). */
const FIRST_GUESS_MS = 0.3;

export type Received = { duplicate: boolean; webhookId: number };

/** How long a webhook route trusts what it read of an account (its id, that it is active). */
const ACCOUNT_CACHE_MS = 2000;
const accountCache = new WeakMap<
  object,
  Map<string, { account: { id: number; username: string }; at: number }>
>();

/**
 * The active account a webhook URL names. A burst of deliveries names the same few accounts, so
 * what was read is kept for ACCOUNT_CACHE_MS (per database): a deactivated account stops
 * receiving within that time.
 */
export async function accountByUsername(deps: Pick<AppDeps, 'db'>, username: string) {
  const name = username.toLowerCase();
  let cache = accountCache.get(deps.db);
  if (!cache) {
    cache = new Map();
    accountCache.set(deps.db, cache);
  }
  const hit = cache.get(name);
  if (hit && performance.now() - hit.at < ACCOUNT_CACHE_MS) return hit.account;
  const [account] = await runPrepared(
    deps.db,
    'commerce.accountByUsername',
    (p) =>
      deps.db
        .selectFrom('accounts')
        .select(['id', 'username'])
        .where('username', '=', p(0))
        .where('active', '=', 1),
    [name],
  );
  if (!account) throw notFound('This account');
  if (cache.size >= 10_000) cache.clear();
  cache.set(name, { account, at: performance.now() });
  return account;
}

/** Verifies and stores one delivery (the route, the sandbox pay page and the test purchase call it). */
export async function receiveWebhook(
  deps: AppDeps,
  gateways: Gateways,
  provider: GatewayName,
  accountId: number,
  raw: string,
  headers: Record<string, string | string[] | undefined>,
): Promise<Received> {
  const verified = await gateways[provider].verifyWebhook(deps, accountId, raw, headers);
  return new Promise<Received>((resolve, reject) => {
    let queue = storeQueues.get(deps);
    if (!queue) {
      const fresh: Delivery[] = [];
      storeQueues.set(deps, fresh);
      setImmediate(() => {
        storeQueues.delete(deps);
        void storeAll(deps, fresh);
      });
      queue = fresh;
    }
    queue.push({ accountId, provider, verified, raw, resolve, reject });
  });
}

type Delivery = {
  accountId: number;
  provider: GatewayName;
  verified: VerifiedWebhook;
  raw: string;
  resolve: (r: Received) => void;
  reject: (err: unknown) => void;
};

/**
 * Deliveries verified in the same turn of the event loop, waiting to be stored together. One
 * transaction (one commit) stores them all: under a burst, a commit per delivery was most of
 * the acknowledgement's cost. Each is answered once the commit is done; if it fails, all are
 * (500: the gateway sends them again).
 */
const storeQueues = new WeakMap<object, Delivery[]>();

async function storeAll(deps: AppDeps, deliveries: Delivery[]) {
  try {
    const input: ToStore[] = deliveries.map(({ accountId, provider, verified, raw }) => ({
      accountId,
      provider,
      verified,
      raw,
    }));
    // With the worker on its own thread, that thread (the busier writer) stores them between its
    // transactions: this one does not wait for SQLite's writer and goes on answering requests.
    const offloaded = deps.onWorkerThread?.(STORE_DELIVERIES_OP, input) as Promise<Received[]> | undefined;
    const results = await (offloaded ?? storeHere(deps, input));
    for (const [i, d] of deliveries.entries()) d.resolve(results[i]!);
  } catch (err) {
    for (const d of deliveries) d.reject(err);
  }
}

/** What storing a delivery needs (structured-clonable: it may cross to the worker thread). */
type ToStore = Pick<Delivery, 'accountId' | 'provider' | 'verified' | 'raw'>;
const STORE_DELIVERIES_OP = 'commerce.storeDeliveries';

async function storeHere(deps: AppDeps, deliveries: ToStore[]): Promise<Received[]> {
  const now = deps.clock.now();
  const results = await deps.db.transaction().execute((trx) => storeDeliveries(trx, deliveries, now));
  if (results.some((r) => !r.duplicate)) deps.wake();
  return results;
}

/** What the worker thread runs for the serving thread (runtime.ts). */
export function commerceThreadOps(deps: AppDeps): ThreadOps {
  return { [STORE_DELIVERIES_OP]: (input) => storeHere(deps, input as ToStore[]) };
}

/**
 * Stores the deliveries under their provider's event ids (the unique key decides what is new;
 * within the batch, the first of two equal ids) and writes a `commerce.webhook_received` event
 * for each new one, in arrival order.
 */
async function storeDeliveries(trx: DbOrTrx, deliveries: ToStore[], now: Date): Promise<Received[]> {
  const keyOf = (provider: string, accountId: number, eventId: string) =>
    `${provider}\n${accountId}\n${eventId}`;
  const inserted = await insertRows<
    'gateway_webhooks',
    { id: number; provider: string; account_id: number; event_id: string }
  >(
    trx,
    'gateway_webhooks',
    deliveries.map((d) => ({
      account_id: d.accountId,
      provider: d.provider,
      event_id: d.verified.eventId,
      type: d.verified.type,
      body: d.raw,
      provider_created: d.verified.created ? iso(d.verified.created) : null,
      status: 'received',
      order_id: null,
      result: null,
      received_at: iso(now),
      processed_at: null,
    })),
    {
      conflict: '("provider", "account_id", "event_id") do nothing',
      returning: ['id', 'provider', 'account_id', 'event_id'],
    },
  );
  const fresh = new Map(
    inserted.map((r) => [keyOf(r.provider, Number(r.account_id), r.event_id), Number(r.id)]),
  );
  const results: Received[] = [];
  for (const d of deliveries) {
    const key = keyOf(d.provider, d.accountId, d.verified.eventId);
    const id = fresh.get(key);
    if (id !== undefined) {
      fresh.delete(key); // a second delivery of the same event in this batch is a duplicate
      results.push({ duplicate: false, webhookId: id });
      continue;
    }
    const existing = await trx
      .selectFrom('gateway_webhooks')
      .select('id')
      .where('provider', '=', d.provider)
      .where('account_id', '=', d.accountId)
      .where('event_id', '=', d.verified.eventId)
      .executeTakeFirstOrThrow();
    results.push({ duplicate: true, webhookId: existing.id });
  }
  await emitEvents(
    trx,
    results.flatMap((r, i) =>
      r.duplicate
        ? []
        : [
            {
              accountId: deliveries[i]!.accountId,
              type: WEBHOOK_EVENT,
              payload: { webhook_id: r.webhookId },
              at: now,
            },
          ],
    ),
  );
  return results;
}

const payload = z.object({ webhook_id: z.number().int().positive() });

/** Applies one stored webhook to its order, in the job's transaction (exactly once). */
export async function processWebhook(
  db: Parameters<JobHandler['run']>[0]['db'],
  dialect: Dialect,
  gateways: Gateways,
  webhookId: number,
  now: Date,
): Promise<void> {
  const [hook] = await runPrepared(
    db,
    'commerce.webhookById',
    (p) => db.selectFrom('gateway_webhooks').selectAll().where('id', '=', p(0)),
    [webhookId],
  );
  if (!hook || hook.processed_at) return;
  const gateway = gateways[hook.provider as GatewayName];
  const fact = gateway?.factOf(hook.body) ?? null;
  let status = 'ignored';
  let result = 'not an event that concerns orders';
  let orderId: number | null = null;
  if (fact) {
    const applied = await applyFact(
      db,
      {
        accountId: hook.account_id,
        dialect,
        now,
        actor: { source: 'gateway', sourceId: `${hook.provider}:${hook.event_id}` },
      },
      hook.provider,
      fact,
      hook.provider_created ? new Date(hook.provider_created) : now,
    );
    orderId = applied.orderId;
    result = applied.result;
    status = applied.orderId ? 'processed' : 'ignored';
  }
  await runPrepared(
    db,
    'commerce.webhookProcessed',
    (p) =>
      db
        .updateTable('gateway_webhooks')
        .set({ status: p(0), result: p(1), order_id: p(2), processed_at: p(3) })
        .where('id', '=', p(4))
        .where('processed_at', 'is', null),
    [status, result, orderId, iso(now), webhookId],
  );
}

export function webhookJobHandler(
  deps: Pick<AppDeps, 'dialect'>,
  gateways: Gateways,
): JobHandler<{ webhook_id: number }> {
  return {
    type: WEBHOOK_JOB,
    parse: (p) => payload.parse(p),
    transactional: true,
    maxAttempts: 10,
    async run(ctx, p) {
      await processWebhook(ctx.db, deps.dialect, gateways, p.webhook_id, ctx.now);
    },
  };
}

/**
 * Reacts to `commerce.webhook_received`: processes the webhook in the dispatcher's transaction
 * (SQLite, up to INLINE_PER_BATCH a batch) or queues its job (keyed by the event: a repeated
 * dispatch queues nothing new).
 */
export function webhookSubscriber(deps: Pick<AppDeps, 'dialect'>, gateways: Gateways): EventSubscriber {
  const inlineDone = new WeakMap<object, number>();
  const jobOf = (event: EventRow, webhookId: number, now: Date): EnqueueOptions => ({
    type: WEBHOOK_JOB,
    payload: { webhook_id: webhookId },
    accountId: event.account_id,
    at: now,
    key: `${event.id}:${WEBHOOK_SUBSCRIBER}:webhook`,
    maxAttempts: 10,
  });
  return {
    name: WEBHOOK_SUBSCRIBER,
    events: [WEBHOOK_EVENT],
    /**
     * A dispatch batch's webhooks. PostgreSQL: their jobs, in one statement (parallel workers
     * process them). SQLite: processed here, in the dispatcher's transaction, chunk by chunk until
     * the pass says stop; the rest stay undispatched for the next pass, so no transaction holds
     * the single writer (and the webhook acks waiting for it) for long.
     */
    async fanOutBatch(trx, events, now, pass) {
      if (deps.dialect !== 'sqlite') {
        const jobs = events.flatMap((event) => {
          const p = payload.safeParse(JSON.parse(event.payload));
          return p.success ? [jobOf(event, p.data.webhook_id, now)] : [];
        });
        if (jobs.length) await enqueueJobs(trx, jobs);
        return;
      }
      // Chunks sized from the time the batch's webhooks have cost so far (a first guess before any).
      const started = performance.now();
      let done = 0;
      while (done < events.length) {
        if (done > 0 && pass.stopSoon()) break;
        const each = done > 0 ? (performance.now() - started) / done : FIRST_GUESS_MS;
        const n = Math.max(1, Math.min(events.length - done, Math.floor(CHUNK_MS / each)));
        const chunk = events.slice(done, done + n);
        const chunkIds = chunk.flatMap((event) => {
          const p = payload.safeParse(JSON.parse(event.payload));
          return p.success ? [p.data.webhook_id] : [];
        });
        await processWebhooks(trx, deps.dialect, gateways, chunkIds, now);
        done += n;
      }
      const deferred = events.slice(done).map((e) => e.id);
      return { deferred };
    },
    async fanOut(trx, event, now) {
      const p = payload.safeParse(JSON.parse(event.payload));
      if (!p.success) return;
      // One dispatch pass hands every event the same `now`: count this pass's inline work by it.
      const done = inlineDone.get(now) ?? 0;
      if (deps.dialect === 'sqlite' && done < INLINE_PER_BATCH) {
        inlineDone.set(now, done + 1);
        await processWebhook(trx, deps.dialect, gateways, p.data.webhook_id, now);
        return;
      }
      await enqueueJob(trx, {
        type: WEBHOOK_JOB,
        payload: p.data,
        accountId: event.account_id,
        at: now,
        key: `${event.id}:${WEBHOOK_SUBSCRIBER}:webhook`,
        maxAttempts: 10,
      });
    },
  };
}

/** What the worker runs for commerce: the webhook subscriber and its job handler. */
export function commerceWorkerParts(deps: Pick<AppDeps, 'dialect'>, gateways: Gateways) {
  return { handlers: [webhookJobHandler(deps, gateways)], subscribers: [webhookSubscriber(deps, gateways)] };
}
