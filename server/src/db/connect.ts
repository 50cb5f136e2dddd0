import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  type Dialect as KyselyDialect,
  PostgresDialect,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Database, Db, Dialect } from './types.js';

/**
 * SQLite's default deferred BEGIN lets two processes (server + `atrium worker`) both start a
 * read and then fail to upgrade to a write with SQLITE_BUSY, bypassing busy_timeout.
 * BEGIN IMMEDIATE takes the write lock up front, so the busy timeout serialises writers.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

function sqliteDialect(file: string): KyselyDialect {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 10000');
  const config = { database };
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new ImmediateSqliteDriver(config),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}

// int8 (bigserial ids, counts) as JS numbers: ids stay far below 2^53.
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === 20) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

export type DbHandle = { db: Db; dialect: Dialect; describe: string };

export function openDatabase(database: Config['database'], opts: { poolSize?: number } = {}): DbHandle {
  if (database.dialect === 'sqlite') {
    return {
      db: new Kysely<Database>({ dialect: sqliteDialect(database.file) }),
      dialect: 'sqlite',
      describe: `sqlite:${database.file}`,
    };
  }
  const pool = new pg.Pool({
    connectionString: database.url,
    max: opts.poolSize ?? 10,
    types: pgTypes,
  });
  // An idle client that loses its connection (server restart, DROP DATABASE … FORCE) emits
  // 'error' on the pool; unhandled, that would crash the process. The next query reconnects.
  pool.on('error', () => {});
  const safeUrl = new URL(database.url);
  safeUrl.password = '';
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    dialect: 'postgres',
    describe: `postgres://${safeUrl.host}${safeUrl.pathname}`,
  };
}
