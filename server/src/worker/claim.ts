import type { Db, Dialect, Job } from '../db/types.js';
import { addMs, iso } from '../lib/clock.js';

export type ClaimOptions = {
  /** Written to `locked_by`: worker id plus a fresh random part, the fencing token of this claim. */
  token: string;
  now: Date;
  leaseMs: number;
  limit: number;
};

/**
 * Claims up to `limit` runnable jobs: pending ones that are due, and running ones whose lease
 * expired (their worker died or stalled). Each claim counts as an attempt, so a job that keeps
 * crashing its worker still runs out of attempts.
 *
 * PostgreSQL: the inner SELECT … FOR UPDATE SKIP LOCKED lets many workers claim side by side
 * without waiting on or double-claiming each other's rows. SQLite serialises writers, so the
 * plain UPDATE is already atomic.
 */
export async function claimJobs(db: Db, dialect: Dialect, opts: ClaimOptions): Promise<Job[]> {
  if (opts.limit <= 0) return [];
  const now = iso(opts.now);
  const due = db
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
      ]),
    )
    .orderBy('run_at')
    .orderBy('id')
    .limit(opts.limit)
    .$if(dialect === 'postgres', (qb) => qb.forUpdate().skipLocked());
  const jobs = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      locked_by: opts.token,
      locked_until: iso(addMs(opts.now, opts.leaseMs)),
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
  // RETURNING has no order; run the oldest first.
  return jobs.sort((a, b) => (a.run_at < b.run_at ? -1 : a.run_at > b.run_at ? 1 : a.id - b.id));
}
