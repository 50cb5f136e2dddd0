import type { DbOrTrx } from '../db/types.js';
import { iso } from '../lib/clock.js';

export const DEFAULT_MAX_ATTEMPTS = 8;

export type EnqueueOptions = {
  type: string;
  payload: unknown;
  accountId: number | null;
  at: Date;
  /** Unique key: enqueueing the same key again does nothing (idempotent producers). */
  key?: string;
  /** Not before this time (delayed jobs). Defaults to `at`. */
  runAt?: Date;
  maxAttempts?: number;
};

/** Adds a job in the caller's transaction. Returns false when `key` was already enqueued. */
export async function enqueueJob(trx: DbOrTrx, job: EnqueueOptions): Promise<boolean> {
  const now = iso(job.at);
  const result = await trx
    .insertInto('jobs')
    .values({
      account_id: job.accountId,
      type: job.type,
      payload: JSON.stringify(job.payload ?? null),
      dedupe_key: job.key ?? null,
      status: 'pending',
      attempts: 0,
      max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      run_at: iso(job.runAt ?? job.at),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
