import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Job } from '../db/types.js';
import { claimJobs } from './claim.js';
import { dispatchEvents, fanOutHandler, indexSubscribers } from './dispatch.js';
import { errorText } from './errors.js';
import { type RunnerDeps, runJob, runJobBatch } from './runner.js';
import { tickSchedules } from './scheduler.js';
import type { JobHandler, Worker, WorkerOptions } from './types.js';
import { createWakeup } from './wakeup.js';

const MAX_ERROR_PAUSE_MS = 10_000;
/** With `yieldTo`: a dispatch transaction's least batch. */
const MIN_BATCH = 10;
/** Under a backlog of events, how often jobs are claimed (the burst's jobs gather meanwhile). */
const BACKLOG_CLAIM_MS = 50;
/** How long after the last request seen in flight batches stay small. */
const BUSY_MEMORY_MS = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createWorker(opts: WorkerOptions): Worker {
  const { db, dialect, clock, log } = opts;
  const id = opts.id ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const leaseMs = opts.leaseMs ?? 60_000;
  const pollMs = opts.pollMs ?? 250;
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const dispatchBatch = Math.max(1, opts.dispatchBatch ?? 100);
  const coalesceMs = Math.max(0, opts.coalesceMs ?? 10);
  const yieldTo = opts.yieldTo;
  const yieldMs = Math.max(0, opts.yieldMs ?? 25);
  const passTargetMs = Math.max(1, opts.passTargetMs ?? 5);
  const stopSoon = opts.stopSoon ?? (() => false);
  let batchLimit = dispatchBatch;
  // When requests were last seen in flight: a burst of them keeps batches small between requests too.
  let busyAt = Number.NEGATIVE_INFINITY;
  const subscribers = opts.subscribers ?? [];
  const schedules = opts.schedules ?? [];
  const subscriberIndex = indexSubscribers(subscribers);

  // biome-ignore lint/suspicious/noExplicitAny: see WorkerOptions.handlers
  const handlers = new Map<string, JobHandler<any>>();
  for (const h of [...opts.handlers, fanOutHandler(subscribers)]) {
    if (handlers.has(h.type)) throw new Error(`Two job handlers are registered for "${h.type}".`);
    handlers.set(h.type, h);
  }
  for (const s of schedules) {
    if (!(s.everyMs > 0)) throw new Error(`Schedule "${s.name}" needs everyMs > 0.`);
    if (!handlers.has(s.jobType))
      throw new Error(`Schedule "${s.name}" runs "${s.jobType}", which has no handler.`);
  }
  const deps: RunnerDeps = { db, clock, log, leaseMs, handlers };

  const wakeup = createWakeup();
  const inFlight = new Set<Promise<void>>();
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();
  // Schedules are checked when the earliest one is due, not on every pass.
  let scheduleCheckAt = Number.NEGATIVE_INFINITY;

  // When jobs were last claimed: under a backlog of events, claims wait for BACKLOG_CLAIM_MS.
  let claimedAt = Number.NEGATIVE_INFINITY;

  /**
   * One pass. Returns whether more work may be waiting right now, and the jobs it started.
   * `gather`: while events are backlogged, claim jobs only every BACKLOG_CLAIM_MS, so that the
   * jobs a burst creates (a mail per purchase) are claimed, run and completed many at a time.
   */
  async function pass(gather = false): Promise<{ more: boolean; worked: boolean; started: Promise<void>[] }> {
    let more = false;
    const now = clock.now();
    if (schedules.length > 0 && now.getTime() >= scheduleCheckAt) {
      const { enqueued, nextDueAt } = await tickSchedules(db, schedules, now);
      scheduleCheckAt = nextDueAt?.getTime() ?? Number.POSITIVE_INFINITY;
      if (enqueued > 0) more = true;
    }
    // Dispatch first: the jobs it creates are claimable in the same pass. A full batch means more
    // are waiting: go on at once. Fewer: the events and jobs its subscribers wrote are looked at
    // by the next pass, which coalescing may delay by a few milliseconds to gather more.
    const limit0 = batchLimit;
    const started = performance.now();
    const deadline = started + passTargetMs;
    const { read, dispatched, deferred } = await dispatchEvents(
      db,
      dialect,
      subscriberIndex,
      log,
      now,
      limit0,
      { stopSoon: () => performance.now() >= deadline || stopSoon() },
    );
    if (yieldTo?.()) busyAt = performance.now();
    if (deferred > 0) {
      // A subscriber stopped at the pass's time: read about what a pass gets through, not the
      // events it would only read again next time.
      batchLimit = Math.max(MIN_BATCH, Math.min(dispatchBatch, Math.ceil(dispatched * 1.25)));
    } else if (performance.now() - busyAt > BUSY_MEMORY_MS) batchLimit = dispatchBatch;
    else if (dispatched > 0) {
      // Requests are waiting: size the next batch so a dispatch holds the thread about
      // passTargetMs (never below MIN_BATCH), growing back while passes are short.
      const took = performance.now() - started;
      batchLimit =
        took > passTargetMs
          ? Math.max(MIN_BATCH, Math.floor((Math.min(dispatched, limit0) * passTargetMs) / took))
          : Math.min(dispatchBatch, batchLimit * 2);
    }
    // Deferred events are waiting too: go on at once.
    if (read >= limit0 || deferred > 0) more = true;
    else if (dispatched > 0) wakeup.poke();

    const limit = concurrency - inFlight.size;
    if (limit <= 0) return { more, worked: dispatched > 0, started: [] };
    if (gather && more && performance.now() - claimedAt < BACKLOG_CLAIM_MS)
      return { more, worked: dispatched > 0, started: [] };
    claimedAt = performance.now();
    const jobs = await claim(limit);
    if (jobs.length === limit) more = true;
    return { more, worked: dispatched > 0 || jobs.length > 0, started: slotsOf(jobs).map(startSlot) };
  }

  const chainClaims = dialect === 'postgres';
  const claim = (limit: number, type?: string) =>
    claimJobs(db, dialect, {
      token: `${id}#${randomBytes(6).toString('hex')}`,
      now: clock.now(),
      leaseMs,
      limit,
      ...(type === undefined ? {} : { type }),
    });

  const batchSizeOf = (type: string) => {
    const handler = handlers.get(type);
    return handler && !handler.transactional ? (handler.batchSize ?? 1) : 1;
  };

  /** Claimed jobs per slot: one each, except that a batch handler's jobs share one slot. */
  function slotsOf(jobs: Job[]): Job[][] {
    const slots: Job[][] = [];
    const batchOf = new Map<string, Job[]>();
    for (const job of jobs) {
      if (batchSizeOf(job.type) <= 1) slots.push([job]);
      else if (batchOf.has(job.type)) batchOf.get(job.type)!.push(job);
      else {
        const batch = [job];
        batchOf.set(job.type, batch);
        slots.push(batch);
      }
    }
    return slots;
  }

  /** A job, or, for a batch handler, its claimed jobs and up to batchSize in all of their type. */
  async function run(jobs: Job[]): Promise<void> {
    const size = batchSizeOf(jobs[0]!.type);
    if (size <= 1) {
      for (const job of jobs) await runJob(deps, job);
      return;
    }
    const more =
      jobs.length < size
        ? await claim(size - jobs.length, jobs[0]!.type).catch((err) => {
            log.warn({ worker: id, err: errorText(err) }, 'claim failed');
            return [];
          })
        : [];
    await runJobBatch(deps, [...jobs, ...more]);
  }

  /**
   * Runs a job in a slot of the pool. On PostgreSQL, while the worker runs, the slot then claims
   * its own next job: with a deep queue the slots claim in parallel instead of queueing behind the
   * loop. SQLite runs every statement through one connection, so there the loop's batched claims
   * are cheaper.
   */
  function startSlot(first: Job[]): Promise<void> {
    const slot = (async () => {
      for (let job: Job[] | undefined = first; job?.length; ) {
        await run(job);
        // The job may have written events or follow-up jobs: let the loop dispatch them.
        wakeup.poke();
        job =
          running && chainClaims
            ? await claim(1).catch((err) => {
                log.warn({ worker: id, err: errorText(err) }, 'claim failed');
                return [];
              })
            : undefined;
      }
    })().finally(() => {
      inFlight.delete(slot);
      wakeup.poke(); // a free slot
    });
    inFlight.add(slot);
    return slot;
  }

  async function loop(): Promise<void> {
    let failures = 0;
    let passAt = Number.NEGATIVE_INFINITY;
    let stream = false;
    while (running) {
      let pause = pollMs;
      try {
        // Under a stream of events arriving one by one (the last pass found some, but no
        // backlog), passes come at most every coalesceMs, so each takes several and shares its
        // fixed cost (a transaction, its commit, a dozen statements). After an idle pass the
        // next event is taken at once; after a backlog, at once too.
        const since = performance.now() - passAt;
        if (stream && since < coalesceMs) await sleep(coalesceMs - since);
        // Requests first: a pass holds the thread (and SQLite's writer) for milliseconds.
        if (yieldTo?.()) {
          const until = performance.now() + yieldMs;
          busyAt = performance.now();
          while (running && yieldTo() && performance.now() < until) await sleep(1);
        }
        passAt = performance.now();
        const { more, worked } = await pass(true);
        stream = worked && !more;
        failures = 0;
        if (more && inFlight.size < concurrency) {
          // Let I/O in between passes (SQLite's statements resolve without leaving the
          // microtask queue): a backlog must not keep HTTP requests waiting.
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
      } catch (err) {
        // The database is down or busy: log, back off, keep going.
        failures++;
        pause = Math.min(MAX_ERROR_PAUSE_MS, pollMs * 2 ** failures);
        log.error({ worker: id, err: errorText(err), retryInMs: pause }, 'worker pass failed');
      }
      if (running) await wakeup.wait(pause);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      log.info({ worker: id, concurrency, leaseMs }, 'worker started');
      loopDone = loop();
    },
    async stop() {
      running = false;
      wakeup.poke();
      await loopDone;
      await Promise.all(inFlight);
      log.info({ worker: id }, 'worker stopped');
    },
    async runOnce() {
      const { started } = await pass();
      await Promise.all(started);
      return started.length;
    },
    poke: () => wakeup.poke(),
  };
}
