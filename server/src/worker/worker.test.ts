import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDb, type TestDb } from '../../test/db.js';
import { closeTestDb } from '../../test/worker/close.js';
import { memoryLog } from '../../test/worker/log.js';
import type { Job } from '../db/types.js';
import { addMs, iso, ManualClock, systemClock } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import { claimJobs } from './claim.js';
import { markDone } from './complete.js';
import { dispatchEvents, indexSubscribers } from './dispatch.js';
import {
  BACKOFF_CAP_MS,
  createWorker,
  type EventSubscriber,
  emitEvent,
  emitEvents,
  enqueueJob,
  enqueueJobs,
  FAN_OUT_JOB,
  type JobHandler,
  replayJob,
  type Worker,
  type WorkerLog,
  type WorkerOptions,
} from './index.js';

// Fastify's logger (and so pino's) must fit the worker's log type.
const _fitsFastify = (l: FastifyBaseLogger): WorkerLog => l;

let t: TestDb;
let clock: ManualClock;
let workers: Worker[];

beforeEach(async () => {
  t = await createTestDb();
  clock = new ManualClock();
  workers = [];
});
afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await closeTestDb(t);
});

function worker(opts: Partial<WorkerOptions> & Pick<WorkerOptions, 'handlers'>): Worker {
  const w = createWorker({ db: t.db, dialect: t.dialect, clock, log: memoryLog(), pollMs: 10, ...opts });
  workers.push(w);
  return w;
}

/** runOnce until a pass finds nothing to run. */
async function drain(w: Worker): Promise<number> {
  let total = 0;
  for (let n = await w.runOnce(); n > 0; n = await w.runOnce()) total += n;
  return total;
}

const jobRow = (id: number) =>
  t.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const allJobs = () => t.db.selectFrom('jobs').selectAll().orderBy('id').execute();

async function enqueue(type: string, payload: unknown, extra: { accountId?: number; runAt?: Date } = {}) {
  await enqueueJob(t.db, {
    type,
    payload,
    accountId: extra.accountId ?? null,
    at: clock.now(),
    runAt: extra.runAt,
  });
  const row = await t.db
    .selectFrom('jobs')
    .select('id')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A transactional handler that counts its runs and may be told to fail. */
function counter(type = 'count', opts: { failTimes?: number; maxAttempts?: number } = {}) {
  const runs: { id: number; payload: { n: number }; attempt: number }[] = [];
  let failures = 0;
  const handler: JobHandler<{ n: number }> = {
    type,
    parse: (p) => z.object({ n: z.number() }).parse(p),
    transactional: true,
    maxAttempts: opts.maxAttempts,
    async run(ctx, payload) {
      if (failures < (opts.failTimes ?? 0)) {
        failures++;
        throw new Error(`boom ${failures}`);
      }
      runs.push({ id: ctx.job.id, payload, attempt: ctx.job.attempts });
    },
  };
  return { handler, runs };
}

describe('events and subscribers', () => {
  it('turn one event into one job that runs once, and a re-dispatch adds no duplicate', async () => {
    const { handler, runs } = counter();
    const sub: EventSubscriber = {
      name: 'counter',
      events: ['lead.tag_applied'],
      async fanOut(trx, event, now) {
        const p = z.object({ n: z.number() }).parse(JSON.parse(event.payload));
        await enqueueJob(trx, {
          type: 'count',
          payload: p,
          accountId: event.account_id,
          at: now,
          key: `${event.id}:counter:count`,
        });
      },
    };
    const w = worker({ handlers: [handler], subscribers: [sub] });
    const eventId = await emitEvent(t.db, {
      accountId: 7,
      type: 'lead.tag_applied',
      payload: { n: 1 },
      at: clock.now(),
    });
    await emitEvent(t.db, { accountId: 7, type: 'unrelated', payload: {}, at: clock.now() });

    expect(await drain(w)).toBe(1);
    expect(runs).toEqual([{ id: expect.any(Number), payload: { n: 1 }, attempt: 1 }]);
    const events = await t.db.selectFrom('events').selectAll().execute();
    expect(events.every((e) => e.dispatched_at === iso(clock.now()))).toBe(true);

    // Dispatch again, as after a crash between fan-out and commit elsewhere: the key absorbs it.
    await t.db.updateTable('events').set({ dispatched_at: null }).where('id', '=', eventId).execute();
    expect(await drain(w)).toBe(0);
    const jobs = await allJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ status: 'done', account_id: 7, attempts: 1, type: 'count' });
    expect(runs).toHaveLength(1);
  });

  it('a batch subscriber may defer events: they stay undispatched and come back in the next pass', async () => {
    const seen: number[][] = [];
    const sub: EventSubscriber = {
      name: 'deferring',
      events: ['lead.tag_applied'],
      async fanOut() {},
      async fanOutBatch(_trx, events) {
        seen.push(events.map((e) => e.id));
        // Takes the first two, defers the rest (and tries to defer an event it was not given);
        // the third time it tries to defer the whole batch.
        if (seen.length === 3) return { deferred: events.map((e) => e.id) };
        return { deferred: [...events.slice(2).map((e) => e.id), 999_999] };
      },
    };
    await emitEvents(
      t.db,
      Array.from({ length: 5 }, (_, n) => ({
        accountId: 7,
        type: 'lead.tag_applied',
        payload: { n },
        at: clock.now(),
      })),
    );
    const index = indexSubscribers([sub]);
    const undispatched = async () =>
      (await t.db.selectFrom('events').select('id').where('dispatched_at', 'is', null).execute()).length;
    // A pass reports what it read, dispatched and left (the worker goes on at once).
    expect(await dispatchEvents(t.db, t.dialect, index, memoryLog(), clock.now(), 100)).toEqual({
      read: 5,
      dispatched: 2,
      deferred: 3,
    });
    expect(await undispatched()).toBe(3);
    await dispatchEvents(t.db, t.dialect, index, memoryLog(), clock.now(), 100);
    expect(await undispatched()).toBe(1);
    // Deferring a whole batch would make no progress: the last one is dispatched all the same.
    expect((await dispatchEvents(t.db, t.dialect, index, memoryLog(), clock.now(), 100)).dispatched).toBe(1);
    expect(await undispatched()).toBe(0);
    expect(seen.map((b) => b.length)).toEqual([5, 3, 1]);
  });

  it('a subscriber that throws becomes a retryable fan-out job and does not block other events', async () => {
    const { handler, runs } = counter();
    let broken = true;
    const flaky: EventSubscriber = {
      name: 'flaky',
      events: ['x'],
      async fanOut(trx, event, now) {
        // Written before the throw: must be rolled back with the savepoint.
        await enqueueJob(trx, {
          type: 'count',
          payload: { n: 0 },
          accountId: null,
          at: now,
          key: `${event.id}:flaky:a`,
        });
        if (broken) throw new Error('subscriber bug');
        await enqueueJob(trx, {
          type: 'count',
          payload: { n: 1 },
          accountId: null,
          at: now,
          key: `${event.id}:flaky:b`,
        });
      },
    };
    const steady: EventSubscriber = {
      name: 'steady',
      events: ['x'],
      async fanOut(trx, event, now) {
        await enqueueJob(trx, {
          type: 'count',
          payload: { n: 2 },
          accountId: null,
          at: now,
          key: `${event.id}:steady`,
        });
      },
    };
    const w = worker({ handlers: [handler], subscribers: [flaky, steady] });
    await emitEvent(t.db, { accountId: 3, type: 'x', payload: {}, at: clock.now() });
    await drain(w);
    let jobs = await allJobs();
    expect(jobs.map((j) => [j.type, j.status])).toEqual([
      [FAN_OUT_JOB, 'pending'],
      ['count', 'done'],
    ]);
    expect(jobs[0]!.last_error).toBe('subscriber bug');
    expect(jobs[0]!.account_id).toBe(3);
    expect(runs.map((r) => r.payload.n)).toEqual([2]);

    broken = false;
    clock.advance(BACKOFF_CAP_MS);
    await drain(w);
    jobs = await allJobs();
    expect(jobs.every((j) => j.status === 'done')).toBe(true);
    expect(runs.map((r) => r.payload.n).sort()).toEqual([0, 1, 2]);
  });
});

describe('retries', () => {
  it('back off, go dead after the last attempt with the error, and replay brings the job back', async () => {
    const { handler, runs } = counter('count', { failTimes: 3, maxAttempts: 3 });
    const w = worker({ handlers: [handler] });
    const id = await enqueue('count', { n: 1 }, { accountId: 1 });

    expect(await w.runOnce()).toBe(1);
    let job = await jobRow(id);
    expect(job).toMatchObject({ status: 'pending', attempts: 1, last_error: 'boom 1' });
    const delay1 = Date.parse(job.run_at) - clock.now().getTime();
    expect(delay1).toBeGreaterThan(0);
    // Not yet due: nothing runs.
    expect(await w.runOnce()).toBe(0);

    clock.advance(delay1);
    expect(await w.runOnce()).toBe(1);
    job = await jobRow(id);
    expect(job).toMatchObject({ status: 'pending', attempts: 2, last_error: 'boom 2' });
    const delay2 = Date.parse(job.run_at) - clock.now().getTime();
    expect(delay2).toBeGreaterThan(delay1);

    clock.advance(delay2);
    expect(await w.runOnce()).toBe(1);
    job = await jobRow(id);
    expect(job).toMatchObject({
      status: 'dead',
      attempts: 3,
      last_error: 'boom 3',
      finished_at: iso(clock.now()),
    });
    clock.advance(BACKOFF_CAP_MS);
    expect(await w.runOnce()).toBe(0);
    expect(runs).toHaveLength(0);

    // Another account cannot replay it, nor can the system scope.
    await expect(replayJob(t.db, { accountId: 2 }, id, clock.now())).rejects.toMatchObject({ status: 404 });
    await expect(replayJob(t.db, { accountId: null }, id, clock.now())).rejects.toBeInstanceOf(AppError);
    expect((await jobRow(id)).status).toBe('dead');

    await replayJob(t.db, { accountId: 1 }, id, clock.now());
    expect(await jobRow(id)).toMatchObject({ status: 'pending', attempts: 0, finished_at: null });
    // Replaying a job that is not finished is a conflict.
    await expect(replayJob(t.db, { accountId: 1 }, id, clock.now())).rejects.toMatchObject({ status: 409 });

    expect(await w.runOnce()).toBe(1);
    expect(await jobRow(id)).toMatchObject({ status: 'done', attempts: 1 });
    expect(runs).toEqual([{ id, payload: { n: 1 }, attempt: 1 }]);
  });

  it('roll back a transactional attempt that fails, so its effects do not stick', async () => {
    const handler: JobHandler<null> = {
      type: 'half',
      parse: () => null,
      transactional: true,
      async run(ctx) {
        await enqueueJob(ctx.db, {
          type: 'half',
          payload: null,
          accountId: null,
          at: ctx.now,
          key: 'side-effect',
        });
        throw new Error('after the write');
      },
    };
    const w = worker({ handlers: [handler] });
    const id = await enqueue('half', null);
    await w.runOnce();
    const jobs = await allJobs();
    expect(jobs.map((j) => j.id)).toEqual([id]);
    expect(jobs[0]).toMatchObject({ status: 'pending', last_error: 'after the write' });
  });

  it('make a job dead at once for a bad payload or an unknown type', async () => {
    const { handler, runs } = counter();
    const w = worker({ handlers: [handler] });
    const bad = await enqueue('count', { n: 'one' });
    const unknown = await enqueue('nobody.handles.this', {});
    expect(await w.runOnce()).toBe(2);
    expect(await jobRow(bad)).toMatchObject({ status: 'dead', attempts: 1 });
    expect((await jobRow(bad)).last_error).toMatch(/^Invalid payload: .*expected number/s);
    expect(await jobRow(unknown)).toMatchObject({
      status: 'dead',
      last_error: 'No handler is registered for job type "nobody.handles.this".',
    });
    expect(runs).toHaveLength(0);
  });

  it('retry a non-transactional job after its effect failed, and mark it done after success', async () => {
    let calls = 0;
    const handler: JobHandler<null> = {
      type: 'smtp',
      parse: () => null,
      transactional: false,
      async run() {
        calls++;
        if (calls === 1) throw new Error('connection refused');
      },
    };
    const w = worker({ handlers: [handler] });
    const id = await enqueue('smtp', null);
    await w.runOnce();
    expect(await jobRow(id)).toMatchObject({ status: 'pending', last_error: 'connection refused' });
    clock.advance(BACKOFF_CAP_MS);
    await w.runOnce();
    expect(await jobRow(id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(calls).toBe(2);
  });

  it('writes many events and jobs with one statement each; a job key already queued is skipped', async () => {
    const at = clock.now();
    await emitEvents(
      t.db,
      Array.from({ length: 3 }, (_, n) => ({ accountId: null, type: 'many', payload: { n }, at })),
    );
    const events = await t.db
      .selectFrom('events')
      .select(['type', 'payload'])
      .where('type', '=', 'many')
      .execute();
    expect(events.map((e) => JSON.parse(e.payload).n).sort()).toEqual([0, 1, 2]);
    await enqueueJob(t.db, { type: 'x', payload: null, accountId: null, at, key: 'k1' });
    const added = await enqueueJobs(t.db, [
      { type: 'x', payload: { a: 1 }, accountId: null, at, key: 'k1' },
      { type: 'x', payload: { a: 2 }, accountId: null, at, key: 'k2' },
      { type: 'x', payload: { a: 3 }, accountId: null, at },
    ]);
    expect(added).toBe(2);
    expect((await allJobs()).map((j) => [j.dedupe_key, j.payload])).toEqual([
      ['k1', 'null'],
      ['k2', '{"a":2}'],
      [null, '{"a":3}'],
    ]);
  });

  it('a batch handler takes several jobs of its type at once, each with its own outcome', async () => {
    const sent: number[] = [];
    const handler: JobHandler<{ n: number }> = {
      type: 'mail',
      parse: (p) => z.object({ n: z.number() }).parse(p),
      transactional: false,
      batchSize: 5,
      async run(_ctx, { n }) {
        if (n === 2 && !sent.includes(-2)) {
          sent.push(-2);
          throw new Error('mailbox full');
        }
        sent.push(n);
      },
    };
    const other = counter();
    const w = worker({ handlers: [handler, other.handler], concurrency: 1 });
    const ids = [];
    // Distinct due times: claims go oldest first on both dialects.
    const due = (ms: number) => ({ runAt: addMs(clock.now(), ms - 100) });
    for (let n = 0; n < 7; n++) ids.push(await enqueue('mail', { n }, due(n)));
    const bad = await enqueue('mail', { wrong: true }, due(50));
    const countId = await enqueue('count', { n: 9 });
    // One slot: its first claim takes mail 0, then four more mails (not the count job).
    expect(await w.runOnce()).toBe(1);
    expect(sent).toEqual([0, 1, -2, 3, 4]);
    expect(await jobRow(ids[2]!)).toMatchObject({
      status: 'pending',
      last_error: 'mailbox full',
      attempts: 1,
    });
    for (const i of [0, 1, 3, 4])
      expect(await jobRow(ids[i]!)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await jobRow(ids[5]!)).toMatchObject({ status: 'pending', attempts: 0 });
    // Next: mails 5, 6 and the malformed one (dead on its own), then the count job.
    expect(await w.runOnce()).toBe(1);
    expect(sent).toEqual([0, 1, -2, 3, 4, 5, 6]);
    expect(await jobRow(bad)).toMatchObject({
      status: 'dead',
      last_error: expect.stringMatching(/^Invalid payload/),
    });
    expect(await w.runOnce()).toBe(1);
    expect(other.runs.map((r) => r.id)).toEqual([countId]);
    clock.advance(BACKOFF_CAP_MS);
    expect(await w.runOnce()).toBe(1);
    expect(await jobRow(ids[2]!)).toMatchObject({ status: 'done', attempts: 2 });
    expect(sent.filter((n) => n === 2)).toHaveLength(1);
  });
});

describe('timing', () => {
  it('does not run a delayed job before its time', async () => {
    const { handler, runs } = counter();
    const w = worker({ handlers: [handler] });
    const id = await enqueue('count', { n: 1 }, { runAt: addMs(clock.now(), 60_000) });
    expect(await w.runOnce()).toBe(0);
    clock.advance(59_999);
    expect(await w.runOnce()).toBe(0);
    clock.advance(1);
    expect(await w.runOnce()).toBe(1);
    expect(runs.map((r) => r.id)).toEqual([id]);
  });

  it('runs due jobs oldest first', async () => {
    const { handler, runs } = counter();
    const w = worker({ handlers: [handler], concurrency: 1 });
    await enqueue('count', { n: 2 }, { runAt: addMs(clock.now(), 2) });
    await enqueue('count', { n: 1 }, { runAt: addMs(clock.now(), 1) });
    await enqueue('count', { n: 0 });
    clock.advance(2);
    expect(await drain(w)).toBe(3);
    expect(runs.map((r) => r.payload.n)).toEqual([0, 1, 2]);
  });

  it('poke() wakes an idle worker at once, and stop() waits for the job in flight', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const done: number[] = [];
    const handler: JobHandler<null> = {
      type: 'slow',
      parse: () => null,
      transactional: false,
      async run(ctx) {
        await gate;
        done.push(ctx.job.id);
      },
    };
    const { handler: fast, runs } = counter();
    const w = worker({ handlers: [handler, fast], clock: systemClock, pollMs: 60_000 });
    w.start();
    await new Promise((r) => setTimeout(r, 50)); // the first pass found nothing; now idle for a minute

    const started = Date.now();
    await enqueueJob(t.db, { type: 'count', payload: { n: 1 }, accountId: null, at: new Date() });
    w.poke();
    while (runs.length === 0) {
      if (Date.now() - started > 2_000) throw new Error('poke did not wake the worker');
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(Date.now() - started).toBeLessThan(500);

    const slow = await enqueue('slow', null);
    w.poke();
    await new Promise((r) => setTimeout(r, 50));
    expect((await jobRow(slow)).status).toBe('running');
    const stopped = w.stop();
    release();
    await stopped;
    expect(done).toEqual([slow]);
    expect((await jobRow(slow)).status).toBe('done');
  });

  it('survives a failing database pass and keeps working', async () => {
    const log = memoryLog();
    const { handler, runs } = counter();
    const w = worker({ handlers: [handler], clock: systemClock, log });
    // Break the claim for a moment: the pass fails, is logged, and the loop carries on.
    await sql`alter table jobs rename to jobs_away`.execute(t.db);
    w.start();
    await new Promise((r) => setTimeout(r, 60));
    await sql`alter table jobs_away rename to jobs`.execute(t.db);
    await enqueueJob(t.db, { type: 'count', payload: { n: 1 }, accountId: null, at: new Date() });
    w.poke();
    const deadline = Date.now() + 5_000;
    while (runs.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(runs).toHaveLength(1);
    expect(log.lines.some((l) => l.level === 'error' && l.msg === 'worker pass failed')).toBe(true);
  });
});

describe('running', () => {
  it('a started worker drains a deep queue whose jobs write follow-up jobs and events', async () => {
    const seen: number[] = [];
    const handler: JobHandler<{ n: number }> = {
      type: 'chain',
      parse: (p) => z.object({ n: z.number() }).parse(p),
      transactional: true,
      async run(ctx, { n }) {
        seen.push(n);
        if (n < 100) {
          // A follow-up job directly, and another through an event and a subscriber.
          await enqueueJob(ctx.db, { type: 'chain', payload: { n: n + 100 }, accountId: null, at: ctx.now });
          await emitEvent(ctx.db, { accountId: null, type: 'chained', payload: { n: n + 200 }, at: ctx.now });
        }
      },
    };
    const sub: EventSubscriber = {
      name: 'chained',
      events: ['chained'],
      async fanOut(trx, event, now) {
        const payload = z.object({ n: z.number() }).parse(JSON.parse(event.payload));
        await enqueueJob(trx, {
          type: 'chain',
          payload,
          accountId: null,
          at: now,
          key: `${event.id}:chained`,
        });
      },
    };
    const w = worker({ handlers: [handler], subscribers: [sub], clock: systemClock });
    for (let n = 0; n < 100; n++)
      await enqueueJob(t.db, { type: 'chain', payload: { n }, accountId: null, at: new Date() });
    w.start();
    const deadline = Date.now() + 10_000;
    while (seen.length < 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await w.stop();
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(300).keys()]);
    const jobs = await allJobs();
    expect(jobs).toHaveLength(300);
    expect(jobs.every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
  });
});

describe('scheduler', () => {
  it('enqueues exactly one job per tick however many workers tick', async () => {
    const { handler, runs } = counter('tick');
    const schedules = [{ name: 'every-minute', everyMs: 60_000, jobType: 'tick', payload: { n: 1 } }];
    const a = worker({ handlers: [handler], schedules, id: 'a' });
    const b = worker({ handlers: [handler], schedules, id: 'b' });

    // Both see the schedule due and race for the tick.
    await Promise.all([a.runOnce(), b.runOnce()]);
    await Promise.all([drain(a), drain(b)]);
    expect(runs).toHaveLength(1);
    expect((await allJobs()).map((j) => j.dedupe_key)).toEqual([
      'schedule:every-minute:2026-01-01T00:00:00.000Z',
    ]);

    clock.advance(30_000);
    await Promise.all([drain(a), drain(b)]);
    expect(runs).toHaveLength(1);

    // Down for ten minutes: one catch-up job, not ten.
    clock.advance(10 * 60_000);
    await Promise.all([a.runOnce(), b.runOnce()]);
    await Promise.all([drain(a), drain(b)]);
    expect(runs).toHaveLength(2);
    const row = await t.db.selectFrom('schedules').selectAll().executeTakeFirstOrThrow();
    expect(row.next_run_at).toBe('2026-01-01T00:11:00.000Z');
  });

  it('re-creates a missing schedule row', async () => {
    const { handler, runs } = counter('tick');
    const w = worker({
      handlers: [handler],
      schedules: [{ name: 's', everyMs: 1000, jobType: 'tick', payload: { n: 1 } }],
    });
    await drain(w);
    await t.db.deleteFrom('schedules').execute();
    clock.advance(1000);
    await drain(w);
    expect(runs).toHaveLength(2);
  });
});

describe('fencing and leases', () => {
  it('a worker whose claim was taken over cannot complete or fail the job', async () => {
    const id = await enqueue('count', { n: 1 });
    const [stale] = await claimJobs(t.db, t.dialect, {
      token: 'old#1',
      now: clock.now(),
      leaseMs: 1000,
      limit: 5,
    });
    expect(stale).toMatchObject({ id, status: 'running', attempts: 1, locked_by: 'old#1' });

    // Lease still valid: nobody else can claim it.
    expect(
      await claimJobs(t.db, t.dialect, { token: 'new#2', now: clock.now(), leaseMs: 1000, limit: 5 }),
    ).toEqual([]);
    clock.advance(1001);
    const [fresh] = await claimJobs(t.db, t.dialect, {
      token: 'new#2',
      now: clock.now(),
      leaseMs: 1000,
      limit: 5,
    });
    expect(fresh).toMatchObject({ id, attempts: 2, locked_by: 'new#2' });

    expect(await markDone(t.db, stale as Job, clock.now())).toBe(false);
    expect((await jobRow(id)).status).toBe('running');
    expect(await markDone(t.db, fresh as Job, clock.now())).toBe(true);
    expect((await jobRow(id)).status).toBe('done');
  });

  it('a stale transactional attempt rolls its effects back', async () => {
    const id = await enqueue('count', { n: 1 });
    const [stale] = await claimJobs(t.db, t.dialect, {
      token: 'old#1',
      now: clock.now(),
      leaseMs: 1000,
      limit: 1,
    });
    clock.advance(1001);
    await claimJobs(t.db, t.dialect, { token: 'new#2', now: clock.now(), leaseMs: 1000, limit: 1 });

    // Run the stale claim through the real runner.
    const { runJob } = await import('./runner.js');
    const { handler, runs } = counter();
    const effects: string[] = [];
    const wrapped: JobHandler<{ n: number }> = {
      ...handler,
      async run(ctx, p) {
        effects.push('ran');
        await handler.run(ctx, p);
      },
    };
    const outcome = await runJob(
      { db: t.db, clock, log: memoryLog(), leaseMs: 1000, handlers: new Map([['count', wrapped]]) },
      stale as Job,
    );
    expect(outcome).toBe('lost');
    expect(effects).toEqual([]); // fenced before the handler ran
    expect(runs).toHaveLength(0);
    expect(await jobRow(id)).toMatchObject({ status: 'running', locked_by: 'new#2' });
  });

  it('a job whose last allowed attempt crashed goes dead instead of crashing workers forever', async () => {
    const { handler } = counter('count', { maxAttempts: 2 });
    const w = worker({ handlers: [handler], leaseMs: 1000 });
    const id = await enqueue('count', { n: 1 });
    for (let i = 0; i < 2; i++) {
      await claimJobs(t.db, t.dialect, { token: `crash#${i}`, now: clock.now(), leaseMs: 1000, limit: 1 });
      clock.advance(1001);
    }
    expect(await w.runOnce()).toBe(1);
    expect(await jobRow(id)).toMatchObject({ status: 'dead', attempts: 3 });
    expect((await jobRow(id)).last_error).toMatch(/Gave up after 2 attempts/);
  });

  it('several workers running side by side run every job exactly once', async () => {
    const { handler, runs } = counter();
    const ws = [0, 1, 2].map((i) => worker({ handlers: [handler], id: `w${i}`, concurrency: 3 }));
    for (let n = 0; n < 40; n++) await enqueue('count', { n });
    const counts = await Promise.all(ws.map((w) => drain(w)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
    expect(runs.map((r) => r.payload.n).sort((a, b) => a - b)).toEqual([...Array(40).keys()]);
    expect((await allJobs()).every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
  });
});
