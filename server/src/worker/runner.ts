import type { Db, Job } from '../db/types.js';
import type { Clock } from '../lib/clock.js';
import { extendLease, extendLeases, markDead, markDone, markDoneMany, markFailed } from './complete.js';
import { errorText, LeaseLost } from './errors.js';
import type { JobHandler, WorkerLog } from './types.js';

export type RunnerDeps = {
  db: Db;
  clock: Clock;
  log: WorkerLog;
  leaseMs: number;
  // biome-ignore lint/suspicious/noExplicitAny: see WorkerOptions.handlers
  handlers: ReadonlyMap<string, JobHandler<any>>;
};

export type Outcome = 'done' | 'retry' | 'dead' | 'lost';

/**
 * Runs one claimed job to an outcome and records it. Never throws: a handler error becomes a
 * retry or a dead job, and a database error while recording is logged; the lease then expires and
 * the job is claimed again.
 */
export async function runJob(deps: RunnerDeps, job: Job): Promise<Outcome> {
  try {
    const outcome = await attempt(deps, job);
    const level = outcome === 'dead' ? 'error' : outcome === 'done' ? 'debug' : 'warn';
    deps.log[level]({ jobId: job.id, type: job.type, attempt: job.attempts, outcome }, `job ${outcome}`);
    return outcome;
  } catch (err) {
    deps.log.error({ jobId: job.id, type: job.type, err: errorText(err) }, 'job outcome not recorded');
    return 'lost';
  }
}

async function attempt(deps: RunnerDeps, job: Job): Promise<Outcome> {
  const { db, clock } = deps;
  const dead = async (error: string) => ((await markDead(db, job, error, clock.now())) ? 'dead' : 'lost');

  const handler = deps.handlers.get(job.type);
  if (!handler) return dead(`No handler is registered for job type "${job.type}".`);
  const maxAttempts = handler.maxAttempts ?? job.max_attempts;
  if (job.attempts > maxAttempts) {
    // The previous, last allowed attempt never reported back: its worker crashed or stalled.
    return dead(`Gave up after ${maxAttempts} attempts; the last one did not finish (worker stopped).`);
  }
  let payload: unknown;
  try {
    payload = handler.parse(JSON.parse(job.payload));
  } catch (err) {
    // Retrying cannot fix a malformed payload.
    return dead(`Invalid payload: ${errorText(err)}`);
  }

  const now = clock.now();
  try {
    if (handler.transactional) {
      await db.transaction().execute(async (trx) => {
        // Done first: this fences the attempt and, on PostgreSQL, row-locks the job so no other
        // worker can claim it meanwhile; if run() throws, the rollback undoes it with the effects.
        if (!(await markDone(trx, job, now))) throw new LeaseLost(job.id);
        await handler.run({ db: trx, job, now, log: deps.log }, payload);
      });
      return 'done';
    }
    await withHeartbeat(deps, job, () => handler.run({ db, job, now, log: deps.log }, payload));
    // The effect already happened; if the lease was lost, another worker runs it again.
    return (await markDone(db, job, clock.now())) ? 'done' : 'lost';
  } catch (err) {
    if (err instanceof LeaseLost) return 'lost';
    return markFailed(db, job, maxAttempts, errorText(err), clock.now());
  }
}

const YIELD_EVERY_MS = 2;
/** Jobs a `runEach` call gets at once. */
const RUN_EACH_CHUNK = 10;

/**
 * Runs claimed jobs of one non-transactional batch handler (`batchSize`) one after another, then
 * marks the successes done with one statement. Each job keeps its own outcome, as `runJob` would
 * give it: dead (no handler, attempts used up, bad payload), retry or dead after an error, done,
 * or lost when its claim was taken over meanwhile. Never throws.
 */
export async function runJobBatch(deps: RunnerDeps, jobs: readonly Job[]): Promise<Outcome[]> {
  const { db, clock, log } = deps;
  const handler = deps.handlers.get(jobs[0]!.type);
  if (!handler || handler.transactional) return Promise.all(jobs.map((job) => runJob(deps, job)));
  const outcomes = new Map<Job, Outcome>();
  const succeeded: Job[] = [];
  const record = async (job: Job, failure: { dead: boolean; error: string }) => {
    const maxAttempts = handler.maxAttempts ?? job.max_attempts;
    try {
      outcomes.set(
        job,
        failure.dead
          ? (await markDead(db, job, failure.error, clock.now()))
            ? 'dead'
            : 'lost'
          : await markFailed(db, job, maxAttempts, failure.error, clock.now()),
      );
    } catch (err) {
      log.error({ jobId: job.id, type: job.type, err: errorText(err) }, 'job outcome not recorded');
      outcomes.set(job, 'lost');
    }
  };
  // No closures per job in here: the dev build's keepNames wraps each one, which was costly.
  await withHeartbeat(deps, jobs, async () => {
    let yieldedAt = performance.now();
    const ready: { job: Job; payload: unknown }[] = [];
    for (const job of jobs) {
      // SQLite's statements resolve without leaving the microtask queue: every few milliseconds
      // let I/O (HTTP requests of the same process) in, so a batch does not hold it up.
      if (performance.now() - yieldedAt > YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        yieldedAt = performance.now();
      }
      const maxAttempts = handler.maxAttempts ?? job.max_attempts;
      let payload: unknown;
      let failure: { dead: boolean; error: string } | undefined;
      if (job.attempts > maxAttempts)
        failure = {
          dead: true,
          error: `Gave up after ${maxAttempts} attempts; the last one did not finish (worker stopped).`,
        };
      else
        try {
          payload = handler.parse(JSON.parse(job.payload));
        } catch (err) {
          failure = { dead: true, error: `Invalid payload: ${errorText(err)}` };
        }
      if (!failure && handler.runEach) {
        ready.push({ job, payload });
        continue;
      }
      if (!failure)
        try {
          await handler.run({ db, job, now: clock.now(), log }, payload);
          succeeded.push(job);
          continue;
        } catch (err) {
          failure = { dead: false, error: errorText(err) };
        }
      await record(job, failure);
    }
    if (!handler.runEach) return;
    // A few at a time, letting I/O in between: fifty rendered mails in one go held the thread.
    for (let at = 0; at < ready.length; at += RUN_EACH_CHUNK) {
      if (at > 0) await new Promise((resolve) => setImmediate(resolve));
      const chunk = ready.slice(at, at + RUN_EACH_CHUNK);
      let errors: readonly unknown[];
      try {
        errors = await handler.runEach({ db, now: clock.now(), log }, chunk);
      } catch (err) {
        errors = chunk.map(() => err);
      }
      for (const [i, { job }] of chunk.entries()) {
        if (errors[i] === undefined) succeeded.push(job);
        else await record(job, { dead: false, error: errorText(errors[i]) });
      }
    }
  });
  // The effects already happened; a job whose lease was lost meanwhile runs again elsewhere.
  let done = new Set<number>();
  try {
    done = await markDoneMany(db, succeeded, clock.now());
  } catch (err) {
    log.error(
      { jobs: succeeded.length, type: jobs[0]!.type, err: errorText(err) },
      'job outcomes not recorded',
    );
  }
  for (const job of succeeded) outcomes.set(job, done.has(job.id) ? 'done' : 'lost');
  const result: Outcome[] = [];
  for (const job of jobs) {
    const outcome = outcomes.get(job)!;
    const level = outcome === 'dead' ? 'error' : outcome === 'done' ? 'debug' : 'warn';
    log[level]({ jobId: job.id, type: job.type, attempt: job.attempts, outcome }, `job ${outcome}`);
    result.push(outcome);
  }
  return result;
}

/** Keeps slow non-transactional attempts' leases alive while they run. */
async function withHeartbeat(
  deps: RunnerDeps,
  jobs: Job | readonly Job[],
  run: () => Promise<void>,
): Promise<void> {
  const timer = setInterval(
    () => {
      const now = deps.clock.now();
      const renewed = Array.isArray(jobs)
        ? extendLeases(deps.db, jobs, deps.leaseMs, now)
        : extendLease(deps.db, jobs as Job, deps.leaseMs, now);
      renewed.catch((err) => deps.log.warn({ err: errorText(err) }, 'lease not extended'));
    },
    Math.max(10, Math.floor(deps.leaseMs / 3)),
  );
  timer.unref();
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
}
