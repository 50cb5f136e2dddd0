import { runPrepared, unindexed } from '../db/prepared.js';
import type { DbOrTrx, Job } from '../db/types.js';
import { addMs, iso } from '../lib/clock.js';
import { backoffMs } from './backoff.js';

/**
 * Every write that ends or extends an attempt is fenced: it matches only while the job is still
 * running under this claim's token. A worker whose lease expired and whose job was claimed again
 * by another worker (new token) therefore changes nothing.
 */
const fenced = (db: DbOrTrx, job: Job) =>
  db
    .updateTable('jobs')
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', job.locked_by ?? '');

const updated = (r: { numUpdatedRows: bigint }) => r.numUpdatedRows > 0n;

export async function markDone(db: DbOrTrx, job: Job, now: Date): Promise<boolean> {
  const t = iso(now);
  const r = await fenced(db, job)
    .set({ status: 'done', locked_until: null, finished_at: t, updated_at: t })
    .executeTakeFirst();
  return updated(r);
}

/** A failed attempt: retried after a backoff while attempts remain, else dead. */
export async function markFailed(
  db: DbOrTrx,
  job: Job,
  maxAttempts: number,
  error: string,
  now: Date,
): Promise<'retry' | 'dead' | 'lost'> {
  if (job.attempts >= maxAttempts) return (await markDead(db, job, error, now)) ? 'dead' : 'lost';
  const t = iso(now);
  const r = await fenced(db, job)
    .set({
      status: 'pending',
      run_at: iso(addMs(now, backoffMs(job.attempts))),
      locked_until: null,
      last_error: error,
      updated_at: t,
    })
    .executeTakeFirst();
  return updated(r) ? 'retry' : 'lost';
}

export async function markDead(db: DbOrTrx, job: Job, error: string, now: Date): Promise<boolean> {
  const t = iso(now);
  const r = await fenced(db, job)
    .set({ status: 'dead', locked_until: null, last_error: error, finished_at: t, updated_at: t })
    .executeTakeFirst();
  return updated(r);
}

/** Extends a long non-transactional attempt's lease so no other worker takes the job over. */
export async function extendLease(db: DbOrTrx, job: Job, leaseMs: number, now: Date): Promise<boolean> {
  const r = await fenced(db, job)
    .set({ locked_until: iso(addMs(now, leaseMs)), updated_at: iso(now) })
    .executeTakeFirst();
  return updated(r);
}

/**
 * Marks several jobs done at once (a batch handler's successes), each fenced by its own claim
 * token as in `markDone`. Returns the ids that were still theirs.
 */
export async function markDoneMany(db: DbOrTrx, jobs: readonly Job[], now: Date): Promise<Set<number>> {
  const t = iso(now);
  const done = new Set<number>();
  for (const [token, ids] of byToken(jobs)) {
    // Compiled once per batch size: every batch of mails ends here.
    const rows = await runPrepared(
      db,
      `worker.doneMany:${ids.length}`,
      (p) =>
        db
          .updateTable('jobs')
          .set({ status: 'done', locked_until: null, finished_at: p(0), updated_at: p(0) })
          .where(
            'id',
            'in',
            ids.map((_, i) => p(2 + i)),
          )
          .where(unindexed('status'), '=', 'running')
          .where('locked_by', '=', p(1))
          .returning('id'),
      [t, token, ...ids],
    );
    for (const r of rows) done.add(r.id);
  }
  return done;
}

/** `extendLease` for several jobs at once. */
export async function extendLeases(
  db: DbOrTrx,
  jobs: readonly Job[],
  leaseMs: number,
  now: Date,
): Promise<void> {
  for (const [token, ids] of byToken(jobs))
    await db
      .updateTable('jobs')
      .set({ locked_until: iso(addMs(now, leaseMs)), updated_at: iso(now) })
      .where('id', 'in', ids)
      .where(unindexed('status'), '=', 'running')
      .where('locked_by', '=', token)
      .execute();
}

function byToken(jobs: readonly Job[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const j of jobs) {
    const token = j.locked_by ?? '';
    out.set(token, [...(out.get(token) ?? []), j.id]);
  }
  return out;
}
