import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/db.js';
import { closeTestDb } from '../../test/worker/close.js';
import {
  type CrashMode,
  crashHandlers,
  crashSubscriber,
  createEffectTables,
  EFFECT,
  EVENT,
  EXTERNAL,
} from '../../test/worker/crash-fixture.js';
import { memoryLog } from '../../test/worker/log.js';
import { systemClock } from '../lib/clock.js';
import { createWorker, emitEvent, enqueueJob } from './index.js';

/**
 * The durability promise, tested with real processes: workers are SIGKILLed right after a claim,
 * inside a job's transaction, right after a commit, and at random moments; then a fresh worker
 * takes over once their leases expire. Every job ends done, every transactional effect exists
 * exactly once, and no external effect is lost.
 */

const LEASE_MS = 300;
const EFFECT_JOBS = 40;
const EXTERNAL_JOBS = 10;
const EVENTS = 10;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const childScript = fileURLToPath(new URL('../../test/worker/crash-worker.ts', import.meta.url));

let t: TestDb;
afterEach(() => closeTestDb(t));

type ChildResult = {
  mode: CrashMode;
  pid: number;
  signal: string | null;
  code: number | null;
  kills: string[];
};

/** Runs one crash-worker process until it dies: by its own hand, or ours (random, or stuck). */
function runChild(mode: CrashMode): Promise<ChildResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript], {
    cwd: root,
    env: {
      ...process.env,
      ATRIUM_CRASH_DB: JSON.stringify(t.config),
      ATRIUM_CRASH_MODE: mode,
      ATRIUM_CRASH_LEASE_MS: String(LEASE_MS),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const kills: string[] = [];
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const lines = out.split('\n');
    out = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('KILL ')) kills.push(line);
      if (line === 'READY') {
        // random: shot mid-work; the others kill themselves, or are stopped when nothing is left.
        const after = mode === 'random' ? 20 + Math.random() * 150 : 500;
        setTimeout(() => child.kill('SIGKILL'), after).unref();
      }
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ mode, pid: child.pid ?? 0, signal, code, kills }));
  });
}

it('loses nothing and repeats no transactional effect when workers are killed', async () => {
  t = await createTestDb();
  await createEffectTables(t.db);
  const at = new Date();
  for (let n = 0; n < EFFECT_JOBS; n++) {
    await enqueueJob(t.db, { type: EFFECT, payload: { n }, accountId: 1, at });
  }
  for (let n = 0; n < EXTERNAL_JOBS; n++) {
    await enqueueJob(t.db, { type: EXTERNAL, payload: { n }, accountId: 1, at });
  }
  for (let n = 0; n < EVENTS; n++) {
    await emitEvent(t.db, { accountId: 1, type: EVENT, payload: { n: 1000 + n }, at });
  }

  // Workers competing for the same jobs, each dying its own way; the second wave also takes over
  // the first wave's expired claims.
  const waves: CrashMode[][] = [
    ['after_claim', 'before_commit', 'after_commit'],
    ['before_commit', 'after_commit', 'random'],
  ];
  const children: ChildResult[] = [];
  for (const wave of waves) children.push(...(await Promise.all(wave.map(runChild))));
  expect(children.every((c) => c.signal === 'SIGKILL')).toBe(true);
  const kills = children.flatMap((c) => c.kills.map((line) => ({ line, pid: c.pid })));
  const killed = (what: string) =>
    kills
      .filter((k) => k.line.startsWith(`KILL ${what} `))
      .map((k) => ({ ...k, jobId: Number(k.line.split(' ')[2]) }));
  expect(killed('after_claim').length).toBeGreaterThan(0);
  expect(killed('before_commit').length).toBeGreaterThan(0);
  expect(killed('after_commit').length).toBeGreaterThan(0);

  // A fresh worker finishes the rest once the dead workers' leases expire.
  const log = memoryLog();
  const worker = createWorker({
    db: t.db,
    dialect: t.dialect,
    clock: systemClock,
    log,
    handlers: crashHandlers('none', t.dialect),
    subscribers: [crashSubscriber],
    leaseMs: LEASE_MS,
    pollMs: 10,
  });
  worker.start();
  const deadline = Date.now() + 10_000;
  for (;;) {
    const open = await t.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '<>', 'done')
      .executeTakeFirstOrThrow();
    const undispatched = await t.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('dispatched_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(open.n) === 0 && Number(undispatched.n) === 0) break;
    if (Date.now() > deadline) throw new Error(`${open.n} jobs still not done: ${JSON.stringify(log.lines)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  await worker.stop();

  const jobs = await t.db.selectFrom('jobs').selectAll().execute();
  expect(jobs).toHaveLength(EFFECT_JOBS + EXTERNAL_JOBS + EVENTS); // one job per event, however often dispatched
  expect(jobs.every((j) => j.status === 'done')).toBe(true);
  // Some jobs were taken over after a crash.
  expect(jobs.some((j) => j.attempts > 1)).toBe(true);

  // Exactly once: one effect row per transactional job, none for anything else.
  type Effect = { job_id: number; n: number; pid: number };
  const effects = (await sql<Effect>`select job_id, n, pid from test_effects`.execute(t.db)).rows.map(
    (r) => ({
      job_id: Number(r.job_id),
      n: Number(r.n),
      pid: Number(r.pid),
    }),
  );
  const effectJobs = jobs.filter((j) => j.type === EFFECT);
  expect(effects).toHaveLength(effectJobs.length);
  expect(new Set(effects.map((e) => e.job_id))).toEqual(new Set(effectJobs.map((j) => j.id)));
  expect(effects.map((e) => e.n).sort((a, b) => a - b)).toEqual([
    ...Array.from({ length: EFFECT_JOBS }, (_, i) => i),
    ...Array.from({ length: EVENTS }, (_, i) => 1000 + i),
  ]);
  // Killed inside the transaction: that process's write vanished and another worker redid it.
  for (const k of killed('before_commit')) {
    const mine = effects.filter((e) => e.job_id === k.jobId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.pid).not.toBe(k.pid);
  }
  // Killed right after a job was recorded done: the work stands and was not run again.
  for (const k of killed('after_commit')) {
    expect(jobs.find((j) => j.id === k.jobId)?.attempts).toBe(1);
    if (jobs.find((j) => j.id === k.jobId)?.type !== EFFECT) continue;
    expect(effects.filter((e) => e.job_id === k.jobId)).toEqual([expect.objectContaining({ pid: k.pid })]);
  }

  // At least once: every external effect happened; one interrupted before being marked done repeats.
  const external = (await sql<{ job_id: number }>`select job_id from test_external`.execute(t.db)).rows.map(
    (r) => Number(r.job_id),
  );
  const externalJobs = jobs.filter((j) => j.type === EXTERNAL).map((j) => j.id);
  expect(new Set(external)).toEqual(new Set(externalJobs));
  for (const k of killed('before_done')) expect(external.filter((id) => id === k.jobId).length).toBe(2);
}, 30_000);
