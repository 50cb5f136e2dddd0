import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.js';
import { importAll, leadsOf, preview, startImport } from './testkit.js';

describe('CSV import', () => {
  let t: TestApp;
  let s: Session;
  beforeEach(async () => {
    t = await createTestApp();
    s = await t.signup('shop');
  });
  afterEach(() => t.close());

  it('previews and imports a simple file', async () => {
    const csv =
      'Email,First Name,Last Name,Tags\nada@example.com,Ada,Lovelace,vip;math\nbob@example.com,Bob,,\n';
    const p = await preview(t, s, csv);
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({
      columns: ['Email', 'First Name', 'Last Name', 'Tags'],
      data_columns: 4,
      total_rows: 2,
      suggested_mapping: {
        Email: 'email',
        'First Name': 'first_name',
        'Last Name': 'last_name',
        Tags: 'tags',
      },
    });
    const result = await importAll(t, s, csv, { tags: ['imported'] });
    expect(result).toMatchObject({
      status: 'completed',
      total_rows: 2,
      processed_rows: 2,
      created: 2,
      updated: 0,
      skipped: 0,
      failed: 0,
      errors: [],
    });
    const leads = await leadsOf(t, s);
    expect(leads.map((l) => l.email).sort()).toEqual(['ada@example.com', 'bob@example.com']);
    const ada = leads.find((l) => l.email === 'ada@example.com')!;
    expect(ada.tags.map((x: { name: string }) => x.name).sort()).toEqual(['imported', 'math', 'vip']);
    expect(ada.source).toBe('import');
  });

  it('refuses a request without a file', async () => {
    const res = await startImport(t, s, '');
    expect(res.statusCode).toBe(422);
  });
});
