import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/db.js';
import { closeTestDb } from '../../test/worker/close.js';
import type { Database } from '../db/types.js';
import { claimJobs } from './claim.js';
import { markDoneMany } from './complete.js';
import { enqueueJobs } from './jobs.js';

/**
 * A claim and a batch's completion touch the jobs they name, not the queue: with thousands of
 * jobs pending or running, SQLite's planner (no statistics) used to pick the (status, run_at)
 * index over `id IN (…)` and scan every pending and running job for each claim of a few.
 */

let t: TestDb | undefined;
afterEach(() => closeTestDb(t));

it('claims and completes jobs by their ids, whatever the depth of the queue', async () => {
  t = await createTestDb();
  const now = new Date('2026-11-22T06:00:00Z');
  await enqueueJobs(
    t.db,
    Array.from({ length: 3000 }, (_, i) => ({
      type: 'mail.send',
      payload: { n: i },
      accountId: null,
      at: now,
    })),
  );
  // SQLite: through a second connection to the same file that logs every statement it runs.
  const statements: { sql: string; parameters: readonly unknown[] }[] = [];
  const raw = t.config.dialect === 'sqlite' ? new SQLite(t.config.file) : undefined;
  const db = raw
    ? new Kysely<Database>({
        dialect: new SqliteDialect({ database: raw }),
        log: (e) => {
          statements.push({ sql: e.query.sql, parameters: e.query.parameters });
        },
      })
    : t.db;
  const first = await claimJobs(db, t.dialect, { token: 'w#1', now, leaseMs: 60_000, limit: 20 });
  expect(first).toHaveLength(20);
  const second = await claimJobs(db, t.dialect, { token: 'w#2', now, leaseMs: 60_000, limit: 20 });
  expect(second.map((j) => j.id)).not.toContain(first[0]!.id);
  const done = await markDoneMany(db, first, now);
  expect(done.size).toBe(20);
  const counts = await t.db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .orderBy('status')
    .execute();
  expect(counts.map((c) => [c.status, Number(c.n)])).toEqual([
    ['done', 20],
    ['pending', 2960],
    ['running', 20],
  ]);
  if (t.dialect !== 'sqlite') return; // PostgreSQL plans by statistics; its claim is FOR UPDATE SKIP LOCKED.
  const writes = statements.filter((s) => /^update "jobs"/.test(s.sql));
  expect(writes).toHaveLength(3);
  for (const w of writes) {
    const plan = raw!.prepare(`explain query plan ${w.sql}`).all(...(w.parameters as unknown[])) as {
      detail: string;
    }[];
    expect(plan.map((r) => r.detail).join('; ')).toMatch(/^SEARCH jobs USING INTEGER PRIMARY KEY/);
  }
  raw!.close();
});
