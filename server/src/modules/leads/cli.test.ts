import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/db.js';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../../bin/atrium.mjs');

describe('atrium import', () => {
  let t: TestDb;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-cli-import-'));
    const url = t.config.dialect === 'sqlite' ? `sqlite:${t.config.file}` : t.config.url;
    env = { ...process.env, DATABASE_URL: url, DATA_DIR: dir, LOG_LEVEL: 'silent', DEMO: '0' };
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const atrium = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env });
      return { code: 0, out: stdout + stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout + e.stderr };
    }
  };

  it('imports a file with tags, lists, GDPR and a mapping override, writing the failed rows aside', async () => {
    expect(
      (
        await atrium(
          'create-account',
          '--username',
          'coach',
          '--email',
          'coach@example.com',
          '--password',
          'long-enough-pw',
        )
      ).code,
    ).toBe(0);
    const file = path.join(dir, 'people.csv');
    fs.writeFileSync(
      file,
      'Email,Name,Nickname\nada@example.com,Ada Lovelace,Countess\nnope,Bad,X\nbob@example.com,Bob,Bobby\n',
    );
    const res = await atrium(
      'import',
      file,
      '--account',
      'coach',
      '--tag',
      'Migrated',
      '--tag',
      'VIP',
      '--list',
      'Newsletter',
      '--gdpr',
      'consented',
      '--map',
      'Nickname=first_name',
      '--map',
      'Name=',
    );
    expect(res.out).toContain('Importing 3 rows of people.csv into "coach"');
    expect(res.out).toContain('100%');
    expect(res.out).toContain(
      'Done: 2 created, 0 updated, 0 skipped (already there), 0 duplicates, 1 failed',
    );
    expect(res.out).toContain('row 3: "nope" is not a valid email address.');
    expect(res.code).toBe(0);
    const errorsFile = path.join(dir, 'people-errors.csv');
    expect(fs.readFileSync(errorsFile, 'utf8')).toContain('nope,Bad,X');
    const leads = await t.db
      .selectFrom('leads')
      .select(['email', 'first_name', 'gdpr_status'])
      .orderBy('email')
      .execute();
    expect(leads).toEqual([
      { email: 'ada@example.com', first_name: 'Countess', gdpr_status: 'consented' },
      { email: 'bob@example.com', first_name: 'Bobby', gdpr_status: 'consented' },
    ]);
    const tags = await t.db.selectFrom('tags').select('name').orderBy('name').execute();
    expect(tags.map((x) => x.name)).toEqual(['Migrated', 'VIP']);
    expect(await t.db.selectFrom('lead_lists').selectAll().execute()).toHaveLength(2);
  }, 60_000);

  it('explains bad arguments', async () => {
    expect(await atrium('import')).toMatchObject({
      code: 1,
      out: expect.stringContaining('Usage: atrium import FILE --account U'),
    });
    expect(await atrium('import', path.join(dir, 'missing.csv'), '--account', 'coach')).toMatchObject({
      code: 1,
      out: expect.stringContaining('There is no file'),
    });
    const file = path.join(dir, 'one.csv');
    fs.writeFileSync(file, 'Email\na@example.com\n');
    expect(await atrium('import', file, '--account', 'nobody')).toMatchObject({
      code: 1,
      out: expect.stringContaining('"nobody" was not found'),
    });
    expect(await atrium('import', file, '--account', 'coach', '--gdpr', 'maybe')).toMatchObject({
      code: 1,
      out: expect.stringContaining('--gdpr must be one of'),
    });
  }, 60_000);
});
