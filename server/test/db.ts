import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { Config } from '../src/config.js';
import { type DbHandle, openDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Dialect } from '../src/db/types.js';

/**
 * A fresh, migrated database for one test, on the dialect of the running test project
 * (ATRIUM_TEST_DIALECT: sqlite | postgres). `config` can be handed to a child process.
 */
export type TestDb = DbHandle & { config: Config['database']; close(): Promise<void> };

export const testDialect = (): Dialect =>
  process.env.ATRIUM_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

let sqliteTemplate: string | undefined;

export async function createTestDb(): Promise<TestDb> {
  return testDialect() === 'postgres' ? createPostgres() : createSqlite();
}

async function createSqlite(): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-test-'));
  if (!sqliteTemplate) {
    // Migrate once per test file, then copy: each test starts from the same schema.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-tpl-')), 'template.db');
    const tpl = openDatabase({ dialect: 'sqlite', file });
    await migrateToLatest(tpl.db, 'sqlite');
    await tpl.db.destroy();
    sqliteTemplate = file;
  }
  const file = path.join(dir, 'atrium.db');
  fs.copyFileSync(sqliteTemplate, file);
  const config: Config['database'] = { dialect: 'sqlite', file };
  const handle = openDatabase(config);
  return {
    ...handle,
    config,
    async close() {
      await handle.db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgres(): Promise<TestDb> {
  const { default: pg } = await import('pg');
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // CREATE DATABASE … TEMPLATE needs the template to have no other connections; retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE atrium_template`);
      break;
    } catch (err) {
      if (attempt > 50) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const config: Config['database'] = { dialect: 'postgres', url: url.toString() };
  const handle = openDatabase(config, { poolSize: 5 });
  return {
    ...handle,
    config,
    async close() {
      await handle.db.destroy();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
