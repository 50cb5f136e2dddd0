import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type Config, loadConfig } from '../server/src/config.js';
import { openDatabase } from '../server/src/db/connect.js';
import { migrateToLatest } from '../server/src/db/migrate.js';
import type { Db, Dialect } from '../server/src/db/types.js';
import type { AppDeps } from '../server/src/deps.js';
import { iso, systemClock } from '../server/src/lib/clock.js';
import { processImport } from '../server/src/modules/leads/import/run.js';
import { createImportFromFile, importDepsOf } from '../server/src/modules/leads/import/service.js';
import { loadPlanCatalog } from '../server/src/modules/plans/catalog.js';
import { startPostgres } from '../server/test/pg-global-setup.js';

/**
 * Lead import throughput (issue 3). Generates a ROWS × 20-column file (3 tags and 2 lists a row)
 * and a 20,000 × 60-column file, imports each end to end (upload scan + store in the database +
 * the background job's batches) on SQLite and on PostgreSQL, and prints rows/s and peak RSS.
 * Reference in the same run: the same leads with their tag and list links pushed through a raw
 * prepared-insert loop (no parsing, no validation, no timeline, no events) in transactions of
 * the same size. Goals: SQLite ≥ 100,000 rows/s and ≥ 50 % of the reference; PostgreSQL ≥ 50,000
 * rows/s; 20k × 60 under 1 s; peak RSS < 300 MB.
 * Env: ROWS (default 1,000,000), DIALECTS (sqlite,postgres), BENCH_PG_URL (use a running server),
 * BENCH_PG_FAST=1 (throwaway PostgreSQL without fsync, as the tests run it), BENCH_BATCH (rows a
 * transaction), PG_REF_ROWS (leads the PostgreSQL reference inserts one round trip at a time).
 */

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const WIDE_ROWS = 20_000;
const DIALECTS = (process.env.DIALECTS ?? 'sqlite,postgres').split(',') as Dialect[];
const PG_REF_ROWS = Number(process.env.PG_REF_ROWS ?? 20_000);
const BATCH = 2000; // as the import's BATCH_ROWS

const dir = process.env.BENCH_IMPORT_CHILD
  ? os.tmpdir()
  : fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bench-import-'));
const quiet = { info() {}, warn() {}, error() {}, debug() {} };

// --- The files -----------------------------------------------------------------------------

const TAGS = Array.from({ length: 40 }, (_, i) => `tag ${i}`);
const LISTS = Array.from({ length: 8 }, (_, i) => `list ${i}`);
const HEADER20 = [
  'Email',
  'First Name',
  'Last Name',
  'Phone',
  'Company',
  'Address',
  'City',
  'Zip',
  'State',
  'Country',
  'Website',
  'Facebook',
  'Twitter',
  'LinkedIn',
  'IP Address',
  'Time Zone',
  'Sales Tax ID',
  'Notes',
  'Tags',
  'Lists',
];

/** Row i of the 20-column file: 18 fields, then its 3 tags and 2 lists. */
function row20(i: number): { cells: string[]; tags: string[]; lists: string[] } {
  const tags = [TAGS[i % 40]!, TAGS[(i * 7 + 3) % 40]!, TAGS[(i * 13 + 5) % 40]!].filter(
    (t, k, a) => a.indexOf(t) === k,
  );
  const lists = [LISTS[i % 8]!, LISTS[(i * 3 + 1) % 8]!].filter((t, k, a) => a.indexOf(t) === k);
  return {
    cells: [
      `lead${i}@example${i % 500}.com`,
      `First${i % 1000}`,
      `Last${i % 997}`,
      `+1 555 ${String(i).padStart(7, '0')}`,
      `Company ${i % 5000}`,
      `${i % 9999} Main Street`,
      `Springfield ${i % 300}`,
      String(10000 + (i % 89999)),
      'IL',
      'US',
      `https://site${i % 10000}.example.com`,
      `fb.com/lead${i}`,
      `@lead${i}`,
      `linkedin.com/in/lead${i}`,
      `10.${i % 256}.${(i >> 8) % 256}.${(i >> 16) % 256}`,
      'America/Chicago',
      `TX${i}`,
      i % 10 === 0 ? `Met at "Expo", booth ${i % 90}` : `Customer since ${2000 + (i % 25)}`,
    ],
    tags,
    lists,
  };
}

const q = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

async function writeFile(file: string, rows: number, line: (i: number) => string, header: string[]) {
  const out = fs.createWriteStream(file);
  let buf = `${header.map(q).join(',')}\n`;
  for (let i = 0; i < rows; i++) {
    buf += `${line(i)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  await new Promise<void>((r) => out.end(buf, () => r()));
}

const bigFile = path.join(dir, `leads-${ROWS}x20.csv`);
const wideFile = path.join(dir, `leads-${WIDE_ROWS}x60.csv`);
const HEADER60 = [...HEADER20.slice(0, 18), ...Array.from({ length: 42 }, (_, i) => `Extra ${i + 1}`)];

// --- Measuring -------------------------------------------------------------------------------

async function peakRssDuring<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peakMb: number }> {
  global.gc?.();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const started = performance.now();
  try {
    const value = await fn();
    return {
      value,
      ms: performance.now() - started,
      peakMb: Math.max(peak, process.memoryUsage.rss()) / 1048576,
    };
  } finally {
    clearInterval(timer);
  }
}

async function setupAccount(db: Db): Promise<AppDeps & { accountId: number }> {
  const now = iso(new Date());
  const { id } = await db
    .insertInto('accounts')
    .values({
      username: 'bench',
      email: 'bench@example.com',
      email_normalized: 'bench@example.com',
      name: 'Bench',
      password_hash: 'x',
      plan: 'enterprise',
      support_code: 'B-1',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { accountId: id } as AppDeps & { accountId: number };
}

async function importFile(
  handle: { db: Db; dialect: Dialect; database: Config['database'] },
  file: string,
  options: unknown,
) {
  await migrateToLatest(handle.db, handle.dialect);
  const { accountId } = await setupAccount(handle.db);
  const config = loadConfig({ DATA_DIR: dir, DEMO: '0', LOG_LEVEL: 'silent' });
  config.database = handle.database;
  const deps: AppDeps = {
    config,
    db: handle.db,
    dialect: handle.dialect,
    clock: systemClock,
    log: quiet,
    plans: loadPlanCatalog(),
    wake() {},
    // The import uses neither DNS nor the custom-host directory.
    dns: undefined as unknown as AppDeps['dns'],
    hosts: undefined as unknown as AppDeps['hosts'],
  };
  const account = await handle.db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  let uploadMs = 0;
  const run = await peakRssDuring(async () => {
    const t0 = performance.now();
    const started = await createImportFromFile(deps, account, file, options);
    uploadMs = performance.now() - t0;
    await processImport(
      {
        ...importDepsOf(deps),
        ...(process.env.BENCH_BATCH ? { batchRows: Number(process.env.BENCH_BATCH) } : {}),
      },
      started.id,
    );
    return handle.db
      .selectFrom('lead_imports')
      .selectAll()
      .where('id', '=', started.id)
      .executeTakeFirstOrThrow();
  });
  if (run.value.status !== 'completed' || run.value.failed)
    throw new Error(`import did not complete cleanly: ${JSON.stringify(run.value)}`);
  const links = await handle.db
    .selectFrom('lead_tags')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { ...run, uploadMs, created: run.value.created, tagLinks: Number(links.n) };
}

/** A migrated SQLite database with the bench's account, opened raw (better-sqlite3) with the app's pragmas. */
async function rawSqlite(name: string) {
  const file = path.join(dir, name);
  const handle = openDatabase({ dialect: 'sqlite', file });
  await migrateToLatest(handle.db, 'sqlite');
  const { accountId } = await setupAccount(handle.db);
  await handle.db.destroy();
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  return { raw, accountId };
}

/** The reference on SQLite: better-sqlite3 prepared statements, one transaction per 2,000 leads. */
let refCpuMs = 0;

/**
 * `single`: the reference, one prepared single-row insert per lead and per link. `multi`: the
 * floor — the same rows through prepared 256-row statements (ids from the last rowid), the
 * cheapest way found to write them with this schema on this machine: what no import can beat.
 */
async function sqliteReference(mode: 'single' | 'multi' = 'single'): Promise<number> {
  refCpuMs = 0;
  const { raw, accountId } = await rawSqlite(`reference-${mode}.db`);
  const now = iso(new Date());
  const tagId = new Map<string, number>();
  const listId = new Map<string, number>();
  for (const t of TAGS)
    tagId.set(
      t,
      Number(
        raw
          .prepare('insert into tags (account_id, name, name_normalized, created_at) values (?, ?, ?, ?)')
          .run(accountId, t, t, now).lastInsertRowid,
      ),
    );
  for (const l of LISTS)
    listId.set(
      l,
      Number(
        raw
          .prepare('insert into lists (account_id, name, name_normalized, created_at) values (?, ?, ?, ?)')
          .run(accountId, l, l, now).lastInsertRowid,
      ),
    );
  const cols = [
    'account_id',
    'email',
    'email_normalized',
    'first_name',
    'last_name',
    'phone',
    'company',
    'address',
    'city',
    'zip',
    'state',
    'country',
    'website',
    'facebook',
    'twitter',
    'linkedin',
    'ip',
    'lead_preferred_time_zone',
    'sales_tax_id',
    'notes',
    'source',
    'created_at',
    'updated_at',
  ];
  const ins = raw.prepare(
    `insert into leads (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`,
  );
  const insTag = raw.prepare(
    'insert into lead_tags (lead_id, tag_id, account_id, created_at) values (?, ?, ?, ?)',
  );
  const insList = raw.prepare(
    "insert into lead_lists (lead_id, list_id, account_id, status, subscribed_at) values (?, ?, ?, 'subscribed', ?)",
  );
  const batch = raw.transaction((rows: ReturnType<typeof row20>[]) => {
    for (const r of rows) {
      const c = r.cells;
      const id = ins.run(
        accountId,
        c[0],
        c[0]!.toLowerCase(),
        c[1],
        c[2],
        c[3],
        c[4],
        c[5],
        c[6],
        c[7],
        c[8],
        c[9],
        c[10],
        c[11],
        c[12],
        c[13],
        c[14],
        c[15],
        c[16],
        c[17],
        'import',
        now,
        now,
      ).lastInsertRowid;
      for (const t of r.tags) insTag.run(id, tagId.get(t), accountId, now);
      for (const l of r.lists) insList.run(id, listId.get(l), accountId, now);
    }
  });
  // The floor: the same values, many rows a statement.
  const multi = (table: string, columns: string[], n: number) =>
    raw.prepare(
      `insert into ${table} (${columns.join(', ')}) values ${Array.from({ length: n }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}`,
    );
  const stmts = new Map<string, SQLite.Statement>();
  const putMany = (table: string, columns: string[], flat: unknown[]): number[] => {
    const width = columns.length;
    const lastIds: number[] = [];
    for (let at = 0; at < flat.length; ) {
      const left = (flat.length - at) / width;
      const n = left >= 256 ? 256 : left >= 32 ? 32 : left >= 4 ? 4 : 1;
      const key = `${table}|${n}`;
      let stmt = stmts.get(key);
      if (!stmt) {
        stmt = multi(table, columns, n);
        stmts.set(key, stmt);
      }
      const r = stmt.run(flat.slice(at, at + n * width));
      for (let id = Number(r.lastInsertRowid) - n + 1; id <= Number(r.lastInsertRowid); id++)
        lastIds.push(id);
      at += n * width;
    }
    return lastIds;
  };
  const batchMulti = raw.transaction((rows: ReturnType<typeof row20>[]) => {
    const leadFlat: unknown[] = [];
    for (const r of rows)
      leadFlat.push(
        accountId,
        r.cells[0],
        r.cells[0]!.toLowerCase(),
        ...r.cells.slice(1),
        'import',
        now,
        now,
      );
    const ids = putMany('leads', cols, leadFlat);
    const tagFlat: unknown[] = [];
    const listFlat: unknown[] = [];
    rows.forEach((r, k) => {
      for (const t of r.tags) tagFlat.push(ids[k], tagId.get(t), accountId, now);
      for (const l of r.lists) listFlat.push(ids[k], listId.get(l), accountId, 'subscribed', now);
    });
    putMany('lead_tags', ['lead_id', 'tag_id', 'account_id', 'created_at'], tagFlat);
    putMany('lead_lists', ['lead_id', 'list_id', 'account_id', 'status', 'subscribed_at'], listFlat);
  });
  let ms = 0;
  for (let i = 0; i < ROWS; i += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, ROWS - i) }, (_, k) => row20(i + k));
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    if (mode === 'multi') batchMulti(rows);
    else batch(rows);
    ms += performance.now() - t0;
    const c = process.cpuUsage(c0);
    refCpuMs += (c.user + c.system) / 1000;
  }
  raw.close();
  return ms;
}

/** The reference on PostgreSQL: pg prepared statements, one round trip per insert (on PG_REF_ROWS leads). */
async function pgReference(url: string): Promise<number> {
  const handle = openDatabase({ dialect: 'postgres', url }, { poolSize: 1 });
  await migrateToLatest(handle.db, 'postgres');
  const { accountId } = await setupAccount(handle.db);
  await handle.db.destroy();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const now = iso(new Date());
  const tagId = new Map<string, number>();
  const listId = new Map<string, number>();
  for (const t of TAGS)
    tagId.set(
      t,
      (
        await client.query(
          'insert into tags (account_id, name, name_normalized, created_at) values ($1, $2, $2, $3) returning id',
          [accountId, t, now],
        )
      ).rows[0].id,
    );
  for (const l of LISTS)
    listId.set(
      l,
      (
        await client.query(
          'insert into lists (account_id, name, name_normalized, created_at) values ($1, $2, $2, $3) returning id',
          [accountId, l, now],
        )
      ).rows[0].id,
    );
  const cols = [
    'account_id',
    'email',
    'email_normalized',
    'first_name',
    'last_name',
    'phone',
    'company',
    'address',
    'city',
    'zip',
    'state',
    'country',
    'website',
    'facebook',
    'twitter',
    'linkedin',
    'ip',
    'lead_preferred_time_zone',
    'sales_tax_id',
    'notes',
    'source',
    'created_at',
    'updated_at',
  ];
  const insText = `insert into leads (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')}) returning id`;
  let ms = 0;
  for (let i = 0; i < PG_REF_ROWS; i += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, PG_REF_ROWS - i) }, (_, k) => row20(i + k));
    const t0 = performance.now();
    await client.query('begin');
    for (const r of rows) {
      const c = r.cells;
      const { rows: got } = await client.query({
        name: 'lead',
        text: insText,
        values: [
          accountId,
          c[0],
          c[0]!.toLowerCase(),
          c[1],
          c[2],
          c[3],
          c[4],
          c[5],
          c[6],
          c[7],
          c[8],
          c[9],
          c[10],
          c[11],
          c[12],
          c[13],
          c[14],
          c[15],
          c[16],
          c[17],
          'import',
          now,
          now,
        ],
      });
      for (const t of r.tags)
        await client.query({
          name: 'tag',
          text: 'insert into lead_tags (lead_id, tag_id, account_id, created_at) values ($1, $2, $3, $4)',
          values: [got[0].id, tagId.get(t), accountId, now],
        });
      for (const l of r.lists)
        await client.query({
          name: 'list',
          text: "insert into lead_lists (lead_id, list_id, account_id, status, subscribed_at) values ($1, $2, $3, 'subscribed', $4)",
          values: [got[0].id, listId.get(l), accountId, now],
        });
    }
    await client.query('commit');
    ms += performance.now() - t0;
  }
  await client.end();
  return (ms / PG_REF_ROWS) * ROWS;
}

// --- Engine floors: the same rows written by the database alone -------------------------------

/** created_at and the like in the engine floors. */
const STAMP = '2026-11-22T00:00:00.000Z';

/**
 * SQLite's engine floor: the same leads (the columns the import writes) with their tag links
 * (the import's own `imported` tag and the row's 3) and list links, generated inside SQLite by a
 * recursive CTE — no JavaScript per row, no parameter binding, no CSV — into a database migrated
 * like the import's, with the import connection's pragmas, in transactions of the same 2,000
 * leads. What the engine itself costs for these rows on this machine.
 */
async function sqliteEngineFloor(): Promise<{ ms: number; cpuMs: number }> {
  const { raw, accountId } = await rawSqlite('engine-floor.db');
  raw.pragma('wal_autocheckpoint = 10000'); // as the import's connection
  const addTag = raw.prepare(
    'insert into tags (account_id, name, name_normalized, created_at) values (?, ?, ?, ?)',
  );
  const importedTag = Number(addTag.run(accountId, 'imported', 'imported', STAMP).lastInsertRowid);
  const tag0 = Number(addTag.run(accountId, TAGS[0], TAGS[0], STAMP).lastInsertRowid);
  for (const t of TAGS.slice(1)) addTag.run(accountId, t, t, STAMP);
  const addList = raw.prepare(
    'insert into lists (account_id, name, name_normalized, created_at) values (?, ?, ?, ?)',
  );
  const list0 = Number(addList.run(accountId, LISTS[0], LISTS[0], STAMP).lastInsertRowid);
  for (const l of LISTS.slice(1)) addList.run(accountId, l, l, STAMP);
  // Lead i gets id i + 1 (a fresh table); checked below.
  const range = 'with recursive c(i) as (select @from union all select i + 1 from c where i < @to)';
  const leads = raw.prepare(`${range}
    insert into leads (account_id, email, email_normalized, first_name, last_name, phone, company,
      address, city, zip, state, country, website, facebook, twitter, linkedin, ip,
      lead_preferred_time_zone, sales_tax_id, notes, score, blocked, last_import_row, gdpr_status,
      gdpr_date, source, source_id, last_import_id, created_at, updated_at)
    select @acc, e, e, 'First' || (i % 1000), 'Last' || (i % 997), '+1 555 ' || substr('000000' || i, -7),
      'Company ' || (i % 5000), (i % 9999) || ' Main Street', 'Springfield ' || (i % 300),
      cast(10000 + i % 89999 as text), 'IL', 'US', 'https://site' || (i % 10000) || '.example.com',
      'fb.com/lead' || i, '@lead' || i, 'linkedin.com/in/lead' || i,
      '10.' || (i % 256) || '.' || ((i >> 8) % 256) || '.' || ((i >> 16) % 256), 'America/Chicago',
      'TX' || i, case when i % 10 = 0 then 'Met at "Expo", booth ' || (i % 90) else 'Customer since ' || (2000 + i % 25) end,
      0, 0, i + 2, 'consented', @now, 'import', '1', 1, @now, @now
    from (select i, 'lead' || i || '@example' || (i % 500) || '.com' as e from c)`);
  const tags = raw.prepare(`${range}
    insert into lead_tags (lead_id, tag_id, account_id, created_at)
    select i + 1, @imported, @acc, @now from c
    union all select i + 1, @tag0 + i % 40, @acc, @now from c
    union all select i + 1, @tag0 + (i * 7 + 3) % 40, @acc, @now from c where (i * 7 + 3) % 40 != i % 40
    union all select i + 1, @tag0 + (i * 13 + 5) % 40, @acc, @now from c
      where (i * 13 + 5) % 40 not in (i % 40, (i * 7 + 3) % 40)`);
  const lists = raw.prepare(`${range}
    insert into lead_lists (lead_id, list_id, account_id, status, subscribed_at)
    select i + 1, @list0 + i % 8, @acc, 'subscribed', @now from c
    union all select i + 1, @list0 + (i * 3 + 1) % 8, @acc, 'subscribed', @now from c where (i * 3 + 1) % 8 != i % 8`);
  const batch = raw.transaction((from: number, to: number) => {
    const p = { from, to, acc: accountId, now: STAMP };
    leads.run(p);
    tags.run({ ...p, imported: importedTag, tag0 });
    lists.run({ ...p, list0 });
  });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < ROWS; i += BATCH) batch(i, Math.min(i + BATCH, ROWS) - 1);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const got = raw
    .prepare(
      'select (select count(*) from leads) n, (select max(id) from leads) m, (select count(*) from lead_tags) t',
    )
    .get() as { n: number; m: number; t: number };
  raw.close();
  if (got.n !== ROWS || got.m !== ROWS) throw new Error(`engine floor: ${JSON.stringify(got)}`);
  return { ms, cpuMs: (c.user + c.system) / 1000 };
}

/** A batch's rows as COPY text (the generated values hold no tab, newline or backslash). */
function pgFloorFiles(
  accountId: number,
  importedTag: number,
  tagIds: Map<string, number>,
  listIds: Map<string, number>,
) {
  return (from: number, to: number, firstId: number) => {
    let leads = '';
    let tags = '';
    let lists = '';
    for (let i = from; i < to; i++) {
      const r = row20(i);
      const id = firstId + (i - from);
      const c = r.cells;
      leads += `${id}\t${accountId}\t${c[0]}\t${c[0]!.toLowerCase()}\t${c.slice(1).join('\t')}\t0\t0\t${i + 2}\tconsented\t${STAMP}\timport\t1\t1\t${STAMP}\t${STAMP}\n`;
      tags += `${id}\t${importedTag}\t${accountId}\t${STAMP}\n`;
      for (const t of r.tags) tags += `${id}\t${tagIds.get(t)}\t${accountId}\t${STAMP}\n`;
      for (const l of r.lists) lists += `${id}\t${listIds.get(l)}\t${accountId}\tsubscribed\t${STAMP}\n`;
    }
    return { leads, tags, lists };
  };
}

const PG_FLOOR_LEAD_COLS =
  'id, account_id, email, email_normalized, first_name, last_name, phone, company, address, city, zip, state, country, website, facebook, twitter, linkedin, ip, lead_preferred_time_zone, sales_tax_id, notes, score, blocked, last_import_row, gdpr_status, gdpr_date, source, source_id, last_import_id, created_at, updated_at';

/**
 * PostgreSQL's engine floor: the same rows, written beforehand as COPY text files (one set per
 * 2,000 leads, ids drawn from the sequence first), loaded by the server itself with server-side
 * `COPY table FROM '/file'` — no client parsing, no rows on the wire — in transactions of the same
 * 2,000 leads with the import session's asynchronous commit. Where the server cannot read our
 * files (another machine), COPY FROM STDIN of the pre-built text instead. Wall time and the CPU
 * PostgreSQL's processes spent.
 */
async function pgEngineFloor(
  url: string,
  quiet: () => Promise<void>,
): Promise<{ ms: number; pgCpuMs: number | undefined; via: string }> {
  const handle = openDatabase({ dialect: 'postgres', url }, { poolSize: 1 });
  await migrateToLatest(handle.db, 'postgres');
  const { accountId } = await setupAccount(handle.db);
  await handle.db.destroy();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const named = async (table: string, name: string) =>
    Number(
      (
        await client.query(
          `insert into ${table} (account_id, name, name_normalized, created_at) values ($1, $2, $2, $3) returning id`,
          [accountId, name, STAMP],
        )
      ).rows[0].id,
    );
  const importedTag = await named('tags', 'imported');
  const tagIds = new Map<string, number>();
  for (const t of TAGS) tagIds.set(t, await named('tags', t));
  const listIds = new Map<string, number>();
  for (const l of LISTS) listIds.set(l, await named('lists', l));
  // The files, written before the clock starts; the server process must be able to read them.
  const floorDir = path.join(dir, 'pg-floor');
  fs.mkdirSync(floorDir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(floorDir, 0o755);
  const build = pgFloorFiles(accountId, importedTag, tagIds, listIds);
  const ids = (
    await client.query(
      `select nextval(pg_get_serial_sequence('leads', 'id')) as id from generate_series(1, $1::int)`,
      [ROWS],
    )
  ).rows.map((r) => Number(r.id));
  const batches: { leads: string; tags: string; lists: string }[] = [];
  for (let i = 0, b = 0; i < ROWS; i += BATCH, b++) {
    const files = build(i, Math.min(i + BATCH, ROWS), ids[i]!);
    const named = { leads: '', tags: '', lists: '' };
    for (const k of ['leads', 'tags', 'lists'] as const) {
      named[k] = path.join(floorDir, `${k}-${b}.tsv`);
      fs.writeFileSync(named[k], files[k], { mode: 0o644 });
    }
    batches.push(named);
  }
  if (ids.at(-1)! - ids[0]! !== ROWS - 1) throw new Error('engine floor: the sequence skipped ids');
  await client.query('set synchronous_commit to off'); // as the import's session
  let via = "server-side COPY FROM '/file'";
  try {
    await client.query(`copy leads (${PG_FLOOR_LEAD_COLS}) from '${batches[0]!.leads}' where false`);
  } catch {
    via = 'COPY FROM STDIN of pre-built text (the server cannot read our files)';
  }
  const serverSide = via.startsWith('server');
  await quiet();
  const load = async (table: string, cols: string, file: string) => {
    if (serverSide) await client.query(`copy ${table} (${cols}) from '${file}'`);
    else
      await pipeline(
        Readable.from([fs.readFileSync(file)]),
        client.query(copyFrom(`copy ${table} (${cols}) from stdin`)),
      );
  };
  const pg0 = postgresCpuMs();
  const t0 = performance.now();
  for (const b of batches) {
    await client.query('begin');
    await load('leads', PG_FLOOR_LEAD_COLS, b.leads);
    await load('lead_tags', 'lead_id, tag_id, account_id, created_at', b.tags);
    await load('lead_lists', 'lead_id, list_id, account_id, status, subscribed_at', b.lists);
    await client.query('commit');
  }
  const ms = performance.now() - t0;
  const pgCpuMs = pg0 === undefined ? undefined : postgresCpuMs()! - pg0;
  const got = (
    await client.query('select (select count(*) from leads) n, (select count(*) from lead_tags) t')
  ).rows[0];
  await client.end();
  fs.rmSync(floorDir, { recursive: true, force: true });
  if (Number(got.n) !== ROWS) throw new Error(`engine floor: ${JSON.stringify(got)}`);
  return { ms, pgCpuMs, via };
}

// --- Runs ------------------------------------------------------------------------------------

const options = { tags: ['imported'], gdpr: 'consented', update_existing: false };
type ChildResult = {
  ms: number;
  uploadMs: number;
  created: number;
  tagLinks: number;
  peakMb: number;
  cpuMs: number;
  /** RSS before the import: Node, tsx's loader thread and the modules. */
  baseMb: number;
};

/**
 * CPU time PostgreSQL's processes spent, from /proc (Linux): every `postgres` process's own time
 * plus what its exited children (the backends) left to it. Taken before and after an import.
 */
function postgresCpuMs(): number | undefined {
  if (!fs.existsSync('/proc/self/stat')) return undefined;
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      // gone meanwhile
    }
  }
  return (ticks * 1000) / 100; // USER_HZ
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

/** Each import runs in a process of its own, so its peak RSS is its own (getrusage maxrss). */
async function importInChild(database: Config['database'], file: string): Promise<ChildResult> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename], {
    env: { ...process.env, BENCH_IMPORT_CHILD: JSON.stringify({ database, file }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`the import process failed (${code}): ${out}`);
  return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
}

if (process.env.BENCH_IMPORT_CHILD) {
  const baseMb = process.memoryUsage.rss() / 1048576;
  const job = JSON.parse(process.env.BENCH_IMPORT_CHILD) as { database: Config['database']; file: string };
  const handle = { ...openDatabase(job.database), database: job.database };
  const r = await importFile(handle, job.file, options);
  await handle.db.destroy();
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const cpu = process.cpuUsage();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    JSON.stringify({
      ms: r.ms,
      uploadMs: r.uploadMs,
      created: r.created,
      tagLinks: r.tagLinks,
      peakMb,
      cpuMs,
      baseMb,
    }),
  );
  process.exit(0);
}

await writeFile(
  bigFile,
  ROWS,
  (i) => {
    const r = row20(i);
    return [...r.cells, r.tags.join(';'), r.lists.join(';')].map(q).join(',');
  },
  HEADER20,
);
await writeFile(
  wideFile,
  WIDE_ROWS,
  (i) => [...row20(i).cells, ...Array.from({ length: 42 }, (_, k) => `v${k}-${i % 1000}`)].map(q).join(','),
  HEADER60,
);
const mb = (f: string) => (fs.statSync(f).size / 1048576).toFixed(0);
console.log(
  `files: ${ROWS.toLocaleString('en')} × 20 (${mb(bigFile)} MB), ${WIDE_ROWS.toLocaleString('en')} × 60 (${mb(wideFile)} MB); ${os.cpus().length} cores, Node ${process.version}`,
);

const perSec = (rows: number, ms: number) => Math.round((rows / ms) * 1000);
const fmt = (n: number) => n.toLocaleString('en');
const results: string[] = [];
let failed = false;
const check = (ok: boolean, what: string) => {
  results.push(`  ${ok ? 'ok  ' : 'MISS'} ${what}`);
  if (!ok) failed = true;
};

for (const dialect of DIALECTS) {
  let pgServer: { adminUrl: string; stop: () => Promise<void> } | undefined;
  const dbUrl = async (name: string) => {
    if (!pgServer)
      pgServer = process.env.BENCH_PG_URL
        ? { adminUrl: process.env.BENCH_PG_URL, stop: async () => {} }
        : await startPostgres({ durable: process.env.BENCH_PG_FAST !== '1' });
    const admin = new pg.Client({ connectionString: pgServer.adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(pgServer.adminUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  /**
   * PostgreSQL: each measurement starts on a server at rest — no autovacuum worker still digesting
   * the rows of the previous one (a million inserts set it off), dirty buffers flushed by a
   * CHECKPOINT — or the 20 k × 60 import, run right after the million, shares the two cores with
   * that clean-up.
   */
  const quiet = async () => {
    if (dialect !== 'postgres' || !pgServer) return;
    const admin = new pg.Client({ connectionString: pgServer.adminUrl });
    await admin.connect();
    try {
      for (let waited = 0; waited < 180_000; waited += 500) {
        const { rows } = await admin.query(
          "select count(*)::int as n from pg_stat_activity where backend_type = 'autovacuum worker' or (backend_type = 'client backend' and state = 'active' and pid <> pg_backend_pid())",
        );
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      await admin.query('checkpoint');
    } finally {
      await admin.end();
    }
  };
  const open = async (name: string) => {
    const database: Config['database'] =
      dialect === 'sqlite'
        ? { dialect: 'sqlite', file: path.join(dir, `${name}.db`) }
        : { dialect: 'postgres', url: await dbUrl(name) };
    return database;
  };
  try {
    const load0 = load();
    const big = await open('bench_big');
    await quiet();
    const pg0 = dialect === 'postgres' ? postgresCpuMs() : undefined;
    const r = await importInChild(big, bigFile);
    // The import's backends have exited with it: let the postmaster reap them (their CPU time
    // moves to its children's total), or a backend read between the two could be missed.
    if (pg0 !== undefined) await new Promise((resolve) => setTimeout(resolve, 2000));
    const pgMs = pg0 === undefined ? undefined : postgresCpuMs()! - pg0;
    const wideDb = await open('bench_wide');
    await quiet();
    const w = await importInChild(wideDb, wideFile);
    const refMs =
      dialect === 'sqlite' ? await sqliteReference() : await pgReference(await dbUrl('bench_ref'));
    const refCpu = refCpuMs;
    const floorMs = dialect === 'sqlite' ? await sqliteReference('multi') : undefined;
    const floorCpu = refCpuMs;
    const engine =
      dialect === 'sqlite'
        ? { ...(await sqliteEngineFloor()), pgCpuMs: undefined, via: 'a recursive CTE' }
        : { ...(await pgEngineFloor(await dbUrl('bench_floor'), quiet)), cpuMs: undefined };
    const rate = perSec(ROWS, r.ms);
    const refRate = perSec(ROWS, refMs);
    console.log(`\n${dialect} (load average ${load0} before, ${load()} after):`);
    console.log(
      `  ${fmt(ROWS)} × 20: ${(r.ms / 1000).toFixed(2)} s (upload scan+store ${(r.uploadMs / 1000).toFixed(2)} s) → ${fmt(rate)} rows/s; ${fmt(r.created)} leads, ${fmt(r.tagLinks)} tag links; peak RSS ${r.peakMb.toFixed(0)} MB (${r.baseMb.toFixed(0)} MB before it started)`,
    );
    console.log(
      `  CPU time: the import process ${(r.cpuMs / 1000).toFixed(1)} s${pgMs === undefined ? '' : `, PostgreSQL ${(pgMs / 1000).toFixed(1)} s`}`,
    );
    console.log(
      `  reference (raw prepared inserts${dialect === 'postgres' ? `, measured on ${fmt(PG_REF_ROWS)} leads` : ''}): ${fmt(refRate)} rows/s → ratio ${(rate / refRate).toFixed(2)}${dialect === 'sqlite' ? `; CPU time ${(r.cpuMs / 1000).toFixed(1)} s vs ${(refCpu / 1000).toFixed(1)} s → CPU ratio ${(refCpu / r.cpuMs).toFixed(2)}` : ''}`,
    );
    if (floorMs !== undefined)
      console.log(
        `  floor (the same rows, 256 a statement, nothing else): ${fmt(perSec(ROWS, floorMs))} rows/s, CPU ${(floorCpu / 1000).toFixed(1)} s`,
      );
    console.log(
      `  engine floor (the same leads and links written by ${dialect === 'sqlite' ? 'SQLite alone: a recursive CTE, no binding, no JavaScript a row' : `the server alone: ${engine.via}`}; 2,000 a transaction): ${(engine.ms / 1000).toFixed(1)} s → ${fmt(perSec(ROWS, engine.ms))} rows/s${engine.cpuMs === undefined ? '' : `, CPU ${(engine.cpuMs / 1000).toFixed(1)} s`}${engine.pgCpuMs === undefined ? '' : `, PostgreSQL CPU ${(engine.pgCpuMs / 1000).toFixed(1)} s`} → import / engine floor ${(rate / perSec(ROWS, engine.ms)).toFixed(2)}${pgMs !== undefined && engine.pgCpuMs ? `; PostgreSQL CPU import / floor ${(pgMs / engine.pgCpuMs).toFixed(2)}` : ''}`,
    );
    console.log(
      `  ${fmt(WIDE_ROWS)} × 60: ${(w.ms / 1000).toFixed(2)} s → ${fmt(perSec(WIDE_ROWS, w.ms))} rows/s (CPU ${(w.cpuMs / 1000).toFixed(2)} s, the process's whole life); peak RSS ${w.peakMb.toFixed(0)} MB (${w.baseMb.toFixed(0)} MB before it started)`,
    );
    if (dialect === 'sqlite') {
      check(rate >= 100_000, `SQLite ≥ 100,000 rows/s (${fmt(rate)})`);
      check(
        rate / refRate >= 0.5,
        `SQLite ≥ 50 % of the reference (${((rate / refRate) * 100).toFixed(0)} %)`,
      );
    } else {
      check(rate >= 50_000, `PostgreSQL ≥ 50,000 rows/s (${fmt(rate)})`);
    }
    check(w.ms < 1000, `${dialect}: 20k × 60 under 1 s (${(w.ms / 1000).toFixed(2)} s)`);
    check(
      Math.max(r.peakMb, w.peakMb) < 300,
      `${dialect}: peak RSS < 300 MB (${Math.max(r.peakMb, w.peakMb).toFixed(0)} MB)`,
    );
  } finally {
    await pgServer?.stop();
  }
}

console.log(`\ngoals:\n${results.join('\n')}`);
fs.rmSync(dir, { recursive: true, force: true });
if (failed) process.exitCode = 1;
