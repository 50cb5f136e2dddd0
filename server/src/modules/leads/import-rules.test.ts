import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.js';
import { processImport } from './import/run.js';
import { importDepsOf } from './import/service.js';
import { importAll, leadsOf, multipart, preview, startImport } from './testkit.js';

const header = (n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? 'Email' : `Col ${i}`)).join(',');
const row = (n: number, email: string) =>
  Array.from({ length: n }, (_, i) => (i === 0 ? email : `v${i}`)).join(',');

describe('import rules', () => {
  let t: TestApp;
  let s: Session;
  beforeEach(async () => {
    t = await createTestApp();
    s = await t.signup('shop');
  });
  afterEach(() => t.close());

  /** On SQLite uploads wait beside the database file (import/files.ts). */
  const storedFiles = () => {
    if (t.db.config.dialect !== 'sqlite') return [];
    const dir = path.join(path.dirname(t.db.config.file), 'imports');
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  };
  const count = async (table: 'leads' | 'lead_imports' | 'lead_import_chunks' | 'jobs') =>
    Number(
      (
        await t.db.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses 61 columns with data (422 too_many_columns) and imports nothing', async () => {
    const csv = `${header(61)}\n${row(61, 'a@example.com')}\n${row(61, 'b@example.com')}\n`;
    const p = await preview(t, s, csv);
    expect(p.statusCode).toBe(422);
    expect(p.json().error).toMatchObject({
      code: 'too_many_columns',
      details: { data_columns: 61, max_data_columns: 60 },
    });
    expect(p.json().error.message).toContain('61 columns');
    expect(p.json().error.message).toContain('Delete the extra columns');
    const res = await startImport(t, s, csv, {});
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('too_many_columns');
    await t.runJobs();
    expect(await count('leads')).toBe(0);
    expect(await count('lead_imports')).toBe(0);
    expect(await count('lead_import_chunks')).toBe(0);
    expect(storedFiles()).toEqual([]);
  });

  it('accepts uploads far larger than the JSON body limit', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `lead${i}@example.com,Name ${i},${'x'.repeat(40)}`);
    const big = `Email,First Name,Notes\n${rows.join('\n')}\n`;
    expect(big.length).toBeGreaterThan(2_500_000);
    const p = await preview(t, s, big);
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({ total_rows: 40_000, data_columns: 3 });
  });

  it('counts only columns holding data: 60 with data plus empty ones import fine', async () => {
    const cols = `${header(60)},Empty 1,Empty 2`;
    const csv = `${cols}\n${row(60, 'a@example.com')},,\n`;
    const result = await importAll(t, s, csv);
    expect(result).toMatchObject({ status: 'completed', created: 1 });
  });

  it('takes the column limit from the plan (configurable by the operator)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-plans-'));
    const plansFile = path.join(dir, 'plans.json');
    fs.writeFileSync(plansFile, JSON.stringify({ starter: { import_columns: 3 } }));
    const t2 = await createTestApp({ PLANS_FILE: plansFile });
    try {
      const s2 = await t2.signup('small');
      const res = await startImport(t2, s2, `${header(4)}\n${row(4, 'a@example.com')}\n`);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details).toEqual({ data_columns: 4, max_data_columns: 3 });
    } finally {
      await t2.close();
    }
  });

  it('reports bad emails, ragged rows and bad encodings per row, and imports the rest', async () => {
    const good = Buffer.from(
      'Email,First Name,City\nok@example.com,Ok,Paris\nnot-an-email,Bad,Rome\n,Empty,Oslo\nragged@example.com,Too,Many,Cells\nshort@example.com\n',
    );
    // A UTF-8 file with one row whose bytes are Latin-1 ("Zoë" as 0xEB): that row is reported.
    const broken = Buffer.concat([
      good,
      Buffer.from('zoe@example.com,Zo'),
      Buffer.from([0xeb]),
      Buffer.from(',Köln\nlast@example.com,Last,Lyon\n'),
    ]);
    const result = await importAll(t, s, broken);
    expect(result).toMatchObject({
      status: 'completed',
      total_rows: 7,
      processed_rows: 7,
      created: 2,
      failed: 5,
    });
    expect(result.errors).toEqual([
      { row: 3, email: 'not-an-email', message: '"not-an-email" is not a valid email address.' },
      { row: 4, email: null, message: 'The email is empty.' },
      { row: 5, email: null, message: expect.stringContaining('This row has 4 cells but the header has 3') },
      { row: 6, email: null, message: expect.stringContaining('This row has 1 cells but the header has 3') },
      {
        row: 7,
        email: 'zoe@example.com',
        message: expect.stringContaining('not valid in the file’s encoding'),
      },
    ]);
    expect((await leadsOf(t, s)).map((l) => l.email).sort()).toEqual(['last@example.com', 'ok@example.com']);

    // The error file: the reason, the row and the original cells, ready to fix and re-import.
    const csv = await t.request({
      method: 'GET',
      url: `/api/v1/imports/${result.id}/errors.csv`,
      session: s,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('Error,Row,Email,First Name,City');
    expect(lines[1]).toBe('"""not-an-email"" is not a valid email address.",3,not-an-email,Bad,Rome');
    expect(lines).toHaveLength(6);
    // Fixed and imported again: the Error and Row columns map to nothing.
    const fixed = `${lines[0]}\n${lines[1]!.replace('not-an-email,', 'fixed@example.com,')}\n`;
    const again = await importAll(t, s, fixed);
    expect(again).toMatchObject({ created: 1, failed: 0 });
  });

  it('keeps the cells of unmapped columns in the error file', async () => {
    const csv =
      'Email,Unmapped,First Name\nbad-email,keep me,Bad\nok@example.com,x,Ok\nok@example.com,dup,Again\n';
    const result = await importAll(t, s, csv, { mapping: { Unmapped: null } });
    expect(result).toMatchObject({ created: 1, failed: 1, duplicates: 1 });
    const lines = (
      await t.request({ method: 'GET', url: `/api/v1/imports/${result.id}/errors.csv`, session: s })
    ).body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines.slice(1)).toEqual([
      '"""bad-email"" is not a valid email address.",2,bad-email,keep me,Bad',
      'Duplicate of row 3 (same email); the first one was imported.,4,ok@example.com,dup,Again',
    ]);
  });

  it('reads UTF-8 with BOM, UTF-16 LE/BE, Windows-1252, quoted newlines and ; or tab delimiters', async () => {
    const text = 'Email;First Name;Notes\r\nzoe@example.com;Zoë;"line one\r\nline two; still notes"\r\n';
    const cases: [string, Buffer][] = [
      ['utf-8 bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
      ['utf-16le bom', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')])],
      ['utf-16be bom', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')])],
      ['utf-16le no bom', iconv.encode(text, 'utf-16le')],
      ['windows-1252', iconv.encode(text, 'windows-1252')],
      [
        'tab',
        Buffer.from(text.replaceAll(';', '\t').replace('line two\t still notes', 'line two; still notes')),
      ],
    ];
    for (const [name, file] of cases) {
      const p = await preview(t, s, file);
      expect(p.statusCode, name).toBe(200);
      expect(p.json().columns, name).toEqual(['Email', 'First Name', 'Notes']);
      expect(p.json().sample_rows[0][1], name).toBe('Zoë');
      const result = await importAll(t, s, file, { update_existing: true });
      expect(result.failed, name).toBe(0);
      const zoe = (await leadsOf(t, s)).find((l) => l.email === 'zoe@example.com')!;
      expect(zoe.first_name, name).toBe('Zoë');
      expect(zoe.notes, name).toBe('line one\r\nline two; still notes');
      await t.request({ method: 'DELETE', url: `/api/v1/leads/${zoe.id}`, session: s });
    }
  });

  it('skips existing leads by default and updates them when asked; empty cells never erase', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/leads',
      session: s,
      payload: { email: 'Ada@Example.com', first_name: 'Ada', city: 'London' },
    });
    expect(created.statusCode).toBe(201);
    const csv = 'Email,First Name,City,Tags\nada@example.com,Augusta,,vip\nnew@example.com,New,Oslo,\n';
    const skip = await importAll(t, s, csv);
    expect(skip).toMatchObject({ created: 1, updated: 0, skipped: 1, failed: 0 });
    let ada = (await leadsOf(t, s)).find((l) => l.email === 'Ada@Example.com')!;
    expect(ada).toMatchObject({ first_name: 'Ada', city: 'London', tags: [] });

    const update = await importAll(t, s, csv, { update_existing: true });
    expect(update).toMatchObject({ created: 0, updated: 2, skipped: 0 });
    ada = (await leadsOf(t, s)).find((l) => l.email === 'Ada@Example.com')!;
    expect(ada).toMatchObject({ first_name: 'Augusta', city: 'London' });
    expect(ada.tags.map((x: { name: string }) => x.name)).toEqual(['vip']);
    const timeline = (
      await t.request({ method: 'GET', url: `/api/v1/leads/${ada.id}/timeline`, session: s })
    ).json().entries;
    expect(timeline[0]).toMatchObject({
      kind: 'imported',
      source: 'import',
      source_id: String(update.id),
      detail: { action: 'updated', row: 2, fields: ['first_name'] },
    });
  });

  it('shows the import on the timeline of a lead it created, across pages and after delete and re-create', async () => {
    const result = await importAll(t, s, 'Email,First Name,City,Tags\nzed@example.com,Zed,,vip;gold\n', {
      tags: ['imported'],
      lists: ['news'],
    });
    const zed = (await leadsOf(t, s)).find((l) => l.email === 'zed@example.com')!;
    const get = async (url: string) => (await t.request({ method: 'GET', url, session: s })).json();
    const origin = {
      id: 0,
      kind: 'imported',
      source: 'import',
      source_id: String(result.id),
      at: zed.created_at,
      detail: { import_id: result.id, row: 2, action: 'created', fields: ['first_name'] },
    };
    expect((await get(`/api/v1/leads/${zed.id}`)).timeline).toMatchObject([origin]);
    const first = (await get(`/api/v1/leads/${zed.id}/timeline`)).entries[0];
    expect(first.detail.tag_ids).toHaveLength(3);
    expect(first.detail.list_ids).toHaveLength(1);
    // A later change is newer; the import entry stays last, also when paging one at a time.
    await t.request({
      method: 'POST',
      url: `/api/v1/leads/${zed.id}/tags`,
      session: s,
      payload: { tag: 'later' },
    });
    const p1 = await get(`/api/v1/leads/${zed.id}/timeline?limit=1`);
    expect(p1.entries.map((e: { kind: string }) => e.kind)).toEqual(['tag_applied']);
    expect(p1.next_cursor).not.toBeNull();
    const p2 = await get(`/api/v1/leads/${zed.id}/timeline?limit=1&cursor=${p1.next_cursor}`);
    expect(p2).toMatchObject({ entries: [origin], next_cursor: null });
    // Deleted and created again through the API: where it came from is still there, once.
    await t.request({ method: 'DELETE', url: `/api/v1/leads/${zed.id}`, session: s });
    await t.request({
      method: 'POST',
      url: '/api/v1/leads',
      session: s,
      payload: { email: 'zed@example.com' },
    });
    const after = (await get(`/api/v1/leads/${zed.id}/timeline`)).entries;
    expect(after.map((e: { kind: string }) => e.kind)).toEqual([
      'restored',
      'deleted',
      'imported',
      'tag_applied',
    ]);
    expect(after[2]).toMatchObject({ ...origin, id: expect.any(Number) });
  });

  it('restores a deleted lead whose email is imported again', async () => {
    const { id } = (
      await t.request({
        method: 'POST',
        url: '/api/v1/leads',
        session: s,
        payload: { email: 'gone@example.com' },
      })
    ).json();
    await t.request({ method: 'DELETE', url: `/api/v1/leads/${id}`, session: s });
    const result = await importAll(t, s, 'Email,First Name\ngone@example.com,Back\n');
    expect(result).toMatchObject({ created: 1, updated: 0 });
    const lead = (await t.request({ method: 'GET', url: `/api/v1/leads/${id}`, session: s })).json();
    expect(lead).toMatchObject({ id, first_name: 'Back' });
  });

  it('applies the GDPR declaration to every row', async () => {
    const consented = await importAll(t, s, 'Email\na@example.com\nb@example.com\n', { gdpr: 'consented' });
    expect(consented.options.gdpr).toBe('consented');
    const leads = await leadsOf(t, s);
    expect(leads.map((l) => l.gdpr)).toEqual([
      { status: 'consented', date: t.clock.now().toISOString(), ip: null },
      { status: 'consented', date: t.clock.now().toISOString(), ip: null },
    ]);
    await importAll(t, s, 'Email\nc@example.com\n', { gdpr: 'not_consented' });
    await importAll(t, s, 'Email\nd@example.com\na@example.com\n', { update_existing: true });
    const by = Object.fromEntries((await leadsOf(t, s)).map((l) => [l.email, l.gdpr.status]));
    // "unknown" never overwrites a status a lead already has.
    expect(by).toEqual({
      'a@example.com': 'consented',
      'b@example.com': 'consented',
      'c@example.com': 'not_consented',
      'd@example.com': 'unknown',
    });
    const filtered = await leadsOf(t, s, '&gdpr=consented');
    expect(filtered.map((l) => l.email).sort()).toEqual(['a@example.com', 'b@example.com']);
  });

  it('keeps blocked rows but flags them, and an import never unblocks', async () => {
    const result = await importAll(
      t,
      s,
      'Email,Blocked\nspam@example.com,yes\nok@example.com,no\nodd@example.com,maybe\n',
    );
    expect(result).toMatchObject({ created: 2, blocked: 1, failed: 1 });
    expect(result.errors[0].message).toBe('Blocked must be yes or no, not "maybe".');
    const blocked = await leadsOf(t, s, '&blocked=true');
    expect(blocked.map((l) => l.email)).toEqual(['spam@example.com']);
    await importAll(t, s, 'Email,Blocked\nspam@example.com,no\n', { update_existing: true });
    expect((await leadsOf(t, s, '&blocked=true')).map((l) => l.email)).toEqual(['spam@example.com']);
  });

  it('reports duplicate emails inside one file, first wins, across batches too', async () => {
    const csv =
      'Email,First Name\na@example.com,First\nb@example.com,B\nA@EXAMPLE.COM,Second\nc@example.com,C\na@example.com,Third\n';
    const res = await startImport(t, s, csv, {});
    expect(res.statusCode).toBe(202);
    // Two rows a transaction: the duplicates fall in later batches than the first a@.
    await processImport({ ...importDepsOf(t.runtime.deps), batchRows: 2 }, res.json().id);
    const result = (
      await t.request({ method: 'GET', url: `/api/v1/imports/${res.json().id}`, session: s })
    ).json();
    expect(result).toMatchObject({
      status: 'completed',
      created: 3,
      duplicates: 2,
      failed: 0,
      processed_rows: 5,
    });
    expect(result.errors).toEqual([
      {
        row: 4,
        email: 'A@EXAMPLE.COM',
        message: 'Duplicate of row 2 (same email); the first one was imported.',
      },
      {
        row: 6,
        email: 'a@example.com',
        message: 'Duplicate of row 2 (same email); the first one was imported.',
      },
    ]);
    expect((await leadsOf(t, s)).find((l) => l.email === 'a@example.com')!.first_name).toBe('First');
  });

  it('maps columns to custom fields, tags and lists, creating missing tags, lists and options', async () => {
    await t.request({
      method: 'POST',
      url: '/api/v1/custom-fields',
      session: s,
      payload: { identifier: 'plan', type: 'drop_down', options: ['Gold', 'Silver'] },
    });
    await t.request({
      method: 'POST',
      url: '/api/v1/custom-fields',
      session: s,
      payload: { identifier: 'goals', type: 'checkbox', options: ['Sleep', 'Run'] },
    });
    await t.request({
      method: 'POST',
      url: '/api/v1/custom-fields',
      session: s,
      payload: { identifier: 'bio', type: 'text_area' },
    });
    const csv =
      'Email,Plan,Goals,Bio,Segments,Newsletters\na@example.com,gold,"Run; Swim",Hello there,"x, y",Weekly\n';
    const p = (await preview(t, s, csv)).json();
    expect(p.suggested_mapping).toMatchObject({
      Plan: 'custom:plan',
      Goals: 'custom:goals',
      Bio: 'custom:bio',
      Segments: 'tags',
      Newsletters: 'lists',
    });
    const result = await importAll(t, s, csv, { tags: ['from file'], lists: ['All'] });
    expect(result).toMatchObject({ created: 1, failed: 0 });
    const [lead] = await leadsOf(t, s);
    expect(lead!.custom_fields).toEqual({ plan: 'Gold', goals: ['Run', 'Swim'], bio: 'Hello there' });
    expect(lead!.tags.map((x: { name: string }) => x.name).sort()).toEqual(['from file', 'x', 'y']);
    expect(lead!.lists.map((x: { name: string }) => x.name).sort()).toEqual(['All', 'Weekly']);
    const fields = (await t.request({ method: 'GET', url: '/api/v1/custom-fields', session: s })).json()
      .custom_fields;
    expect(
      fields
        .find((f: { identifier: string }) => f.identifier === 'goals')
        .options.map((o: { value: string }) => o.value),
    ).toEqual(['Sleep', 'Run', 'Swim']);
  });

  it('validates options against the file, discarding the upload', async () => {
    const csv = 'Email,Name\na@example.com,A\n';
    const cases: [unknown, number, string][] = [
      [{ mapping: { Nope: 'email' } }, 422, 'unknown_column'],
      [{ mapping: { Name: 'custom:missing' } }, 422, 'unknown_custom_field'],
      [{ mapping: { Email: null } }, 422, 'email_column_required'],
      [{ mapping: { Name: 'shoe_size' } }, 400, 'invalid_input'],
      [{ gdpr: 'maybe' }, 400, 'invalid_input'],
      ['{not json', 400, 'invalid_json'],
    ];
    for (const [options, status, code] of cases) {
      const { payload, headers } = multipart(csv, options);
      const res = await t.request({ method: 'POST', url: '/api/v1/imports', session: s, payload, headers });
      expect(res.statusCode, JSON.stringify(options)).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    const notMultipart = await t.request({
      method: 'POST',
      url: '/api/v1/imports',
      session: s,
      payload: { a: 1 },
    });
    expect(notMultipart.statusCode).toBe(400);
    expect(await count('lead_imports')).toBe(0);
    expect(await count('lead_import_chunks')).toBe(0);
    expect(storedFiles()).toEqual([]);
  });

  it('takes options before or after the file, and can be cancelled', async () => {
    const { payload, headers } = multipart('Email\na@example.com\n', { tags: ['early'] }, 'x.csv', true);
    const res = await t.request({ method: 'POST', url: '/api/v1/imports', session: s, payload, headers });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({
      status: 'queued',
      file_name: 'x.csv',
      total_rows: 1,
      options: { tags: ['early'] },
    });
    const cancelled = await t.request({
      method: 'DELETE',
      url: `/api/v1/imports/${res.json().id}`,
      session: s,
    });
    expect(cancelled.json().status).toBe('cancelled');
    await t.runJobs();
    expect(await count('leads')).toBe(0);
    const again = await t.request({ method: 'DELETE', url: `/api/v1/imports/${res.json().id}`, session: s });
    expect(again.statusCode).toBe(409);
    const list = (await t.request({ method: 'GET', url: '/api/v1/imports', session: s })).json().imports;
    expect(list.map((i: { status: string }) => i.status)).toEqual(['cancelled']);
  });

  it('stops at the plan’s lead limit and says so per row', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-plans-'));
    const plansFile = path.join(dir, 'plans.json');
    fs.writeFileSync(plansFile, JSON.stringify({ starter: { leads: 2 } }));
    const t2 = await createTestApp({ PLANS_FILE: plansFile });
    try {
      const s2 = await t2.signup('tiny');
      const result = await importAll(t2, s2, 'Email\na@example.com\nb@example.com\nc@example.com\n');
      expect(result).toMatchObject({ created: 2, failed: 1 });
      expect(result.errors[0]).toMatchObject({ row: 4, message: expect.stringContaining('lead limit') });
    } finally {
      await t2.close();
    }
  });
});
