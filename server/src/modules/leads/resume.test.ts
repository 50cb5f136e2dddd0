import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.js';
import { startImport } from './testkit.js';

/**
 * A process running an import is killed (SIGKILL) mid-way; the job then resumes it from the last
 * committed batch: exact counts, no lead, link, timeline entry or error row written twice.
 */
const ROWS = 12_000;

function fileWithProblems(): { csv: string; valid: number; invalid: number; duplicates: number } {
  const lines = ['Email,First Name,Tags,Lists'];
  let invalid = 0;
  let duplicates = 0;
  for (let i = 0; i < ROWS; i++) {
    if (i % 1000 === 999) {
      lines.push(`broken-${i},Bad,t1,l1`);
      invalid++;
    } else if (i % 1500 === 1499) {
      lines.push(`lead${i - 700}@example.com,Again,t1,l1`);
      duplicates++;
    } else lines.push(`lead${i}@example.com,Lead ${i},"t1;t${i % 5}",l${i % 3}`);
  }
  return { csv: `${lines.join('\n')}\n`, valid: ROWS - invalid - duplicates, invalid, duplicates };
}

describe('kill and resume', () => {
  let t: TestApp;
  let s: Session;
  beforeEach(async () => {
    t = await createTestApp();
    s = await t.signup('shop');
    await t.db.db.updateTable('accounts').set({ plan: 'enterprise' }).where('id', '=', s.accountId).execute();
  });
  afterEach(() => t.close());

  it('resumes an import killed mid-way with exact counts and no duplicates', async () => {
    const file = fileWithProblems();
    const res = await startImport(t, s, file.csv, { tags: ['imported'] });
    expect(res.statusCode).toBe(202);
    const importId = res.json().id as number;
    const progress = async () =>
      (
        await t.db.db
          .selectFrom('lead_imports')
          .select(['processed_rows', 'status'])
          .where('id', '=', importId)
          .executeTakeFirstOrThrow()
      ).processed_rows;

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'testkit-child.ts')],
      {
        env: {
          ...process.env,
          ATRIUM_CHILD: JSON.stringify({ database: t.db.config, importId, batchRows: 150 }),
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const deadline = Date.now() + 60_000;
    while ((await progress()) < 1500) {
      if (Date.now() > deadline) throw new Error(`the child made no progress: ${stderr}`);
      if (child.exitCode !== null) throw new Error(`the child ended before it was killed: ${stderr}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    await exited;
    const atKill = await progress();
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(ROWS);
    expect(atKill % 150).toBe(0); // only whole batches were committed

    // The queued job takes over and finishes from the last committed batch.
    await t.runJobs();
    const done = (await t.request({ method: 'GET', url: `/api/v1/imports/${importId}`, session: s })).json();
    expect(done).toMatchObject({
      status: 'completed',
      total_rows: ROWS,
      processed_rows: ROWS,
      created: file.valid,
      updated: 0,
      skipped: 0,
      failed: file.invalid,
      duplicates: file.duplicates,
      error_count: file.invalid + file.duplicates,
    });
    const n = async (table: 'leads' | 'lead_timeline' | 'lead_import_errors' | 'lead_tags' | 'lead_lists') =>
      Number(
        (
          await t.db.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await n('leads')).toBe(file.valid);
    // Created leads have no stored timeline row: their "imported" entry is derived (import/origin.ts).
    expect(await n('lead_timeline')).toBe(0);
    expect(await n('lead_import_errors')).toBe(file.invalid + file.duplicates);
    // Each lead: "imported", t1 and t{i%5} (t1 twice when i%5 = 1), one list.
    const expectedTags = [...Array(ROWS).keys()]
      .filter((i) => i % 1000 !== 999 && i % 1500 !== 1499)
      .reduce((sum, i) => sum + (i % 5 === 1 ? 2 : 3), 0);
    expect(await n('lead_tags')).toBe(expectedTags);
    expect(await n('lead_lists')).toBe(file.valid);
    const events = await t.db.db
      .selectFrom('events')
      .select('payload')
      .where('type', '=', 'leads.imported')
      .execute();
    const created = events.flatMap((e) => JSON.parse(e.payload).created as number[]);
    expect(created).toHaveLength(file.valid);
    expect(new Set(created).size).toBe(file.valid);
    // Each lead's timeline shows the one import entry, with its row and links.
    const lead = await t.db.db
      .selectFrom('leads')
      .select('id')
      .where('email_normalized', '=', 'lead7@example.com')
      .executeTakeFirstOrThrow();
    const timeline = (
      await t.request({ method: 'GET', url: `/api/v1/leads/${lead.id}/timeline`, session: s })
    ).json();
    expect(timeline.entries).toHaveLength(1);
    expect(timeline.entries[0]).toMatchObject({
      kind: 'imported',
      source: 'import',
      source_id: String(importId),
      detail: { import_id: importId, action: 'created', row: 9, fields: ['first_name'] },
    });
    expect(timeline.entries[0].detail.tag_ids).toHaveLength(3);
    expect(timeline.entries[0].detail.list_ids).toHaveLength(1);
  }, 120_000);
});
