import SQLite from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Config } from '../../../config.js';
import type { Db, Dialect } from '../../../db/types.js';

/**
 * Where the import's batches are written. Kysely's query builder and its per-query `prepare`
 * cost more than the inserts themselves at thousands of rows a batch, so the import writes its
 * own SQL (parameters only, never interpolated values):
 * - SQLite: a connection of its own to the same file, with prepared statements cached by text
 *   and multi-row statements of a few fixed sizes, so every statement is prepared once;
 * - PostgreSQL (or an in-memory SQLite): Kysely's executor, as few round trips as the
 *   parameter limit allows.
 * Each batch is one transaction (BEGIN IMMEDIATE on SQLite, like the app's own connection).
 */

export interface Exec {
  readonly dialect: Dialect;
  /** Rows of a statement with RETURNING (or a select); [] otherwise. */
  all<R>(sql: string, params: unknown[], named?: Record<string, unknown>): Promise<R[]>;
  /** A statement without RETURNING: rows changed and, on SQLite, the last rowid it inserted. */
  run(
    sql: string,
    params: unknown[],
    named?: Record<string, unknown>,
  ): Promise<{ changes: number; lastId: number }>;
  /** Row-count buckets for multi-row statements (largest first, ending in 1 where sizes are fixed). */
  buckets(columns: number): number[];
  /** Statement texts by shape, so a fixed-size statement is built (and hashed) once. */
  readonly texts: Map<string, string>;
  /** Whether `all`/`run` take named parameters (`@name`, bound once per statement). */
  readonly named: boolean;
  /** PostgreSQL's COPY FROM STDIN of rows (flat values, `columns` wide), where the connection can. */
  copy?(table: string, columns: string[], values: unknown[], fixed: Fixed): Promise<void>;
}

export interface BatchStore {
  readonly dialect: Dialect;
  transaction<T>(fn: (x: Exec) => Promise<T>): Promise<T>;
  close(): Promise<void> | void;
}

/** Stay under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement. */
const MAX_PARAMS = 30_000;

class SqliteStore implements BatchStore, Exec {
  readonly dialect = 'sqlite' as const;
  private readonly db: SQLite.Database;
  private readonly cache = new Map<string, SQLite.Statement>();
  readonly texts = new Map<string, string>();
  readonly named = true;

  constructor(file: string) {
    this.db = new SQLite(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 10000');
    // Checkpoint every ~40 MB of WAL instead of 4 MB: fewer fsyncs during a long import.
    this.db.pragma('wal_autocheckpoint = 10000');
  }

  private stmt(sql: string): SQLite.Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }

  async all<R>(sql: string, params: unknown[], named?: Record<string, unknown>): Promise<R[]> {
    const stmt = this.stmt(sql);
    const args = named ? [params, named] : [params];
    if (stmt.reader) return stmt.all(...args) as R[];
    stmt.run(...args);
    return [];
  }

  async run(
    sql: string,
    params: unknown[],
    named?: Record<string, unknown>,
  ): Promise<{ changes: number; lastId: number }> {
    const r = named ? this.stmt(sql).run(params, named) : this.stmt(sql).run(params);
    return { changes: r.changes, lastId: Number(r.lastInsertRowid) };
  }

  buckets(columns: number): number[] {
    const max = Math.floor(MAX_PARAMS / columns);
    return [256, 32, 4, 1].filter((b) => b <= max);
  }

  async transaction<T>(fn: (x: Exec) => Promise<T>): Promise<T> {
    this.db.exec('begin immediate');
    try {
      const out = await fn(this);
      this.db.exec('commit');
      return out;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('rollback');
      throw err;
    }
  }

  close(): void {
    this.db.close();
  }
}

class KyselyStore implements BatchStore {
  constructor(
    private readonly db: Db,
    readonly dialect: Dialect,
  ) {}

  transaction<T>(fn: (x: Exec) => Promise<T>): Promise<T> {
    const dialect = this.dialect;
    return this.db.transaction().execute(async (trx) => {
      // A batch and its progress commit together, so a batch lost to a server crash is simply
      // done again on resume: the import need not wait for each commit's WAL flush.
      if (dialect === 'postgres')
        await trx.executeQuery(CompiledQuery.raw('set local synchronous_commit to off', []));
      return fn({
        dialect,
        async all<R>(sql: string, params: unknown[]) {
          const res = await trx.executeQuery<R>(CompiledQuery.raw(sql, params));
          return res.rows;
        },
        async run(sql: string, params: unknown[]) {
          const res = await trx.executeQuery(CompiledQuery.raw(sql, params));
          return { changes: Number(res.numAffectedRows ?? 0), lastId: Number(res.insertId ?? 0) };
        },
        buckets: (columns) => [Math.max(1, Math.floor(MAX_PARAMS / columns))],
        texts: new Map(),
        named: false,
      });
    });
  }

  close(): void {}
}

/** A value in COPY's text format. */
function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : s;
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * PostgreSQL: a connection of the import's own (pg, not Kysely: COPY needs the client), with
 * asynchronous commit for its session — a batch and its progress commit together, so a batch
 * lost to a server crash is simply done again on resume. New rows go in with COPY FROM STDIN
 * (PostgreSQL's bulk path: rows written in groups, no statement per row).
 */
class PgStore implements BatchStore, Exec {
  readonly dialect = 'postgres' as const;
  readonly texts = new Map<string, string>();
  readonly named = false;
  private readonly client: pg.Client;
  private ready: Promise<unknown> | undefined;
  /** BEGIN not sent yet: it goes with the transaction's first statement (a round trip less). */
  private beginPending = false;

  constructor(url: string) {
    this.client = new pg.Client({
      connectionString: url,
      // int8 (ids, counts) as JS numbers, as the app's pool reads them.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === 20
            ? (v: string) => Number(v)
            : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    // A lost connection fails the query in flight (and so the batch, which the job retries).
    this.client.on('error', () => {});
  }

  private connect(): Promise<unknown> {
    this.ready ??= this.client.connect().then(() => this.client.query('set synchronous_commit to off'));
    return this.ready;
  }

  /** A statement, with the pending BEGIN in the same message where it has no parameters. */
  private async query(sql: string, params: unknown[]): Promise<pg.QueryResult> {
    if (!this.beginPending) return this.client.query(sql, params);
    this.beginPending = false;
    if (params.length) {
      await this.client.query('begin');
      return this.client.query(sql, params);
    }
    // The simple protocol runs several statements a message and answers with each one's result.
    const results = (await this.client.query(`begin; ${sql}`)) as unknown as pg.QueryResult[];
    return results[results.length - 1]!;
  }

  async all<R>(sql: string, params: unknown[]): Promise<R[]> {
    return (await this.query(sql, params)).rows as R[];
  }

  async run(sql: string, params: unknown[]): Promise<{ changes: number; lastId: number }> {
    const r = await this.query(sql, params);
    return { changes: r.rowCount ?? 0, lastId: 0 };
  }

  buckets(columns: number): number[] {
    return [Math.max(1, Math.floor(MAX_PARAMS / columns))];
  }

  async copy(table: string, columns: string[], values: unknown[], fixed: Fixed): Promise<void> {
    if (this.beginPending) {
      this.beginPending = false;
      await this.client.query('begin');
    }
    const width = columns.length;
    const tail = Object.values(fixed)
      .map((v) => `\t${copyText(v)}`)
      .join('');
    // Encoded 64 KB at a time (no large string for the heap to keep), sent as one message: the
    // socket drains it without waiting for this process's turns (which the reading of the next
    // batch takes meanwhile), where 64 KB messages each waited for one.
    const parts: Buffer[] = [];
    let text = '';
    for (let i = 0; i < values.length; i += width) {
      let line = copyText(values[i]);
      for (let c = 1; c < width; c++) line += `\t${copyText(values[i + c])}`;
      text += `${line}${tail}\n`;
      if (text.length > 1 << 16) {
        parts.push(Buffer.from(text));
        text = '';
      }
    }
    if (text) parts.push(Buffer.from(text));
    const cols = [...columns, ...Object.keys(fixed)].join(', ');
    const stream = this.client.query(copyFrom(`copy ${table} (${cols}) from stdin`));
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.once('finish', resolve);
      stream.end(parts.length === 1 ? parts[0] : Buffer.concat(parts));
    });
  }

  async transaction<T>(fn: (x: Exec) => Promise<T>): Promise<T> {
    await this.connect();
    this.beginPending = true;
    try {
      const out = await fn(this);
      if (!this.beginPending) await this.client.query('commit');
      return out;
    } catch (err) {
      if (!this.beginPending) await this.client.query('rollback').catch(() => {});
      throw err;
    } finally {
      this.beginPending = false;
    }
  }

  async close(): Promise<void> {
    if (this.ready) await this.client.end().catch(() => {});
  }
}

export function openBatchStore(db: Db, dialect: Dialect, database: Config['database']): BatchStore {
  if (database.dialect === 'sqlite' && dialect === 'sqlite' && database.file !== ':memory:')
    return new SqliteStore(database.file);
  if (database.dialect === 'postgres' && dialect === 'postgres') return new PgStore(database.url);
  return new KyselyStore(db, dialect);
}

/** `$n` or `?` placeholders. */
export class Params {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: Dialect) {}
  p(v: unknown): string {
    this.values.push(v);
    return this.dialect === 'postgres' ? `$${this.values.length}` : '?';
  }
}

/** Splits `n` rows into statement sizes from `buckets` (largest first). */
function* sizes(n: number, buckets: number[]): Generator<number> {
  let left = n;
  for (const b of buckets) {
    while (left >= b) {
      yield b;
      left -= b;
    }
  }
  if (left > 0) yield left; // only when the buckets do not end in 1 (PostgreSQL: one size fits)
}

/** `INSERT INTO table (cols) VALUES (…), (…) suffix` in as few (and as few distinct) statements as allowed. */
export async function insertRows<R = Record<string, unknown>>(
  x: Exec,
  table: string,
  columns: string[],
  rows: unknown[][],
  suffix = '',
): Promise<R[]> {
  const flat: unknown[] = [];
  for (const row of rows) for (const v of row) flat.push(v);
  return insertFlat<R>(x, table, columns, flat, suffix);
}

/** Column types for PostgreSQL's unnest(): everything else is text. */
const PG_TYPES: Record<string, string> = {
  account_id: 'bigint',
  lead_id: 'bigint',
  tag_id: 'bigint',
  list_id: 'bigint',
  import_id: 'bigint',
  field_id: 'bigint',
  last_import_id: 'bigint',
  score: 'integer',
  blocked: 'integer',
  last_import_row: 'integer',
  row: 'integer',
  position: 'integer',
};

/** Values every row of a statement shares, by column: bound once (SQLite `@name`, PostgreSQL `$n`). */
export type Fixed = Record<string, unknown>;

/**
 * PostgreSQL: `INSERT … SELECT * FROM unnest($1::type[], …)` — one array per column, so a
 * statement of any size has as many parameters as columns and parses in no time.
 */
async function insertUnnest<R>(
  x: Exec,
  table: string,
  columns: string[],
  values: unknown[],
  suffix: string,
  fixed: Fixed = {},
): Promise<R[]> {
  const width = columns.length;
  const n = values.length / width;
  const arrays: unknown[][] = columns.map(() => new Array(n));
  for (let i = 0, k = 0; i < n; i++) for (let c = 0; c < width; c++) arrays[c]![i] = values[k++];
  const casts = columns.map((c, i) => `$${i + 1}::${PG_TYPES[c] ?? 'text'}[]`).join(', ');
  const fixedCols = Object.keys(fixed);
  const params: unknown[] = [...arrays, ...Object.values(fixed)];
  const scalars = fixedCols.map((c, i) => `, $${width + i + 1}::${PG_TYPES[c] ?? 'text'}`).join('');
  return x.all<R>(
    `insert into ${table} (${[...columns, ...fixedCols].join(', ')}) select u.*${scalars} from unnest(${casts}) as u ${suffix}`,
    params,
  );
}

/** Where the connection cannot bind named parameters: the fixed values repeated on every row. */
function expandFixed(columns: string[], values: unknown[], fixed: Fixed): [string[], unknown[]] {
  const extra = Object.values(fixed);
  if (!extra.length) return [columns, values];
  const width = columns.length;
  const out: unknown[] = [];
  for (let i = 0; i < values.length; i += width) {
    for (let c = 0; c < width; c++) out.push(values[i + c]);
    for (const v of extra) out.push(v);
  }
  return [[...columns, ...Object.keys(fixed)], out];
}

/** SQLite: multi-row statements of bucketed sizes, each prepared once; `each` runs one. */
async function eachSqliteChunk(
  x: Exec,
  table: string,
  columns: string[],
  values: unknown[],
  suffix: string,
  fixed: Fixed,
  each: (text: string, params: unknown[], named: Fixed | undefined, size: number) => Promise<void>,
): Promise<void> {
  let cols = columns;
  let vals = values;
  let named: Fixed | undefined;
  if (Object.keys(fixed).length) {
    if (x.named) named = Object.fromEntries(Object.entries(fixed).map(([c, v]) => [`f_${c}`, v]));
    else [cols, vals] = expandFixed(columns, values, fixed);
  }
  const width = cols.length;
  const fixedCols = named ? Object.keys(fixed) : [];
  const tail = fixedCols.map((c) => `, @f_${c}`).join('');
  let at = 0;
  for (const size of sizes(vals.length / width, x.buckets(width))) {
    const key = `${table}|${cols.join(',')}|${fixedCols.join(',')}|${size}|${suffix}`;
    let text = x.texts.get(key);
    if (!text) {
      const p = new Params(x.dialect);
      const tuples: string[] = [];
      for (let i = 0; i < size; i++) tuples.push(`(${cols.map(() => p.p(null)).join(', ')}${tail})`);
      text = `insert into ${table} (${[...cols, ...fixedCols].join(', ')}) values ${tuples.join(', ')} ${suffix}`;
      x.texts.set(key, text);
    }
    await each(text, vals.slice(at, at + size * width), named, size);
    at += size * width;
  }
}

/** insertRows over one flat array of values, row after row (no array per row to allocate). */
export async function insertFlat<R = Record<string, unknown>>(
  x: Exec,
  table: string,
  columns: string[],
  values: unknown[],
  suffix = '',
  fixed: Fixed = {},
): Promise<R[]> {
  if (x.dialect === 'postgres') {
    if (!values.length) return [];
    if (x.copy && !suffix) {
      await x.copy(table, columns, values, fixed);
      return [];
    }
    return insertUnnest<R>(x, table, columns, values, suffix, fixed);
  }
  const out: R[] = [];
  await eachSqliteChunk(x, table, columns, values, suffix, fixed, async (text, params, named) => {
    for (const r of await x.all<R>(text, params, named)) out.push(r);
  });
  return out;
}

/**
 * Inserts rows into a table whose `id` the database assigns, and returns their ids in row order.
 * SQLite: plain multi-row inserts (no RETURNING, ~25 % cheaper): the batch holds the write lock
 * (BEGIN IMMEDIATE) and one INSERT … VALUES gives its rows consecutive rowids ending at the last
 * one, so each statement's ids are `lastId - n + 1 … lastId`. PostgreSQL: `RETURNING id, key`,
 * matched back by `key` (unique among `values`; drawing ids from the sequence first cost more).
 */
export async function insertIds(
  x: Exec,
  table: string,
  columns: string[],
  values: unknown[],
  key: string,
  fixed: Fixed = {},
): Promise<number[]> {
  const ids: number[] = [];
  if (!values.length) return ids;
  if (x.dialect === 'postgres' && x.copy) {
    // COPY returns nothing: the ids are drawn from the table's sequence first.
    const n = values.length / columns.length;
    // No parameter: the statement can travel with the transaction's BEGIN (PgStore).
    const drawn = await x.all<{ id: number }>(
      // The sequence looked up once (`offset 0` keeps the subquery from being flattened), not
      // once a row: pg_get_serial_sequence reads the catalog, ~5 µs a call (12 ms a batch).
      `select nextval(q.s) as id from (select pg_get_serial_sequence('${table}', 'id')::regclass as s offset 0) q, generate_series(1, ${Math.trunc(n)})`,
      [],
    );
    const withId: unknown[] = new Array(values.length + n);
    for (let i = 0, k = 0, w = 0; i < n; i++) {
      const id = Number(drawn[i]!.id);
      ids.push(id);
      withId[w++] = id;
      for (let c = 0; c < columns.length; c++) withId[w++] = values[k++];
    }
    await x.copy(table, ['id', ...columns], withId, fixed);
    return ids;
  }
  if (x.dialect === 'postgres') {
    // RETURNING's order is not promised: rows are matched back by their unique `key` column.
    const at = columns.indexOf(key);
    if (at < 0) throw new Error(`insertIds: ${key} is not among the columns`);
    const rows = await insertUnnest<Record<string, unknown>>(
      x,
      table,
      columns,
      values,
      `returning id, ${key}`,
      fixed,
    );
    const idOf = new Map(rows.map((r) => [r[key], Number(r.id)]));
    for (let i = at; i < values.length; i += columns.length) {
      const id = idOf.get(values[i]);
      if (id === undefined) throw new Error(`insert into ${table}: a row came back without its id`);
      ids.push(id);
    }
    return ids;
  }
  await eachSqliteChunk(x, table, columns, values, '', fixed, async (text, params, named, size) => {
    const { changes, lastId } = await x.run(text, params, named);
    if (changes !== size || !lastId) throw new Error(`insert into ${table}: ${changes} of ${size} rows`);
    for (let id = lastId - size + 1; id <= lastId; id++) ids.push(id);
  });
  return ids;
}

/**
 * A statement with an IN list over `values` (text), run in chunks of bucketed sizes. `build`
 * gets the placeholders and a `list()` that binds the chunk where it is called (binding order
 * matters). On PostgreSQL the list is one array parameter.
 */
export async function selectIn<R>(
  x: Exec,
  build: (p: Params, list: () => string) => string,
  values: unknown[],
): Promise<R[]> {
  if (x.dialect === 'postgres') {
    // One text array however many values: `in (select unnest($n::text[]))`.
    if (!values.length) return [];
    const p = new Params(x.dialect);
    return x.all<R>(
      build(p, () => `select unnest(${p.p(values)}::text[])`),
      p.values,
    );
  }
  const out: R[] = [];
  let at = 0;
  for (const size of sizes(
    values.length,
    x.buckets(1).map((b) => Math.min(b * 4, 4096)),
  )) {
    const p = new Params(x.dialect);
    const chunk = values.slice(at, at + size);
    const text = build(p, () => chunk.map((v) => p.p(v)).join(', '));
    at += size;
    for (const r of await x.all<R>(text, p.values)) out.push(r);
  }
  return out;
}
