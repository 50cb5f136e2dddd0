import { CompiledQuery } from 'kysely';
import type { DbOrTrx } from '../db/types.js';
import { iso } from '../lib/clock.js';
import { insertRows } from './rows.js';

/**
 * The transactional outbox. Call `emitEvent` with the same transaction that made the change,
 * so the change and its event commit together or not at all. The worker dispatches events
 * to their subscribers as jobs.
 */
export type OutboxEvent = {
  accountId: number | null;
  type: string;
  payload: Record<string, unknown>;
  at: Date;
};

const row = (event: OutboxEvent) => ({
  account_id: event.accountId,
  type: event.type,
  payload: JSON.stringify(event.payload),
  created_at: iso(event.at),
  dispatched_at: null,
});

/**
 * The INSERT's SQL text per dialect, compiled once: events are written on every hot path (a
 * tag applied to a hundred leads writes a hundred), and building and compiling the same
 * statement each time was a good part of its cost.
 */
const insertSql = new Map<unknown, string>();

export async function emitEvent(trx: DbOrTrx, event: OutboxEvent): Promise<number> {
  const values = row(event);
  const adapter = trx.getExecutor().adapter.constructor;
  let text = insertSql.get(adapter);
  if (text === undefined) {
    text = trx.insertInto('events').values(values).returning('id').compile().sql;
    insertSql.set(adapter, text);
  }
  const { rows } = await trx.executeQuery<{ id: number }>(
    CompiledQuery.raw(text, [
      values.account_id,
      values.type,
      values.payload,
      values.created_at,
      values.dispatched_at,
    ]),
  );
  if (!rows[0]) throw new Error('The event was not written.');
  return rows[0].id;
}

/**
 * Several events in as few statements as possible (one per ROWS_PER_INSERT), for code that
 * changes many things at once; same guarantees as `emitEvent`. Ids are not returned.
 */
export async function emitEvents(trx: DbOrTrx, events: readonly OutboxEvent[]): Promise<void> {
  await insertRows(trx, 'events', events.map(row));
}
