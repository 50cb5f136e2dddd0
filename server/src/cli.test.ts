import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test/db.js';
import { findAccountByUsername } from './modules/accounts/service.js';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../bin/atrium.mjs');

describe('the atrium command line', () => {
  let t: TestDb;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    t = await createTestDb();
    const url = t.config.dialect === 'sqlite' ? `sqlite:${t.config.file}` : t.config.url;
    env = {
      ...process.env,
      DATABASE_URL: url,
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-cli-')),
      LOG_LEVEL: 'silent',
    };
  });
  afterAll(() => t.close());

  const atrium = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env });
      return { code: 0, out: stdout + stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout + e.stderr };
    }
  };

  it('migrates, creates an account and runs the operator actions', async () => {
    expect(await atrium('migrate')).toMatchObject({ code: 0, out: expect.stringContaining('up to date') });

    const created = await atrium(
      'create-account',
      '--username',
      'coach',
      '--email',
      'coach@example.com',
      '--password',
      'long-enough-pw',
      '--plan',
      'growth',
    );
    expect(created).toMatchObject({ code: 0, out: expect.stringContaining('Created account "coach"') });
    expect(await findAccountByUsername(t.db, 'coach')).toMatchObject({ plan: 'growth', active: 1 });

    expect((await atrium('admin', 'set-active', 'coach', 'false')).code).toBe(0);
    expect(await findAccountByUsername(t.db, 'coach')).toMatchObject({ active: 0 });
    expect((await atrium('admin', 'set-plan', 'coach', 'enterprise')).code).toBe(0);
    expect(await findAccountByUsername(t.db, 'coach')).toMatchObject({ plan: 'enterprise' });

    await t.db
      .updateTable('accounts')
      .set({ security_question: 'Pet?', security_answer_hash: 'h' })
      .where('username', '=', 'coach')
      .execute();
    expect((await atrium('admin', 'reset-security-question', 'coach')).code).toBe(0);
    expect(await findAccountByUsername(t.db, 'coach')).toMatchObject({
      security_question: null,
      security_answer_hash: null,
    });

    await t.db
      .insertInto('ip_blocks')
      .values({
        ip: '10.1.2.3',
        blocked_until: '2999-01-01T00:00:00.000Z',
        created_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    expect(await atrium('admin', 'unblock-ip', '10.1.2.3')).toMatchObject({
      code: 0,
      out: expect.stringContaining('Unblocked 10.1.2.3'),
    });
    expect(await t.db.selectFrom('ip_blocks').selectAll().execute()).toEqual([]);
  }, 60_000);

  it('explains bad arguments and bad configuration, changing nothing', async () => {
    const badPlan = await atrium('admin', 'set-plan', 'nobody', 'gold');
    expect(badPlan.code).toBe(1);
    expect(badPlan.out).toContain('"gold" is not a plan');
    const unknown = await atrium('admin', 'set-active', 'nobody', 'true');
    expect(unknown).toMatchObject({
      code: 1,
      out: expect.stringContaining('The account "nobody" was not found'),
    });
    const badArgs = await atrium(
      'create-account',
      '--username',
      'x',
      '--email',
      'nope',
      '--password',
      'short',
    );
    expect(badArgs.code).toBe(2);
    expect(badArgs.out).toContain('--username');
    expect(badArgs.out).toContain('--email');
    const badCommand = await atrium('frobnicate');
    expect(badCommand).toMatchObject({
      code: 2,
      out: expect.stringContaining('Unknown command "frobnicate"'),
    });
    const badEnv = await run(process.execPath, [BIN, 'migrate'], { env: { ...env, PORT: 'eighty' } }).catch(
      (e) => e,
    );
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toContain('PORT="eighty": must be a whole number');
  }, 60_000);
});
