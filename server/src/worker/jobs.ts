import type { DbOrTrx } from '../db/types.js';
import { iso } from '../lib/clock.js';
import { ROWS_PER_INSERT } from './outbox.js';

export const DEFAULT_MAX_ATTEMPTS = 8;

export type EnqueueOptions = {
  type: string;
  payload: unknown;
  accountId: number | null;
  at: Date;
  /** Unique key: enqueueing the same key again does nothing (idempotent producers). */
  key?: string | undefined;
  /** Not before this time (delayed jobs). Defaults to `at`. */
  runAt?: Date | undefined;
  maxAttempts?: number | undefined;
};

const row = (job: EnqueueOptions) => {
  const now = iso(job.at);
  return {
    account_id: job.accountId,
    type: job.type,
    payload: JSON.stringify(job.payload ?? null),
    dedupe_key: job.key ?? null,
    status: 'pending' as const,
    attempts: 0,
    max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    run_at: iso(job.runAt ?? job.at),
    created_at: now,
    updated_at: now,
  };
};

/** Adds a job in the caller's transaction. Returns false when `key` was already enqueued. */
export async function enqueueJob(trx: DbOrTrx, job: EnqueueOptions): Promise<boolean> {
  const result = await trx
    .insertInto('jobs')
    .values(row(job))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Adds several jobs in as few statements as possible (one per ROWS_PER_INSERT); a key already
 * enqueued is skipped as in `enqueueJob`. Returns how many were added.
 */
export async function enqueueJobs(trx: DbOrTrx, jobs: readonly EnqueueOptions[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < jobs.length; i += ROWS_PER_INSERT) {
    const result = await trx
      .insertInto('jobs')
      .values(jobs.slice(i, i + ROWS_PER_INSERT).map(row))
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}
