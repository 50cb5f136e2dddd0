import type { DbOrTrx } from '../db/types.js';
import { iso } from '../lib/clock.js';

/**
 * The transactional outbox. Call `emitEvent` with the same transaction that made the change,
 * so the change and its event commit together or not at all. The worker dispatches events
 * to their subscribers as jobs.
 */
export async function emitEvent(
  trx: DbOrTrx,
  event: { accountId: number | null; type: string; payload: Record<string, unknown>; at: Date },
): Promise<number> {
  const row = await trx
    .insertInto('events')
    .values({
      account_id: event.accountId,
      type: event.type,
      payload: JSON.stringify(event.payload),
      created_at: iso(event.at),
      dispatched_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
