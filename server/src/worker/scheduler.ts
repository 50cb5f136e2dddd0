import type { Db } from '../db/types.js';
import { iso } from '../lib/clock.js';
import { enqueueJob } from './jobs.js';
import type { Schedule } from './types.js';

/** Adds the rows of schedules the database does not know yet, due at once. */
export async function registerSchedules(db: Db, schedules: readonly Schedule[], now: Date): Promise<void> {
  if (schedules.length === 0) return;
  await db
    .insertInto('schedules')
    .values(schedules.map((s) => ({ name: s.name, next_run_at: iso(now) })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/** The first tick strictly after `now`, skipping ticks missed while no worker ran (no catch-up burst). */
export function nextTick(previous: Date, everyMs: number, now: Date): Date {
  const missed = Math.floor((now.getTime() - previous.getTime()) / everyMs);
  return new Date(previous.getTime() + (Math.max(0, missed) + 1) * everyMs);
}

/**
 * Enqueues the job of every due schedule and advances it. The advance is a compare-and-set on the
 * tick being served, and the job key names that tick, so however many workers tick at once each
 * tick yields exactly one job. Returns the jobs enqueued and when the next schedule is due.
 */
export async function tickSchedules(
  db: Db,
  schedules: readonly Schedule[],
  now: Date,
): Promise<{ enqueued: number; nextDueAt: Date | null }> {
  if (schedules.length === 0) return { enqueued: 0, nextDueAt: null };
  const byName = new Map(schedules.map((s) => [s.name, s]));
  const load = () =>
    db
      .selectFrom('schedules')
      .selectAll()
      .where('name', 'in', [...byName.keys()])
      .execute();
  let rows = await load();
  if (rows.length < byName.size) {
    // A row went missing (deleted by hand, or a schedule added since start): bring it back, due now.
    await registerSchedules(db, schedules, now);
    rows = await load();
  }
  let enqueued = 0;
  let nextDueAt: Date | null = null;
  for (const row of rows) {
    const schedule = byName.get(row.name)!;
    let next = new Date(row.next_run_at);
    if (row.next_run_at <= iso(now)) {
      const due = row.next_run_at;
      next = nextTick(new Date(due), schedule.everyMs, now);
      const won = await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('schedules')
          .set({ next_run_at: iso(next) })
          .where('name', '=', row.name)
          .where('next_run_at', '=', due)
          .executeTakeFirst();
        if (r.numUpdatedRows === 0n) return false; // another worker served this tick
        return enqueueJob(trx, {
          type: schedule.jobType,
          payload: schedule.payload ?? null,
          accountId: null,
          at: now,
          key: `schedule:${row.name}:${due}`,
        });
      });
      if (won) enqueued++;
      // Lost the race: the winner's next tick may differ from ours; look again next pass.
      else next = now;
    }
    if (!nextDueAt || next < nextDueAt) nextDueAt = next;
  }
  return { enqueued, nextDueAt };
}
