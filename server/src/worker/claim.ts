import { type Placeholder, runPrepared, unindexed } from '../db/prepared.js';
import type { Db, Dialect, Job } from '../db/types.js';
import { addMs, iso } from '../lib/clock.js';

export type ClaimOptions = {
  /** Written to `locked_by`: worker id plus a fresh random part, the fencing token of this claim. */
  token: string;
  now: Date;
  leaseMs: number;
  limit: number;
  /** Only jobs of this type (a batch handler's slot taking more of its own). */
  type?: string;
};

/**
 * Claims up to `limit` runnable jobs in one statement: first running ones whose lease expired
 * (their worker died or stalled), then pending ones that are due, oldest `run_at` first. Each
 * claim counts as an attempt, so a job that keeps crashing its worker still runs out of attempts.
 *
 * The two kinds are separate range scans of the (status, run_at) index joined by UNION ALL under
 * one LIMIT, which stop as soon as `limit` ids are found; a single WHERE … OR … would sort every
 * due job on each claim, slow with a deep queue.
 *
 * PostgreSQL: FOR UPDATE SKIP LOCKED lets many workers claim side by side without waiting on or
 * double-claiming each other's rows. SQLite serialises writers: the ids are read first (nothing
 * found, nothing written) and the UPDATE takes those that are still claimable.
 */
export async function claimJobs(db: Db, dialect: Dialect, opts: ClaimOptions): Promise<Job[]> {
  if (opts.limit <= 0) return [];
  const now = iso(opts.now);
  const lock = dialect === 'postgres';
  const typed = opts.type !== undefined;
  // Compiled once per shape (runPrepared): a claim runs on every pass of the worker.
  const claimIds = (p: Placeholder) => {
    const expired = db
      .selectFrom('jobs')
      .select('id')
      .where('status', '=', 'running')
      .where('locked_until', '<', p(0))
      .$if(typed, (qb) => qb.where('type', '=', p(2)))
      .orderBy('run_at')
      .limit(p(1))
      .$if(lock, (qb) => qb.forUpdate().skipLocked());
    // run_at alone is the index order; ties keep insertion order on SQLite, no promise on PostgreSQL.
    const due = db
      .selectFrom('jobs')
      .select('id')
      .where('status', '=', 'pending')
      .where('run_at', '<=', p(0))
      .$if(typed, (qb) => qb.where('type', '=', p(2)))
      .orderBy('run_at')
      .limit(p(1))
      .$if(lock, (qb) => qb.forUpdate().skipLocked());
    return db
      .selectFrom((eb) =>
        eb
          .selectFrom(expired.as('e'))
          .select('e.id')
          .unionAll(eb.selectFrom(due.as('d')).select('d.id'))
          .as('u'),
      )
      .select('u.id')
      .limit(p(1));
  };
  const idValues = [now, opts.limit, ...(typed ? [opts.type] : [])];
  const lockedUntil = iso(addMs(opts.now, opts.leaseMs));
  let jobs: Job[];
  if (lock) {
    jobs = await db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        locked_by: opts.token,
        locked_until: lockedUntil,
        attempts: eb('attempts', '+', 1),
        updated_at: now,
      }))
      .where(
        'id',
        'in',
        claimIds((i) => idValues[i]),
      )
      .returningAll()
      .execute();
  } else {
    // SQLite: most claims find nothing (an idle pass, a batch slot looking for more), and an
    // UPDATE is a write transaction with its commit even then; a read is not. The UPDATE below
    // checks again that each job is still claimable, so a job another process claimed between
    // the read and the write is not taken twice.
    const ids = (await runPrepared(db, `worker.claimIds:${typed}`, claimIds, idValues)).map((r) => r.id);
    if (ids.length === 0) return [];
    jobs = await runPrepared(
      db,
      `worker.claim:${ids.length}`,
      (p) =>
        db
          .updateTable('jobs')
          .set((eb) => ({
            status: 'running',
            locked_by: p(0),
            locked_until: p(1),
            attempts: eb('attempts', '+', 1),
            updated_at: p(2),
          }))
          .where(
            'id',
            'in',
            ids.map((_, i) => p(3 + i)),
          )
          .where((eb) =>
            eb.or([
              eb.and([eb(unindexed('status'), '=', 'pending'), eb('run_at', '<=', p(2))]),
              eb.and([eb(unindexed('status'), '=', 'running'), eb('locked_until', '<', p(2))]),
            ]),
          )
          .returningAll(),
      [opts.token, lockedUntil, now, ...ids],
    );
  }
  // RETURNING has no order; run the oldest first.
  return jobs.sort((a, b) => (a.run_at < b.run_at ? -1 : a.run_at > b.run_at ? 1 : a.id - b.id));
}
