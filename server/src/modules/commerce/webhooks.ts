import { z } from 'zod';
import type { Dialect, EventRow } from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import { iso } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import { type EnqueueOptions, enqueueJob, enqueueJobs } from '../../worker/jobs.js';
import { emitEvent } from '../../worker/outbox.js';
import type { EventSubscriber, JobHandler } from '../../worker/types.js';
import { runPrepared } from '../kartra/prepared.js';
import { applyFact } from './fulfil.js';
import type { Gateways } from './gateways/index.js';
import type { GatewayName } from './schema.js';

/**
 * Gateway webhooks. Receiving is short: find the account, verify the signature, store the raw
 * body under the provider's event id (unique) and write a `commerce.webhook_received` outbox
 * event in the same transaction, answer 200. A repeated event id finds the row there and does
 * nothing else. Processing turns the body into a fact and applies it to its order, exactly once
 * whatever the order of arrival. On SQLite the subscriber's batch form does it inside the
 * dispatcher's transaction (which also marks the events dispatched: one commit for several
 * purchases) until INLINE_BUDGET_MS is spent, and leaves the rest undispatched for the next pass,
 * so no transaction holds the single writer (and the acks waiting for it) long. On PostgreSQL
 * (parallel workers), and in the one-event fallback beyond INLINE_PER_BATCH, it queues a
 * `commerce.webhook` job (transactional).
 */

export const WEBHOOK_EVENT = 'commerce.webhook_received';
export const WEBHOOK_JOB = 'commerce.webhook';
export const WEBHOOK_SUBSCRIBER = 'commerce';
/** One-event fallback (`fanOut`), SQLite: webhooks processed inline per dispatch pass; the rest go to jobs. */
export const INLINE_PER_BATCH = 8;
/**
 * SQLite, batch form: a dispatch transaction processes webhooks until it has spent this long on
 * them (always at least one); the rest wait for the next pass, after the HTTP requests queued
 * meanwhile (acks) have had the writer.
 */
export const INLINE_BUDGET_MS = 4;

export type Received = { duplicate: boolean; webhookId: number };

export async function accountByUsername(deps: Pick<AppDeps, 'db'>, username: string) {
  const [account] = await runPrepared(
    deps.db,
    'commerce.accountByUsername',
    (p) =>
      deps.db
        .selectFrom('accounts')
        .select(['id', 'username'])
        .where('username', '=', p(0))
        .where('active', '=', 1),
    [username.toLowerCase()],
  );
  if (!account) throw notFound('This account');
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
  const gateway = gateways[provider];
  const verified = await gateway.verifyWebhook(deps, accountId, raw, headers);
  const now = deps.clock.now();
  const result = await deps.db.transaction().execute(async (trx) => {
    const [inserted] = await runPrepared(
      trx,
      'commerce.storeWebhook',
      (p) =>
        trx
          .insertInto('gateway_webhooks')
          .values({
            account_id: p(0),
            provider: p(1),
            event_id: p(2),
            type: p(3),
            body: p(4),
            provider_created: p(5),
            status: 'received',
            order_id: null,
            result: null,
            received_at: p(6),
            processed_at: null,
          })
          .onConflict((oc) => oc.columns(['provider', 'account_id', 'event_id']).doNothing())
          .returning('id'),
      [
        accountId,
        provider,
        verified.eventId,
        verified.type,
        raw,
        verified.created ? iso(verified.created) : null,
        iso(now),
      ],
    );
    if (!inserted) {
      const existing = await trx
        .selectFrom('gateway_webhooks')
        .select('id')
        .where('provider', '=', provider)
        .where('account_id', '=', accountId)
        .where('event_id', '=', verified.eventId)
        .executeTakeFirstOrThrow();
      return { duplicate: true, webhookId: existing.id };
    }
    await emitEvent(trx, { accountId, type: WEBHOOK_EVENT, payload: { webhook_id: inserted.id }, at: now });
    return { duplicate: false, webhookId: inserted.id };
  });
  if (!result.duplicate) deps.wake();
  return result;
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
     * process them). SQLite: processed here, in the dispatcher's transaction, while the batch has
     * spent less than INLINE_BUDGET_MS on them; the rest stay undispatched for the next pass, so
     * no transaction holds the single writer (and the webhook acks waiting for it) for long.
     */
    async fanOutBatch(trx, events, now) {
      if (deps.dialect !== 'sqlite') {
        const jobs = events.flatMap((event) => {
          const p = payload.safeParse(JSON.parse(event.payload));
          return p.success ? [jobOf(event, p.data.webhook_id, now)] : [];
        });
        if (jobs.length) await enqueueJobs(trx, jobs);
        return;
      }
      const started = performance.now();
      const deferred: number[] = [];
      for (const event of events) {
        if (deferred.length || (event !== events[0] && performance.now() - started > INLINE_BUDGET_MS)) {
          deferred.push(event.id);
          continue;
        }
        const p = payload.safeParse(JSON.parse(event.payload));
        if (p.success) await processWebhook(trx, deps.dialect, gateways, p.data.webhook_id, now);
      }
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
