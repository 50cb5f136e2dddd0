import type { DbOrTrx } from '../db/types.js';
import { iso } from '../lib/clock.js';
import { insertRows } from './rows.js';

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
  // Through insertRows: its SQL text is kept per shape, so a job does not rebuild the statement.
  const added = await insertRows(trx, 'jobs', [row(job)], {
    conflict: '("dedupe_key") do nothing',
    returning: ['id'],
  });
  return added.length > 0;
}

/**
 * Adds several jobs in as few statements as possible (one per 500); a key already
 * enqueued is skipped as in `enqueueJob`. Returns how many were added.
 */
export async function enqueueJobs(trx: DbOrTrx, jobs: readonly EnqueueOptions[]): Promise<number> {
  const added = await insertRows(trx, 'jobs', jobs.map(row), {
    conflict: '("dedupe_key") do nothing',
    returning: ['id'],
  });
  return added.length;
}
