import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/db.js';
import { migrateToLatest } from './migrate.js';

describe('migrations', () => {
  let t: TestDb;
  afterEach(() => t?.close());

  it('are safe to re-run and leave every table usable', async () => {
    t = await createTestDb();
    expect(await migrateToLatest(t.db, t.dialect)).toEqual([]);
    const now = new Date().toISOString();
    const acc = await t.db
      .insertInto('accounts')
      .values({
        username: 'shop',
        email: 'a@b.co',
        email_normalized: 'a@b.co',
        name: 'A',
        password_hash: 'x',
        support_code: '123456',
        created_at: now,
        updated_at: now,
      })
      .returning(['id', 'active', 'plan'])
      .executeTakeFirstOrThrow();
    expect(typeof acc.id).toBe('number');
    expect(acc).toMatchObject({ active: 1, plan: 'starter' });
  });
});
