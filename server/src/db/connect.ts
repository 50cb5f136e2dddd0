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
import { watchWal } from './checkpointer.js';
import type { Database, Db, Dialect } from './types.js';
import type { WriterLock } from './writer-lock.js';

/**
 * SQLite's default deferred BEGIN lets two processes (server + `atrium worker`) both start a
 * read and then fail to upgrade to a write with SQLITE_BUSY, bypassing busy_timeout.
 * BEGIN IMMEDIATE takes the write lock up front, so the busy timeout serialises writers.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  constructor(
    config: ConstructorParameters<typeof SqliteDriver>[0],
    private readonly writerLock: WriterLock | undefined,
  ) {
    super(config);
  }

  // With a worker thread on the same file, the connection is used only while holding the
  // process's writer lock (writer-lock.ts), so the two threads never meet in SQLite's busy handler.
  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    await this.writerLock?.acquire();
    return connection;
  }

  override async releaseConnection(): Promise<void> {
    this.writerLock?.release();
    await super.releaseConnection();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** WAL pages (4 KB) past which a commit checkpoints by itself: 40 MB, vs SQLite's default 1,000. */
const WAL_BACKSTOP_PAGES = 10_000;

/** How many prepared statements a SQLite connection keeps (least recently used go first). */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely's SQLite driver calls `prepare(sql)` for every statement it runs; compiling the SQL
 * again each time was a quarter of the CPU of the busiest paths (automations). This keeps the
 * prepared statements by SQL text and hands the same one back: better-sqlite3 runs `all`/`run`
 * to completion synchronously, so a statement is never in use twice at once (nothing here
 * streams), and SQLite re-prepares a cached statement by itself after a schema change.
 */
function withStatementCache(database: SQLite.Database, onClose: () => void, max = STATEMENT_CACHE_SIZE) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      onClose();
      // Closing used to checkpoint the WAL into the file (the last connection does); with the
      // checkpointer's connection still open it would not, and a copied file would miss data.
      try {
        database.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // Busy: the WAL stays beside the file, as after a crash; SQLite replays it on open.
      }
      database.close();
    },
    prepare(sql: string): SQLite.Statement {
      let stmt = cache.get(sql);
      if (stmt) {
        // Most recently used last: eviction takes the first key.
        cache.delete(sql);
        cache.set(sql, stmt);
        return stmt;
      }
      stmt = database.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > max) cache.delete(cache.keys().next().value as string);
      return stmt;
    },
  };
}

function sqliteDialect(file: string, opts: SqliteOptions): KyselyDialect {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  // Checkpoints run on a background thread (checkpointer.ts); this connection checkpoints
  // itself only if the WAL ever reaches WAL_BACKSTOP_PAGES (the thread fell behind).
  const unwatch = file === ':memory:' || opts.checkpoints === false ? () => {} : watchWal(path.resolve(file));
  if (file !== ':memory:') sqlite.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
  const config = { database: withStatementCache(sqlite, unwatch) };
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new ImmediateSqliteDriver(config, opts.writerLock),
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

type SqliteOptions = {
  /** Shared with the other threads of this process that open the same file. */
  writerLock?: WriterLock;
  /** False: another connection of this process already has its WAL checkpointed (checkpointer.ts). */
  checkpoints?: boolean;
};

export function openDatabase(
  database: Config['database'],
  opts: { poolSize?: number } & SqliteOptions = {},
): DbHandle {
  if (database.dialect === 'sqlite') {
    return {
      db: new Kysely<Database>({ dialect: sqliteDialect(database.file, opts) }),
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
