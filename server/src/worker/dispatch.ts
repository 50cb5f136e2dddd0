import { CompiledQuery, type ControlledTransaction } from 'kysely';
import { z } from 'zod';
import { runPrepared } from '../db/prepared.js';
import type { Database, Db, Dialect, EventRow } from '../db/types.js';
import { iso } from '../lib/clock.js';
import { errorText } from './errors.js';
import { enqueueJob } from './jobs.js';
import type { DispatchPass, EventSubscriber, JobHandler, WorkerLog } from './types.js';

/** Built-in job that retries one subscriber's fan-out of one event after it failed in dispatch. */
export const FAN_OUT_JOB = 'worker.fan_out';

export type SubscriberIndex = ReadonlyMap<string, readonly EventSubscriber[]>;

export function indexSubscribers(subscribers: readonly EventSubscriber[]): SubscriberIndex {
  const names = new Set<string>();
  const byType = new Map<string, EventSubscriber[]>();
  for (const s of subscribers) {
    if (names.has(s.name)) throw new Error(`Two event subscribers are named "${s.name}".`);
    names.add(s.name);
    for (const type of new Set(s.events)) byType.set(type, [...(byType.get(type) ?? []), s]);
  }
  return byType;
}

/** A dispatch pass: events read, marked dispatched, and left for the next pass by a subscriber. */
export type Dispatched = { read: number; dispatched: number; deferred: number };

/**
 * Dispatches a batch of undispatched events, oldest first: for each, every subscriber to its type
 * fans out (creates jobs), then the event is marked dispatched, all in one transaction, so a crash
 * leaves the batch undispatched and the next pass repeats it (the job keys absorb the repeat).
 * PostgreSQL: FOR UPDATE SKIP LOCKED lets several workers dispatch different events at once.
 *
 * A subscriber that throws is rolled back to a savepoint and turned into a `worker.fan_out` job,
 * so a broken subscriber neither blocks the events behind it nor loses this one: the job retries
 * with backoff, then shows up dead and replayable like any other job.
 */
export async function dispatchEvents(
  db: Db,
  dialect: Dialect,
  subscribers: SubscriberIndex,
  log: WorkerLog,
  now: Date,
  limit = 100,
  pass: DispatchPass = { stopSoon: () => false },
): Promise<Dispatched> {
  // A cheap read first: most passes find nothing, and SQLite's BEGIN IMMEDIATE takes the write lock.
  // Statements compiled once (runPrepared): a dispatch pass runs every few milliseconds under load.
  const any = await runPrepared(
    db,
    'worker.anyUndispatched',
    () => db.selectFrom('events').select('id').where('dispatched_at', 'is', null).limit(1),
    [],
  );
  if (any.length === 0) return { read: 0, dispatched: 0, deferred: 0 };

  const trx = await db.startTransaction().execute();
  try {
    const events = await runPrepared(
      trx,
      'worker.undispatched',
      (p) =>
        trx
          .selectFrom('events')
          .selectAll()
          .where('dispatched_at', 'is', null)
          .orderBy('id')
          .limit(p(0))
          .$if(dialect === 'postgres', (qb) => qb.forUpdate().skipLocked()),
      [limit],
    );
    // Batch subscribers get all their events at once; the others get them one by one.
    const batches = new Map<EventSubscriber, EventRow[]>();
    for (const event of events) {
      for (const sub of subscribers.get(event.type) ?? []) {
        if (!sub.fanOutBatch) await fanOutOne(trx, sub, event, now, log);
        else if (batches.has(sub)) batches.get(sub)!.push(event);
        else batches.set(sub, [event]);
      }
    }
    const deferred = new Set<number>();
    for (const [sub, batch] of batches) {
      await trx.executeQuery(SAVEPOINT.set);
      try {
        const result = (await sub.fanOutBatch!(trx, batch, now, pass)) as
          | { deferred?: readonly number[] }
          | undefined;
        // Only events the subscriber did not handle, and never a whole batch (no progress).
        const later = (result?.deferred ?? []).filter((id) => batch.some((e) => e.id === id));
        if (later.length < batch.length) for (const id of later) deferred.add(id);
        await trx.executeQuery(SAVEPOINT.release);
      } catch (err) {
        await trx.executeQuery(SAVEPOINT.rollback);
        await trx.executeQuery(SAVEPOINT.release);
        log.warn(
          { subscriber: sub.name, events: batch.length, err: errorText(err) },
          'batch fan-out failed; fanning out one event at a time',
        );
        for (const event of batch) await fanOutOne(trx, sub, event, now, log);
      }
    }
    const done = deferred.size ? events.filter((e) => !deferred.has(e.id)) : events;
    if (done.length > 0) {
      await runPrepared(
        trx,
        `worker.dispatched:${done.length}`,
        (p) =>
          trx
            .updateTable('events')
            .set({ dispatched_at: p(0) })
            .where(
              'id',
              'in',
              done.map((_, i) => p(i + 1)),
            ),
        [iso(now), ...done.map((e) => e.id)],
      );
    }
    await trx.commit().execute();
    return { read: events.length, dispatched: done.length, deferred: events.length - done.length };
  } catch (err) {
    await trx
      .rollback()
      .execute()
      .catch(() => {});
    throw err;
  }
}

/**
 * The savepoint around each fan-out, as ready statements: one per event and subscriber is a
 * hot path, and Kysely's savepoint API builds a transaction object and compiles each time.
 */
const SAVEPOINT = {
  set: CompiledQuery.raw('savepoint fan_out'),
  release: CompiledQuery.raw('release savepoint fan_out'),
  rollback: CompiledQuery.raw('rollback to savepoint fan_out'),
};

/**
 * One subscriber, one event, under a savepoint: a failure is rolled back and becomes a
 * `worker.fan_out` job that retries it.
 */
async function fanOutOne(
  trx: ControlledTransaction<Database>,
  sub: EventSubscriber,
  event: EventRow,
  now: Date,
  log: WorkerLog,
): Promise<void> {
  await trx.executeQuery(SAVEPOINT.set);
  try {
    await sub.fanOut(trx, event, now);
    await trx.executeQuery(SAVEPOINT.release);
  } catch (err) {
    await trx.executeQuery(SAVEPOINT.rollback);
    await trx.executeQuery(SAVEPOINT.release);
    log.warn({ eventId: event.id, subscriber: sub.name, err: errorText(err) }, 'fan-out failed');
    await enqueueJob(trx, {
      type: FAN_OUT_JOB,
      payload: { eventId: event.id, subscriber: sub.name },
      accountId: event.account_id,
      at: now,
      key: `${event.id}:${sub.name}:fan_out`,
    });
  }
}

const fanOutPayload = z.object({ eventId: z.number().int(), subscriber: z.string() });

/** Handler of `worker.fan_out`: runs the subscriber again in its own transaction. */
export function fanOutHandler(
  subscribers: readonly EventSubscriber[],
): JobHandler<z.infer<typeof fanOutPayload>> {
  return {
    type: FAN_OUT_JOB,
    parse: (p) => fanOutPayload.parse(p),
    transactional: true,
    async run(ctx, { eventId, subscriber }) {
      const sub = subscribers.find((s) => s.name === subscriber);
      if (!sub) throw new Error(`No event subscriber is named "${subscriber}".`);
      const accountId = ctx.job.account_id;
      const event = await ctx.db
        .selectFrom('events')
        .selectAll()
        .where('id', '=', eventId)
        .where((eb) => (accountId === null ? eb('account_id', 'is', null) : eb('account_id', '=', accountId)))
        .executeTakeFirst();
      if (!event) throw new Error(`Event ${eventId} no longer exists.`);
      await sub.fanOut(ctx.db, event satisfies EventRow, ctx.now);
    },
  };
}
