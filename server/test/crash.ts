import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestDb } from './db.js';

/** The repository root: crash fixtures run with it as their working directory. */
const root = fileURLToPath(new URL('../../', import.meta.url));

export const countRows = async (db: TestDb['db'], table: 'membership_access' | 'automation_runs') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/**
 * Runs a crash fixture (a worker process) and SIGKILLs it a random moment (0–40 ms) after it has
 * granted something, or at the deadline. Used by the exactly-once crash tests.
 */
export function runChildKilledMidGrant(
  db: TestDb,
  opts: { script: string; dataDir: string; leaseMs: number; deadlineMs: number },
): Promise<{ signal: string | null; grantedAtKill: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', opts.script], {
    cwd: root,
    env: {
      ...process.env,
      ATRIUM_CRASH_DB: JSON.stringify(db.config),
      ATRIUM_CRASH_DATA: opts.dataDir,
      ATRIUM_CRASH_LEASE_MS: String(opts.leaseMs),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let grantedAtKill = -1;
  const exited = new Promise<string | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve(signal));
  });
  child.stdout.on('data', () => {});
  const watch = (async () => {
    const before = await countRows(db.db, 'membership_access');
    const deadline = Date.now() + opts.deadlineMs;
    while (Date.now() < deadline && child.exitCode === null) {
      if ((await countRows(db.db, 'membership_access')) > before) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, Math.random() * 40));
    grantedAtKill = await countRows(db.db, 'membership_access');
    child.kill('SIGKILL');
  })();
  return Promise.all([exited, watch]).then(([signal]) => ({ signal, grantedAtKill }));
}
