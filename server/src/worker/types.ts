import type { Db, DbOrTrx, Dialect, EventRow, Job } from '../db/types.js';
import type { Clock } from '../lib/clock.js';

type LogFn = (obj: object, msg?: string) => void;

/** The slice of a pino logger the worker uses; Fastify's `app.log` and pino loggers fit it. */
export interface WorkerLog {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

export interface JobContext {
  /** The transaction when the handler is transactional, else the database. */
  db: DbOrTrx;
  job: Job;
  /** The injected clock's time when this attempt started. */
  now: Date;
  log: WorkerLog;
}

export interface JobHandler<P = unknown> {
  type: string;
  /** Validates the stored payload (zod at the call site). Throwing makes the job dead at once. */
  parse(payload: unknown): P;
  /**
   * true: `run` gets a transaction and the job is marked done in that same transaction, so its
   * database effects happen exactly once. false: `run` is called outside a transaction and the job
   * is marked done afterwards (at least once; for external effects such as SMTP).
   */
  transactional: boolean;
  /** Overrides the job row's `max_attempts` when set. */
  maxAttempts?: number;
  /**
   * Non-transactional handlers only: a slot that claims a job of this type claims up to this
   * many due ones of the type at once, runs them one after another and marks those that
   * succeeded done with one statement. For small, frequent jobs (mails) whose claim and
   * completion would otherwise cost more than their work. Each job keeps its own outcome:
   * a failure is retried or dead on its own. Default 1.
   */
  batchSize?: number;
  run(ctx: JobContext, payload: P): Promise<void>;
  /**
   * Optional, with `batchSize`: a claimed batch's jobs at once instead of `run` one after another
   * (one write for a hundred dev-mailbox mails). Returns each job's error, `undefined` when it
   * succeeded; throwing fails them all. Each job still keeps its own outcome.
   */
  runEach?(
    ctx: Omit<JobContext, 'job'>,
    items: readonly { job: Job; payload: P }[],
  ): Promise<readonly unknown[]>;
}

export interface EventSubscriber {
  /** Stable name: part of the keys of the jobs it creates. */
  name: string;
  /** Event types it reacts to. */
  events: string[];
  /**
   * Turns one event into jobs with `enqueueJob(trx, { key: `${event.id}:${name}:…` })`, in the
   * dispatcher's transaction; the key makes a re-dispatch of the same event create nothing new.
   */
  fanOut(trx: DbOrTrx, event: EventRow, now: Date): Promise<void>;
  /**
   * Optional batch form: the same as `fanOut` for each of `events` (oldest first, all of this
   * subscriber's types, one dispatch batch), done together so a hundred events cost a few
   * multi-row statements instead of hundreds of single-row ones. The dispatcher runs it under
   * one savepoint; if it throws, that is rolled back and the events go through `fanOut` one by
   * one (each failure then becoming a `worker.fan_out` job), so it must leave nothing behind
   * that `fanOut` would not.
   *
   * It may return `{ deferred }`: ids of events it did nothing for (when `pass.stopSoon()` says
   * the pass has had its time, or something waits for the writer), which stay undispatched and
   * come back in the next pass (the other subscribers of those events then see them again, which
   * their job keys absorb). It must handle at least one event of each batch, so that deferral
   * always makes progress.
   */
  fanOutBatch?(
    trx: DbOrTrx,
    events: readonly EventRow[],
    now: Date,
    pass: DispatchPass,
    // biome-ignore lint/suspicious/noConfusingVoidType: batch subscribers that defer nothing return nothing
  ): Promise<void | { deferred: readonly number[] }>;
}

/** What a batch subscriber knows of the dispatch pass it runs in. */
export interface DispatchPass {
  /** The pass has had its time (`WorkerOptions.passTargetMs`), or `stopSoon` says work waits. */
  stopSoon(): boolean;
}

export interface Schedule {
  name: string;
  everyMs: number;
  jobType: string;
  payload?: unknown;
}

export interface WorkerOptions {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  log: WorkerLog;
  // biome-ignore lint/suspicious/noExplicitAny: handlers of different payload types live in one list
  handlers: JobHandler<any>[];
  subscribers?: EventSubscriber[];
  schedules?: Schedule[];
  /** How long a claim lasts before another worker may take the job over. Default 60 s. */
  leaseMs?: number;
  /** Idle poll interval. Default 250 ms; `poke()` wakes the worker sooner. */
  pollMs?: number;
  /** Events dispatched per transaction at most. Default 100. */
  dispatchBatch?: number;
  /**
   * Passes started by pokes come at most this often (ms), so events and jobs that arrive one by
   * one are handled a few at a time. Default 10; 0 runs a pass on every poke.
   */
  coalesceMs?: number;
  /**
   * While this says yes (the process is answering HTTP requests), the loop waits before its next
   * pass — at most `yieldMs` — so requests go before background work. Default: never.
   */
  yieldTo?: () => boolean;
  /** The longest a pass waits for `yieldTo`. Default 25 ms. */
  yieldMs?: number;
  /**
   * How long a dispatch transaction should hold the writer while `yieldTo` says requests wait
   * (batches are sized to it), and the time budget batch subscribers get (`DispatchPass`).
   * Default 5 ms.
   */
  passTargetMs?: number;
  /**
   * Something waits for this worker's thread (the serving thread's calls, worker/thread.ts):
   * batch subscribers end their part of the pass early, at their next chunk. Default: never.
   */
  stopSoon?: () => boolean;
  /** Jobs in flight at once. Default 4. */
  concurrency?: number;
  /** Names this worker in `jobs.locked_by`. Default host:pid:random. */
  id?: string;
}

export interface Worker {
  start(): void;
  /** Stops claiming and waits for the jobs in flight to finish. */
  stop(): Promise<void>;
  /** One scheduler + dispatch + claim pass; runs the claimed jobs to the end. Returns jobs run. */
  runOnce(): Promise<number>;
  /** Wakes the worker now: call it after a commit that wrote events or jobs. */
  poke(): void;
}
