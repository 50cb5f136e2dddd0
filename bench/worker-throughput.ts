import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../server/src/db/connect.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import { systemClock } from '../server/src/lib/clock.js';
import {
  createWorker,
  type EventSubscriber,
  emitEvent,
  enqueueJob,
  type JobHandler,
  type WorkerLog,
} from '../server/src/worker/index.js';

/**
 * The worker's two figures on the embedded SQLite (or PostgreSQL with BENCH_DATABASE_URL):
 * - latency, "tag applied → job done": a transaction writes `lead.tag_applied` and commits, the
 *   app pokes the worker, which dispatches the event, claims the job and commits its effect.
 *   Budget: p99 < 50 ms. Reference in the same run: one bare write transaction.
 * - throughput: jobs per second through claim + transactional run + done, N queued at once.
 *   Reference: the same number of bare single-row write transactions.
 */

const SAMPLES = Number(process.env.SAMPLES ?? 300);
const JOBS = Number(process.env.JOBS ?? 2000);
const BUDGET_P99_MS = 50;

const pgUrl = process.env.BENCH_DATABASE_URL;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bench-worker-'));
const handle = openDatabase(
  pgUrl ? { dialect: 'postgres', url: pgUrl } : { dialect: 'sqlite', file: path.join(dir, 'atrium.db') },
);
const { db, dialect } = handle;
await migrateToLatest(db, dialect);
await sql`create table if not exists bench_effects (job_id integer not null)`.execute(db);
await sql`delete from bench_effects`.execute(db);
await db.deleteFrom('jobs').execute();
await db.deleteFrom('events').execute();

// "Done" is when the worker reports the outcome, i.e. after the job's transaction committed.
const doneAt = new Map<number, number>();
let waiting: { jobId: () => number | undefined; resolve: () => void } | null = null;
const quiet = () => {};
const log: WorkerLog = {
  debug(obj, msg) {
    if (msg !== 'job done') return;
    const { jobId } = obj as { jobId: number };
    doneAt.set(jobId, performance.now());
    if (waiting && waiting.jobId() === jobId) waiting.resolve();
  },
  info: quiet,
  warn: (obj, msg) => console.warn(msg, obj),
  error: (obj, msg) => console.error(msg, obj),
};

const jobOfEvent = new Map<number, number>();
const grant: JobHandler<{ eventId: number }> = {
  type: 'bench.grant',
  parse: (p) => p as { eventId: number },
  transactional: true,
  async run(ctx, { eventId }) {
    jobOfEvent.set(eventId, ctx.job.id);
    await sql`insert into bench_effects (job_id) values (${ctx.job.id})`.execute(ctx.db);
  },
};
const automations: EventSubscriber = {
  name: 'bench',
  events: ['lead.tag_applied'],
  async fanOut(trx, event, now) {
    await enqueueJob(trx, {
      type: 'bench.grant',
      payload: { eventId: event.id },
      accountId: event.account_id,
      at: now,
      key: `${event.id}:bench:grant`,
    });
  },
};
const worker = createWorker({
  db,
  dialect,
  clock: systemClock,
  log,
  handlers: [grant],
  subscribers: [automations],
});
worker.start();

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Latency, one event at a time, the worker idle in between (as after a real click).
const latencies: number[] = [];
const bareTrx: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  await sleep(Math.random() * 5);
  let eventId = 0;
  let resolveDone = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  waiting = { jobId: () => jobOfEvent.get(eventId), resolve: resolveDone };
  await db.transaction().execute(async (trx) => {
    eventId = await emitEvent(trx, {
      accountId: 1,
      type: 'lead.tag_applied',
      payload: { i },
      at: new Date(),
    });
  });
  const committed = performance.now();
  worker.poke();
  // In case a routine poll got there before the poke did.
  if (doneAt.has(jobOfEvent.get(eventId) ?? -1)) resolveDone();
  await done;
  latencies.push(doneAt.get(jobOfEvent.get(eventId)!)! - committed);

  const t0 = performance.now();
  await db.transaction().execute(async (trx) => {
    await sql`insert into bench_effects (job_id) values (${-i})`.execute(trx);
  });
  bareTrx.push(performance.now() - t0);
}
waiting = null;

// Throughput: JOBS queued in one go.
await db.transaction().execute(async (trx) => {
  for (let i = 0; i < JOBS; i++) {
    await enqueueJob(trx, {
      type: 'bench.grant',
      payload: { eventId: -1 - i },
      accountId: 1,
      at: new Date(),
    });
  }
});
const before = doneAt.size;
const started = performance.now();
worker.poke();
while (doneAt.size < before + JOBS) await sleep(1);
const jobsPerSec = JOBS / ((performance.now() - started) / 1000);
await worker.stop();

const t1 = performance.now();
for (let i = 0; i < JOBS; i++) {
  await db.transaction().execute(async (trx) => {
    await sql`insert into bench_effects (job_id) values (${-1_000_000 - i})`.execute(trx);
  });
}
const barePerSec = JOBS / ((performance.now() - t1) / 1000);

await db.destroy();
fs.rmSync(dir, { recursive: true, force: true });

const p50 = pct(latencies, 0.5);
const p99 = pct(latencies, 0.99);
const ref = pct(bareTrx, 0.99);
const where = pgUrl ? 'PostgreSQL' : 'embedded SQLite';
console.log(
  `tag applied → job done, ${where} (${SAMPLES} samples): p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
);
console.log(
  `reference: one bare write transaction, p99 ${ref.toFixed(2)} ms → ratio ${(p99 / ref).toFixed(1)}×`,
);
console.log(
  `budget: p99 < ${BUDGET_P99_MS} ms → ${(p99 / BUDGET_P99_MS).toFixed(2)} of budget ${p99 < BUDGET_P99_MS ? '(within)' : '(OVER)'}`,
);
console.log(`throughput, ${JOBS} transactional jobs queued at once: ${jobsPerSec.toFixed(0)} jobs/s`);
console.log(
  `reference: ${JOBS} bare write transactions: ${barePerSec.toFixed(0)} /s → ratio ${(jobsPerSec / barePerSec).toFixed(2)}×`,
);
if (p99 >= BUDGET_P99_MS) process.exitCode = 1;
