import type { Db } from '../db/types.js';
import { iso } from '../lib/clock.js';
import { conflict, notFound } from '../lib/errors.js';

/**
 * Puts a dead (or done) job back in the queue: pending, due now, attempts reset. `last_error` is
 * kept until an attempt succeeds or fails anew. Scoped: `accountId` null reaches only system jobs
 * (account_id null); another account's job is "not found". Call `worker.poke()` after it.
 */
export async function replayJob(
  db: Db,
  scope: { accountId: number | null },
  jobId: number,
  now: Date,
): Promise<void> {
  const { accountId } = scope;
  const job = await db
    .selectFrom('jobs')
    .select('status')
    .where('id', '=', jobId)
    .where((eb) => (accountId === null ? eb('account_id', 'is', null) : eb('account_id', '=', accountId)))
    .executeTakeFirst();
  if (!job) throw notFound('Job');
  if (job.status !== 'dead' && job.status !== 'done') {
    throw conflict(
      'job_not_finished',
      'This job is still waiting or running; only a finished job can be replayed.',
    );
  }
  const t = iso(now);
  const r = await db
    .updateTable('jobs')
    .set({ status: 'pending', attempts: 0, run_at: t, locked_until: null, finished_at: null, updated_at: t })
    .where('id', '=', jobId)
    .where('status', '=', job.status) // a concurrent replay wins once
    .executeTakeFirst();
  if (r.numUpdatedRows === 0n) {
    throw conflict('job_not_finished', 'This job was replayed meanwhile; it is waiting to run.');
  }
}
