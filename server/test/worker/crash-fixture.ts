import fs from 'node:fs';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db, Dialect } from '../../src/db/types.js';
import { type EventSubscriber, enqueueJob, type JobHandler } from '../../src/worker/index.js';

/**
 * Handlers and subscriber shared by the crash test and its child worker (crash-worker.ts).
 * `effect` is transactional: it writes one row to test_effects in the job's transaction, so the
 * row must exist exactly once per job whatever crashes. `external` is not: its row stands for a
 * mail sent, so it exists at least once per job (duplicates are allowed, losses are not).
 */

export type CrashMode = 'none' | 'after_claim' | 'before_commit' | 'after_commit' | 'random';

export const EFFECT = 'test.effect';
export const EXTERNAL = 'test.external';
export const EVENT = 'test.crash_event';

export async function createEffectTables(db: Db): Promise<void> {
  await sql`create table test_effects (job_id integer not null, n integer not null, pid integer not null)`.execute(
    db,
  );
  await sql`create table test_external (job_id integer not null, pid integer not null)`.execute(db);
}

/** Leaves a line for the parent before dying: written synchronously so SIGKILL cannot eat it. */
export function killSelf(what: string, jobId?: number): never {
  fs.writeSync(1, `KILL ${what} ${jobId ?? ''} ${process.pid}\n`);
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

const payload = z.object({ n: z.number().int() });

/** Jobs a child in `mode` kills itself on (on their first attempt only, so a rerun can finish). */
export const killsOn = (mode: CrashMode, jobId: number) =>
  (mode === 'before_commit' && jobId % 4 === 0) || (mode === 'after_commit' && jobId % 4 === 1);

export function crashHandlers(mode: CrashMode, dialect: Dialect): JobHandler<{ n: number }>[] {
  const parse = (p: unknown) => {
    if (mode === 'after_claim') killSelf('after_claim'); // claimed, nothing run yet
    return payload.parse(p);
  };
  return [
    {
      type: EFFECT,
      parse,
      transactional: true,
      async run(ctx, { n }) {
        await sql`insert into test_effects (job_id, n, pid) values (${ctx.job.id}, ${n}, ${process.pid})`.execute(
          ctx.db,
        );
        if (mode === 'before_commit' && ctx.job.attempts === 1 && killsOn(mode, ctx.job.id)) {
          killSelf('before_commit', ctx.job.id);
        }
        // A little work, so that random kills land inside transactions too.
        if (dialect === 'postgres') await sql`select pg_sleep(0.002)`.execute(ctx.db);
      },
    },
    {
      type: EXTERNAL,
      parse,
      transactional: false,
      async run(ctx) {
        // Autocommit: the "mail" is out the moment this returns, whatever happens next.
        await sql`insert into test_external (job_id, pid) values (${ctx.job.id}, ${process.pid})`.execute(
          ctx.db,
        );
        if (mode === 'before_commit' && ctx.job.attempts === 1 && killsOn(mode, ctx.job.id)) {
          killSelf('before_done', ctx.job.id);
        }
      },
    },
  ];
}

export const crashSubscriber: EventSubscriber = {
  name: 'crash',
  events: [EVENT],
  async fanOut(trx, event, now) {
    const { n } = payload.parse(JSON.parse(event.payload));
    await enqueueJob(trx, {
      type: EFFECT,
      payload: { n },
      accountId: event.account_id,
      at: now,
      key: `${event.id}:crash:effect`,
    });
  },
};
