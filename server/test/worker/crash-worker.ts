/**
 * A worker process for the crash test, which SIGKILLs it. Usage:
 *   ATRIUM_CRASH_DB='<database config JSON>' ATRIUM_CRASH_MODE=before_commit ATRIUM_CRASH_LEASE_MS=300 \
 *     node --import tsx server/test/worker/crash-worker.ts
 * after_commit: dies right after a job's transaction committed, before the next job (seen through
 * the worker's "job done" log line). The other modes are in crash-fixture.ts; `random` runs
 * normally and waits for the parent's SIGKILL.
 */
import type { Config } from '../../src/config.js';
import { openDatabase } from '../../src/db/connect.js';
import { systemClock } from '../../src/lib/clock.js';
import { createWorker, type WorkerLog } from '../../src/worker/index.js';
import { type CrashMode, crashHandlers, crashSubscriber, killSelf, killsOn } from './crash-fixture.js';

const config = JSON.parse(process.env.ATRIUM_CRASH_DB ?? '') as Config['database'];
const mode = (process.env.ATRIUM_CRASH_MODE ?? 'random') as CrashMode;
const leaseMs = Number(process.env.ATRIUM_CRASH_LEASE_MS ?? 300);

const { db, dialect } = openDatabase(config);
const quiet = () => {};
const log: WorkerLog = {
  debug(obj, msg) {
    const { jobId, attempt } = obj as { jobId?: number; attempt?: number };
    if (mode === 'after_commit' && msg === 'job done' && attempt === 1 && jobId && killsOn(mode, jobId)) {
      killSelf('after_commit', jobId);
    }
  },
  info: quiet,
  warn: quiet,
  error: (obj, msg) => console.error(msg, JSON.stringify(obj)),
};

const worker = createWorker({
  db,
  dialect,
  clock: systemClock,
  log,
  handlers: crashHandlers(mode, dialect),
  subscribers: [crashSubscriber],
  leaseMs,
  pollMs: 5,
  id: `crash-${mode}`,
});
worker.start();
console.log('READY');
