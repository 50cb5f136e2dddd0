import type { Config } from '../../../config.js';
import type { Db, Dialect } from '../../../db/types.js';
import type { Log } from '../../../deps.js';
import type { Clock } from '../../../lib/clock.js';
import { iso } from '../../../lib/clock.js';
import type { PlanCatalog } from '../../plans/catalog.js';
import { planOf } from '../../plans/service.js';
import {
  FIELD_LABELS,
  isChoiceType,
  isValidEmail,
  MAX_FIELD_CHARS,
  MAX_NAME_CHARS,
  MAX_NOTES_CHARS,
  maxCharsOf,
  normalizeEmail,
  normalizeName,
  parseFlag,
  splitNames,
  TEXT_FIELDS,
  type TextField,
} from '../fields.js';
import { type ImportOptions, storedImportOptions } from '../schema.js';
import {
  type CustomFieldDef,
  ensureNamed,
  LEAD_EVENTS,
  loadCustomFields,
  parseStoredCustom,
  type StoredCustomValue,
} from '../service.js';
import { CsvReader, isBlankRecord, type RecordIssue } from './csv.js';
import { type Encoding, hasBadEncoding } from './decode.js';
import { importFiles } from './files.js';
import { splitFullName } from './mapping.js';
import { FileTextReader, textPieces } from './scan.js';
import {
  type BatchStore,
  type Exec,
  type Fixed,
  insertFlat,
  insertIds,
  insertRows,
  openBatchStore,
  Params,
  selectIn,
} from './store.js';

/**
 * The import job's engine. It streams the stored file, and commits it batch by batch: each batch's
 * leads, tag and list links, timeline entries, per-row errors, its `leads.imported` event and the
 * import's counters commit in one transaction, fenced on `processed_rows`. A crash loses at most
 * the batch in flight; the next attempt skips the rows already counted and goes on, so counts
 * stay exact and nothing is written twice. Memory is bounded by one chunk plus one batch.
 */

export type ImportDeps = {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  log: Log;
  plans: PlanCatalog;
  database: Config['database'];
  /** Rows a transaction (default BATCH_ROWS); tests make it small. */
  batchRows?: number;
};

export const BATCH_ROWS = 2000;

/** Another runner (or a cancel) moved the import on: this attempt stops without writing. */
export class ImportFenced extends Error {}

/** `line`: set when the reader left unmapped cells out of `fields` (cellsOf gives them all). */
type InRecord = { fields: string[]; row: number; issue?: RecordIssue | undefined; line?: string | undefined };
type Mapped = {
  email: number;
  text: { col: number; field: TextField }[];
  fullName: number | undefined;
  tags: number[];
  lists: number[];
  blocked: number | undefined;
  score: number | undefined;
  custom: { col: number; def: CustomFieldDef }[];
};

type GoodRow = {
  row: number;
  email: string;
  norm: string;
  text: (string | null)[];
  tags: string[];
  lists: string[];
  blocked: boolean;
  score: number | undefined;
  custom: ReadonlyMap<CustomFieldDef, string | string[]>;
};

type ErrorRow = { row: number; email: string | null; message: string; fields: string[] };

type Existing = {
  id: number;
  email_normalized: string;
  deleted_at: string | null;
  last_import_id: number | null;
  last_import_row: number | null;
  custom_fields: string | null;
  blocked: number;
  score: number;
};

function mapColumns(columns: string[], options: ImportOptions, defs: CustomFieldDef[]): Mapped {
  const m: Mapped = {
    email: -1,
    text: [],
    fullName: undefined,
    tags: [],
    lists: [],
    blocked: undefined,
    score: undefined,
    custom: [],
  };
  const textSeen = new Set<string>();
  columns.forEach((header, col) => {
    const target = options.mapping[header];
    if (!target) return;
    if (target === 'email') {
      if (m.email === -1) m.email = col;
    } else if (target === 'full_name') m.fullName ??= col;
    else if (target === 'tags') m.tags.push(col);
    else if (target === 'lists') m.lists.push(col);
    else if (target === 'blocked') m.blocked ??= col;
    else if (target === 'score') m.score ??= col;
    else if (target.startsWith('custom:')) {
      const id = target.slice(7).toLowerCase();
      const def = defs.find((d) => d.identifier.toLowerCase() === id);
      if (def && !m.custom.some((c) => c.def.id === def.id)) m.custom.push({ col, def });
    } else if ((TEXT_FIELDS as string[]).includes(target) && !textSeen.has(target)) {
      textSeen.add(target);
      m.text.push({ col, field: target as TextField });
    }
  });
  // full_name fills first and last name only where those have no column of their own.
  if (m.fullName !== undefined) {
    for (const f of ['first_name', 'last_name'] as const)
      if (!textSeen.has(f)) m.text.push({ col: -1, field: f });
  }
  return m;
}

const ISSUE_TEXT: Record<RecordIssue, string> = {
  unclosed_quote:
    'A quoted cell on this row never closes (a stray " in the file?); the rest of the file could not be read.',
  record_too_long:
    'This row is longer than 1 MB, which usually means a quote that never closes; it was skipped.',
};

export async function processImport(deps: ImportDeps, importId: number): Promise<void> {
  const { db } = deps;
  const imp = await db.selectFrom('lead_imports').selectAll().where('id', '=', importId).executeTakeFirst();
  if (!imp || imp.status === 'completed' || imp.status === 'failed' || imp.status === 'cancelled') return;
  const accountId = imp.account_id;
  const account = await db
    .selectFrom('accounts')
    .select(['id', 'plan'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  const options = storedImportOptions.parse(JSON.parse(imp.options)) as ImportOptions;
  const columns = JSON.parse(imp.columns) as string[];
  const defs = await loadCustomFields(db, accountId);
  const mapped = mapColumns(columns, options, defs);
  const startNow = deps.clock.now();

  // Room left under the plan's lead limit, counted once per attempt.
  const maxLeads = planOf(deps.plans, account.plan).limits.leads;
  let room = Number.POSITIVE_INFINITY;
  if (maxLeads !== null) {
    const c = await db
      .selectFrom('leads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    room = Math.max(0, maxLeads - Number(c.n));
  }

  // The whole file's tags and lists exist before the first batch (idempotent on a retry).
  const nameCache = { tags: new Map<string, number>(), lists: new Map<string, number>() };
  const fileTags: number[] = [];
  const fileLists: number[] = [];
  await db.transaction().execute(async (trx) => {
    for (const t of (await ensureNamed(trx, 'tags', accountId, options.tags, startNow)).values())
      fileTags.push(t.id);
    for (const l of (await ensureNamed(trx, 'lists', accountId, options.lists, startNow)).values())
      fileLists.push(l.id);
    await trx
      .updateTable('lead_imports')
      .set({ status: 'running', started_at: imp.started_at ?? iso(startNow), updated_at: iso(startNow) })
      .where('id', '=', importId)
      .where('status', 'in', ['queued', 'running'])
      .execute();
  });
  const optionCache = new Map<number, Map<string, number>>();
  for (const d of defs) optionCache.set(d.id, new Map(d.options.map((o) => [normalizeName(o.value), o.id])));

  let committed = imp.processed_rows;
  const batchRows = deps.batchRows ?? BATCH_ROWS;
  const store = openBatchStore(db, deps.dialect, deps.database);
  try {
    const ctx: BatchCtx = {
      deps,
      importId,
      accountId,
      options,
      columns,
      mapped,
      fileTags,
      fileLists,
      nameCache,
      optionCache,
      store,
      rawIds: { tags: new Map(), lists: new Map() },
      optimistic: true,
      delimiter: imp.delimiter,
      room: () => room,
      useRoom: (n) => {
        room -= n;
      },
    };

    // Stream the stored chunks; rows already committed by an earlier attempt are read and skipped.
    const text = new FileTextReader(imp.encoding as Encoding);
    const reader = new CsvReader(imp.delimiter);
    let headerSeen = false;
    let ordinal = 0;
    let pending: InRecord[] = [];
    const onRecord = (fields: string[], row: number, issue?: RecordIssue, line?: string) => {
      if (!issue && isBlankRecord(fields)) return;
      if (!headerSeen) {
        headerSeen = true;
        // Only the mapped columns' cells are made into strings (wide files map a few of many).
        reader.want = wantedColumns(mapped, columns.length);
        return;
      }
      ordinal++;
      if (ordinal <= committed) return;
      pending.push({ fields, row, issue, line });
    };
    // PostgreSQL: while the server writes a batch, this process reads and checks the next one
    // (one batch in flight; commits stay in order, each fenced on the count before it). SQLite's
    // writes are synchronous on this thread, and a transaction must not stay open across turns
    // of the event loop (another connection of this process would wait on its lock): there
    // each batch commits before the next is read.
    const overlap = deps.dialect === 'postgres';
    let inflight: Promise<void> | undefined;
    let failure: { err: unknown } | undefined;
    const settle = async () => {
      if (inflight) await inflight;
      inflight = undefined;
      if (failure) throw failure.err;
    };
    const flush = async (all: boolean) => {
      while (pending.length >= batchRows || (all && pending.length)) {
        const batch = pending.slice(0, batchRows);
        pending = pending.slice(batch.length);
        const checked = checkBatch(ctx, batch);
        await settle();
        const write = commitBatch(ctx, checked, committed).then(
          () => {
            committed += batch.length;
          },
          (err: unknown) => {
            failure = { err };
          },
        );
        if (overlap) inflight = write;
        else {
          await write;
          if (failure) throw failure.err;
          // SQLite work is synchronous: give the event loop (HTTP requests, the worker's lease
          // heartbeat) its turn between batches.
          await new Promise<void>((r) => setImmediate(r));
        }
      }
      if (all) await settle();
    };
    const files = importFiles(db, deps.database);
    try {
      for await (const chunk of files.read(importId)) {
        for (const piece of textPieces(chunk)) {
          const s = text.write(piece);
          if (s) reader.push(s, onRecord);
          // A batch is sent as soon as it is read (not after the whole 1 MB chunk): fewer rows
          // held at once, and the server gets it sooner.
          if (overlap && pending.length >= batchRows) await flush(false);
          // A batch in flight: let its replies in between pieces (32 KB) of reading.
          if (inflight) {
            await new Promise<void>((r) => setImmediate(r));
            if (failure) throw failure.err;
          }
        }
        await flush(false);
      }
      const rest = text.end();
      if (rest) reader.push(rest, onRecord);
      reader.end(onRecord);
      await flush(true);
    } finally {
      // Never close the connection under a batch in flight.
      if (inflight) await inflight;
    }

    const done = deps.clock.now();
    await db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('lead_imports')
        .set({ status: 'completed', finished_at: iso(done), updated_at: iso(done) })
        .where('id', '=', importId)
        .where('status', '=', 'running')
        .where('processed_rows', '=', committed)
        .executeTakeFirst();
      if (!r.numUpdatedRows) throw new ImportFenced(`Import ${importId} moved on elsewhere.`);
      // A file kept in the database goes with the completion (one durable commit, not two).
      if (files.inDatabase) await files.removeIn(trx, importId);
    });
    if (!files.inDatabase) await files.remove(importId);
  } finally {
    await store.close();
  }
}

type BatchCtx = {
  delimiter: string;
  /** Insert new leads before looking them up (see commitBatch); off after a batch met known ones. */
  optimistic: boolean;
  shape?: { cols: string[]; set: string };
  /** Tag and list ids by the name exactly as the file writes it (skips normalising per link). */
  rawIds: { tags: Map<string, number>; lists: Map<string, number> };
  store: BatchStore;
  deps: ImportDeps;
  importId: number;
  accountId: number;
  options: ImportOptions;
  columns: string[];
  mapped: Mapped;
  fileTags: number[];
  fileLists: number[];
  nameCache: { tags: Map<string, number>; lists: Map<string, number> };
  optionCache: Map<number, Map<string, number>>;
  room(): number;
  useRoom(n: number): void;
};

/** Which columns' cells the import reads (the mapped ones). */
function wantedColumns(mapped: Mapped, count: number): boolean[] {
  const want = new Array<boolean>(count).fill(false);
  for (const col of [
    mapped.email,
    ...mapped.text.map((t) => t.col),
    mapped.fullName ?? -1,
    ...mapped.tags,
    ...mapped.lists,
    mapped.blocked ?? -1,
    mapped.score ?? -1,
    ...mapped.custom.map((c) => c.col),
  ])
    if (col >= 0 && col < count) want[col] = true;
  return want;
}

/** All the cells of a record, as the file has them (for the error file). */
function cellsOf(ctx: BatchCtx, rec: InRecord): string[] {
  return rec.line === undefined ? rec.fields : rec.line.split(ctx.delimiter);
}

/** Checks one record; returns the lead it describes or the reason it cannot be imported. */
function validate(ctx: BatchCtx, rec: InRecord): GoodRow | ErrorRow {
  const { mapped, columns } = ctx;
  const f = rec.fields;
  const err = (message: string, email: string | null = null): ErrorRow => ({
    row: rec.row,
    email,
    message,
    fields: cellsOf(ctx, rec),
  });
  if (rec.issue) return err(ISSUE_TEXT[rec.issue]);
  if (f.length !== columns.length) {
    const extraEmpty = f.length > columns.length && f.slice(columns.length).every((c) => c.trim() === '');
    if (!extraEmpty) {
      return err(
        `This row has ${f.length} cells but the header has ${columns.length}; check for a missing quote or an extra delimiter.`,
      );
    }
  }
  const rawEmail = mapped.email >= 0 ? (f[mapped.email] ?? '').trim() : '';
  if (!rawEmail) return err('The email is empty.');
  if (hasBadEncoding(rawEmail))
    return err(
      'The email holds characters that are not valid in the file’s encoding; save the file as UTF-8 and import it again.',
    );
  if (!isValidEmail(rawEmail)) return err(`"${rawEmail}" is not a valid email address.`, rawEmail);
  const text: (string | null)[] = new Array(mapped.text.length);
  let full: { first: string; last: string } | undefined;
  if (mapped.fullName !== undefined) {
    const v = (f[mapped.fullName] ?? '').trim();
    if (v) full = splitFullName(v);
  }
  for (let i = 0; i < mapped.text.length; i++) {
    const { col, field } = mapped.text[i]!;
    let v = col === -1 ? (field === 'first_name' ? full?.first : full?.last) : f[col];
    v = v?.trim();
    if (!v) {
      text[i] = null;
      continue;
    }
    if (v.length > maxCharsOf(field))
      return err(`${FIELD_LABELS[field]} is longer than ${maxCharsOf(field)} characters.`, rawEmail);
    if (hasBadEncoding(v))
      return err(
        `${FIELD_LABELS[field]} holds characters that are not valid in the file’s encoding; save the file as UTF-8 and import it again.`,
        rawEmail,
      );
    text[i] = v;
  }
  const tags: string[] = [];
  for (const col of mapped.tags) for (const n of splitNames(f[col] ?? '')) tags.push(n);
  const lists: string[] = [];
  for (const col of mapped.lists) for (const n of splitNames(f[col] ?? '')) lists.push(n);
  for (const n of [...tags, ...lists]) {
    if (n.length > MAX_NAME_CHARS)
      return err(
        `The tag or list "${n.slice(0, 40)}…" is longer than ${MAX_NAME_CHARS} characters.`,
        rawEmail,
      );
    if (hasBadEncoding(n))
      return err(
        'A tag or list name holds characters that are not valid in the file’s encoding; save the file as UTF-8.',
        rawEmail,
      );
  }
  let blocked = false;
  if (mapped.blocked !== undefined) {
    const flag = parseFlag(f[mapped.blocked] ?? '');
    if (flag === undefined) return err(`Blocked must be yes or no, not "${f[mapped.blocked]}".`, rawEmail);
    blocked = flag;
  }
  let score: number | undefined;
  if (mapped.score !== undefined) {
    const s = (f[mapped.score] ?? '').trim();
    if (s) {
      if (!/^-?\d{1,9}$/.test(s)) return err(`Score must be a whole number, not "${s}".`, rawEmail);
      score = Number(s);
    }
  }
  let custom: Map<CustomFieldDef, string | string[]> | undefined;
  for (const { col, def } of mapped.custom) {
    const v = (f[col] ?? '').trim();
    if (!v) continue;
    if (hasBadEncoding(v))
      return err(
        `${def.label} holds characters that are not valid in the file’s encoding; save the file as UTF-8.`,
        rawEmail,
      );
    if (isChoiceType(def.type)) {
      const names = def.type === 'checkbox' ? splitNames(v) : [v.replace(/\s+/g, ' ')];
      if (names.some((n) => n.length > MAX_NAME_CHARS))
        return err(`An option of ${def.label} is longer than ${MAX_NAME_CHARS} characters.`, rawEmail);
      custom ??= new Map();
      custom.set(def, names);
    } else {
      const max = def.type === 'text_area' ? MAX_NOTES_CHARS : MAX_FIELD_CHARS;
      if (v.length > max) return err(`${def.label} is longer than ${max} characters.`, rawEmail);
      custom ??= new Map();
      custom.set(def, v);
    }
  }
  return {
    row: rec.row,
    email: rawEmail,
    norm: normalizeEmail(rawEmail),
    text,
    tags,
    lists,
    blocked,
    score,
    custom: custom ?? NO_CUSTOM,
  };
}

const NO_CUSTOM: ReadonlyMap<CustomFieldDef, string | string[]> = new Map();

/** Names → ids through a per-import cache; missing ones are created in this batch's transaction. */
async function resolveNames(
  x: Exec,
  ctx: BatchCtx,
  kind: 'tags' | 'lists',
  names: Set<string>,
  nowIso: string,
): Promise<void> {
  const cache = ctx.nameCache[kind];
  const missing = new Map<string, string>();
  for (const n of names) {
    const key = normalizeName(n);
    if (!cache.has(key) && !missing.has(key)) missing.set(key, n);
  }
  if (!missing.size) return;
  await insertRows(
    x,
    kind,
    ['account_id', 'name', 'name_normalized', 'created_at'],
    [...missing].map(([key, name]) => [ctx.accountId, name, key, nowIso]),
    'on conflict (account_id, name_normalized) do nothing',
  );
  const rows = await selectIn<{ id: number; name_normalized: string }>(
    x,
    (p, list) =>
      `select id, name_normalized from ${kind} where account_id = ${p.p(ctx.accountId)} and name_normalized in (${list()})`,
    [...missing.keys()],
  );
  for (const r of rows) cache.set(r.name_normalized, Number(r.id));
}

/** Choice values → option ids; options the file names that the field lacks are added to it. */
async function resolveOptions(
  x: Exec,
  ctx: BatchCtx,
  wanted: Map<CustomFieldDef, Set<string>>,
): Promise<void> {
  for (const [def, names] of wanted) {
    const cache = ctx.optionCache.get(def.id)!;
    const missing = new Map<string, string>();
    for (const n of names) {
      const key = normalizeName(n);
      if (!cache.has(key)) missing.set(key, n);
    }
    if (!missing.size) continue;
    let position = cache.size;
    await insertRows(
      x,
      'custom_field_options',
      ['account_id', 'field_id', 'value', 'value_normalized', 'position'],
      [...missing].map(([key, value]) => [ctx.accountId, def.id, value, key, position++]),
      'on conflict (field_id, value_normalized) do nothing',
    );
    const p = new Params(x.dialect);
    const rows = await x.all<{ id: number; value_normalized: string }>(
      `select id, value_normalized from custom_field_options where field_id = ${p.p(def.id)} and account_id = ${p.p(ctx.accountId)}`,
      p.values,
    );
    for (const r of rows) cache.set(r.value_normalized, Number(r.id));
  }
}

/** The leads columns an import writes per row (the rest are fixed per batch), and its upsert. */
function leadShape(ctx: BatchCtx): { cols: string[]; set: string } {
  if (ctx.shape) return ctx.shape;
  const textCols = ctx.mapped.text.map((t) => t.field);
  const hasCustom = ctx.mapped.custom.length > 0;
  const gdprKnown = ctx.options.gdpr !== 'unknown';
  const cols = [
    'email',
    'email_normalized',
    ...textCols,
    ...(hasCustom ? ['custom_fields'] : []),
    'score',
    'blocked',
    'last_import_row',
  ];
  const set = [
    ...textCols.map((c) => `${c} = coalesce(excluded.${c}, leads.${c})`),
    ...(hasCustom ? ['custom_fields = excluded.custom_fields'] : []),
    'score = excluded.score',
    'blocked = excluded.blocked',
    ...(gdprKnown
      ? ['gdpr_status = excluded.gdpr_status', 'gdpr_date = excluded.gdpr_date', 'gdpr_ip = null']
      : []),
    'last_import_id = excluded.last_import_id',
    'last_import_row = excluded.last_import_row',
    'created_at = case when leads.deleted_at is null then leads.created_at else excluded.created_at end',
    'updated_at = excluded.updated_at',
    'deleted_at = null',
  ].join(', ');
  ctx.shape = { cols, set };
  return ctx.shape;
}

/** What every lead row of a batch shares. */
function leadFixed(ctx: BatchCtx, nowIso: string): Fixed {
  return {
    account_id: ctx.accountId,
    gdpr_status: ctx.options.gdpr,
    gdpr_date: ctx.options.gdpr !== 'unknown' ? nowIso : null,
    source: 'import',
    source_id: String(ctx.importId),
    last_import_id: ctx.importId,
    created_at: nowIso,
    updated_at: nowIso,
  };
}

/** Appends one lead's values (leadShape's columns) to `out`; returns whether it ends up blocked. */
function leadRow(ctx: BatchCtx, g: GoodRow, ex: Existing | undefined, out: unknown[]): boolean {
  out.push(g.email, g.norm);
  for (const v of g.text) out.push(v);
  if (ctx.mapped.custom.length) {
    const merged: Record<string, StoredCustomValue | null> = ex ? parseStoredCustom(ex.custom_fields) : {};
    for (const [def, v] of g.custom) {
      if (Array.isArray(v)) {
        const cache = ctx.optionCache.get(def.id)!;
        const ids = v.map((n) => cache.get(normalizeName(n))).filter((id): id is number => id !== undefined);
        merged[def.id] = def.type === 'checkbox' ? [...new Set(ids)] : ids[0]!;
      } else merged[def.id] = v;
    }
    out.push(Object.keys(merged).length ? JSON.stringify(merged) : null);
  }
  const blocked = g.blocked || Number(ex?.blocked ?? 0) === 1;
  out.push(g.score ?? (ex ? Number(ex.score) : 0), blocked ? 1 : 0, g.row);
  return blocked;
}

/** The optimistic insert met e-mails the account has: the batch runs again with the lookup. */
class KnownLeads extends Error {}

/** A batch's records checked (pure JavaScript, no database): the good rows and the errors. */
type Checked = { batch: InRecord[]; good: GoodRow[]; errors: ErrorRow[]; duplicates: number };

function checkBatch(ctx: BatchCtx, batch: InRecord[]): Checked {
  const errors: ErrorRow[] = [];
  const good: GoodRow[] = [];
  const firstRow = new Map<string, number>();
  let duplicates = 0;
  for (const rec of batch) {
    const v = validate(ctx, rec);
    if ('message' in v) {
      errors.push(v);
      continue;
    }
    const first = firstRow.get(v.norm);
    if (first !== undefined) {
      duplicates++;
      errors.push({
        row: v.row,
        email: v.email,
        message: `Duplicate of row ${first} (same email); the first one was imported.`,
        fields: cellsOf(ctx, rec),
      });
      continue;
    }
    firstRow.set(v.norm, v.row);
    good.push(v);
  }
  return { batch, good, errors, duplicates };
}

async function commitBatch(ctx: BatchCtx, checked: Checked, expectedProcessed: number): Promise<void> {
  const { deps, importId, accountId, options, mapped } = ctx;
  const { batch, good, errors } = checked;
  let { duplicates } = checked;
  const now = deps.clock.now();
  const nowIso = iso(now);
  let failed = errors.length - duplicates;
  let created = 0;
  let updated = 0;
  let skipped = 0;
  let blockedCount = 0;
  let roomUsed = 0;

  const body = async (x: Exec): Promise<void> => {
    // Optimistic: while the file brings only new e-mails, the batch's leads are inserted straight
    // away, first thing in the transaction, and the unique index is the lookup; a batch that
    // meets a known e-mail (or, on PostgreSQL, one another session adds meanwhile) rolls the
    // whole transaction back — nothing else was written yet, and no savepoint (a subtransaction
    // on PostgreSQL, two more round trips) is paid on every batch — and runs again with the
    // lookup below.
    let preIds: number[] | undefined;
    if (
      ctx.optimistic &&
      good.length &&
      good.length <= ctx.room() &&
      !mapped.custom.some((c) => isChoiceType(c.def.type))
    ) {
      const flat: unknown[] = [];
      for (const g of good) leadRow(ctx, g, undefined, flat);
      try {
        preIds = await insertIds(
          x,
          'leads',
          leadShape(ctx).cols,
          flat,
          'email_normalized',
          leadFixed(ctx, nowIso),
        );
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== '23505') throw err;
        throw new KnownLeads();
      }
    }

    // Which of these e-mails the account already has: one query per batch.
    const existing = new Map<string, Existing>();
    if (!preIds) {
      const found = await selectIn<Existing>(
        x,
        (p, list) =>
          `select id, email_normalized, deleted_at, last_import_id, last_import_row, custom_fields, blocked, score from leads where account_id = ${p.p(accountId)} and email_normalized in (${list()})`,
        good.map((g) => g.norm),
      );
      for (const r of found) existing.set(r.email_normalized, r);
      ctx.optimistic = found.length === 0;
    }

    const writes: { g: GoodRow; ex: Existing | undefined }[] = [];
    const skips: { id: number; row: number }[] = [];
    for (const g of good) {
      const ex = existing.get(g.norm);
      if (ex && Number(ex.last_import_id) === importId) {
        duplicates++;
        errors.push({
          row: g.row,
          email: g.email,
          message: `Duplicate of row ${ex.last_import_row} (same email); the first one was imported.`,
          fields: [],
        });
        continue;
      }
      if (ex && ex.deleted_at === null && !options.update_existing) {
        skipped++;
        skips.push({ id: Number(ex.id), row: g.row });
        continue;
      }
      if (!ex || ex.deleted_at !== null) {
        if (roomUsed >= ctx.room()) {
          failed++;
          errors.push({
            row: g.row,
            email: g.email,
            message: 'Your plan’s lead limit is reached; upgrade the plan and import this row again.',
            fields: [],
          });
          continue;
        }
        roomUsed++;
      }
      writes.push({ g, ex });
    }
    // Error rows keep their cells for the downloadable error file.
    if (errors.some((e) => !e.fields.length)) {
      const fieldsOf = new Map(batch.map((r) => [r.row, r]));
      for (const e of errors) {
        const rec = fieldsOf.get(e.row);
        if (!e.fields.length && rec) e.fields = cellsOf(ctx, rec);
      }
    }

    // Choice options and tag/list names of this batch.
    const wantedOptions = new Map<CustomFieldDef, Set<string>>();
    const tagNames = new Set<string>();
    const listNames = new Set<string>();
    for (const { g } of writes) {
      for (const t of g.tags) tagNames.add(t);
      for (const l of g.lists) listNames.add(l);
      for (const [def, v] of g.custom) {
        if (!Array.isArray(v)) continue;
        const set = wantedOptions.get(def) ?? new Set<string>();
        wantedOptions.set(def, set);
        for (const n of v) set.add(n);
      }
    }
    await resolveNames(x, ctx, 'tags', tagNames, nowIso);
    await resolveNames(x, ctx, 'lists', listNames, nowIso);
    await resolveOptions(x, ctx, wantedOptions);

    // Upsert the leads: new rows insert, existing (or deleted: restored) rows update the mapped
    // fields with the cells that hold something. Empty cells never erase what a lead has.
    const idOf = new Map<string, number>();
    if (writes.length) {
      const { cols, set } = leadShape(ctx);
      const fixed = leadFixed(ctx, nowIso);
      const freshFlat: unknown[] = [];
      const oldFlat: unknown[] = [];
      for (let w = 0; w < writes.length; w++) {
        const { g, ex } = writes[w]!;
        const blocked = preIds && !ex ? g.blocked : leadRow(ctx, g, ex, ex ? oldFlat : freshFlat);
        if (blocked) blockedCount++;
        if (ex && ex.deleted_at === null) updated++;
        else created++;
      }
      // New e-mails: a plain insert (done above already when optimistic). On SQLite this
      // transaction holds the write lock since the lookup, so nobody can have added them
      // meanwhile. On PostgreSQL a lead created by someone else in between makes the batch fail
      // on the unique index; the job's next attempt finds it in the lookup (the batch is all or
      // nothing, so nothing is counted twice).
      const ids = preIds ?? (await insertIds(x, 'leads', cols, freshFlat, 'email_normalized', fixed));
      let k = 0;
      for (const { g, ex } of writes) if (!ex) idOf.set(g.norm, ids[k++]!);
      // Known e-mails (live or deleted) update the row they have.
      if (oldFlat.length) {
        await insertFlat(
          x,
          'leads',
          cols,
          oldFlat,
          `on conflict (account_id, email_normalized) do update set ${set}`,
          fixed,
        );
        for (const { g, ex } of writes) if (ex) idOf.set(g.norm, Number(ex.id));
      }
    }

    // Skipped leads remember this import (so a later duplicate in the file is recognised).
    for (let i = 0; i < skips.length; i += 500) {
      const part = skips.slice(i, i + 500);
      const p = new Params(x.dialect);
      const head = `update leads set last_import_id = ${p.p(importId)}, last_import_row = case id ${part.map((s) => `when cast(${p.p(s.id)} as integer) then cast(${p.p(s.row)} as integer)`).join(' ')} end`;
      await x.all(
        `${head} where account_id = ${p.p(accountId)} and id in (${part.map((s) => p.p(s.id)).join(', ')})`,
        p.values,
      );
    }

    // Tags and lists: the file's own plus each row's columns. Only new links are reported.
    const tagFlat: unknown[] = [];
    const listFlat: unknown[] = [];
    const oldTagRows: unknown[][] = [];
    const oldListRows: unknown[][] = [];
    const tagsOf = new Map<number, number[]>();
    const listsOf = new Map<number, number[]>();
    const tagCache = ctx.nameCache.tags;
    const listCache = ctx.nameCache.lists;
    for (const { g, ex } of writes) {
      const leadId = idOf.get(g.norm)!;
      let tagIds = ctx.fileTags;
      if (g.tags.length) {
        tagIds = [...ctx.fileTags];
        for (const t of g.tags) {
          const id = ctx.rawIds.tags.get(t) ?? cacheRaw(ctx.rawIds.tags, t, tagCache.get(normalizeName(t))!);
          if (!tagIds.includes(id)) tagIds.push(id);
        }
      }
      let listIds = ctx.fileLists;
      if (g.lists.length) {
        listIds = [...ctx.fileLists];
        for (const l of g.lists) {
          const id =
            ctx.rawIds.lists.get(l) ?? cacheRaw(ctx.rawIds.lists, l, listCache.get(normalizeName(l))!);
          if (!listIds.includes(id)) listIds.push(id);
        }
      }
      if (!ex) {
        // A new lead's links are all new: plain inserts, and they are what it got.
        for (const t of tagIds) tagFlat.push(leadId, t);
        for (const l of listIds) listFlat.push(leadId, l);
        if (tagIds.length) tagsOf.set(leadId, tagIds);
        if (listIds.length) listsOf.set(leadId, listIds);
      } else {
        for (const t of tagIds) oldTagRows.push([leadId, t, accountId, nowIso]);
        for (const l of listIds) oldListRows.push([leadId, l, accountId, 'subscribed', nowIso]);
      }
    }
    const tagCols = ['lead_id', 'tag_id', 'account_id', 'created_at'];
    const listCols = ['lead_id', 'list_id', 'account_id', 'status', 'subscribed_at'];
    if (tagFlat.length)
      await insertFlat(x, 'lead_tags', ['lead_id', 'tag_id'], tagFlat, '', {
        account_id: accountId,
        created_at: nowIso,
      });
    if (listFlat.length)
      await insertFlat(x, 'lead_lists', ['lead_id', 'list_id'], listFlat, '', {
        account_id: accountId,
        status: 'subscribed',
        subscribed_at: nowIso,
      });
    // A known lead may have some already: only the new ones count.
    if (oldTagRows.length) {
      const added = await insertRows<{ lead_id: number; tag_id: number }>(
        x,
        'lead_tags',
        tagCols,
        oldTagRows,
        'on conflict (lead_id, tag_id) do nothing returning lead_id, tag_id',
      );
      for (const r of added) pushTo(tagsOf, Number(r.lead_id), Number(r.tag_id));
    }
    // An unsubscribed lead stays unsubscribed: an import never re-subscribes anyone.
    if (oldListRows.length) {
      const added = await insertRows<{ lead_id: number; list_id: number }>(
        x,
        'lead_lists',
        listCols,
        oldListRows,
        'on conflict (lead_id, list_id) do nothing returning lead_id, list_id',
      );
      for (const r of added) pushTo(listsOf, Number(r.lead_id), Number(r.list_id));
    }

    // A timeline entry for each lead this import changed or restored. A lead it created has
    // none: its "created by import N" entry is derived from the lead row itself (source,
    // source_id, created_at; see listTimeline), which saves a row and an index entry a lead.
    const timeline: unknown[] = [];
    const source = String(importId);
    const fieldsJson = new Map<string, string>();
    for (let w = 0; w < writes.length; w++) {
      const { g, ex } = writes[w]!;
      if (!ex) continue;
      const leadId = idOf.get(g.norm)!;
      let mask = '';
      for (let i = 0; i < mapped.text.length; i++) mask += g.text[i] === null ? '0' : '1';
      let fields = fieldsJson.get(mask);
      if (fields === undefined) {
        fields = JSON.stringify(mapped.text.filter((_, i) => mask[i] === '1').map((t) => t.field));
        fieldsJson.set(mask, fields);
      }
      const action = ex.deleted_at !== null ? 'restored' : 'updated';
      const detail = `{"import_id":${importId},"row":${g.row},"action":"${action}","fields":${fields},"tag_ids":[${tagsOf.get(leadId) ?? ''}],"list_ids":[${listsOf.get(leadId) ?? ''}]}`;
      timeline.push(accountId, leadId, nowIso, 'imported', detail, 'import', source);
    }
    if (timeline.length)
      await insertFlat(
        x,
        'lead_timeline',
        ['account_id', 'lead_id', 'at', 'kind', 'detail', 'source', 'source_id'],
        timeline,
      );

    if (errors.length) {
      await insertRows(
        x,
        'lead_import_errors',
        ['import_id', 'row', 'email', 'message', 'fields'],
        errors.map((e) => [importId, e.row, e.email, e.message, JSON.stringify(e.fields)]),
      );
    }

    let event: unknown[] | undefined;
    if (writes.length) {
      const createdIds: number[] = [];
      const updatedIds: number[] = [];
      for (const { g, ex } of writes)
        (ex && ex.deleted_at === null ? updatedIds : createdIds).push(idOf.get(g.norm)!);
      const byTag = new Map<number, number[]>();
      for (const [leadId, ids] of tagsOf) for (const id of ids) pushTo(byTag, id, leadId);
      const byList = new Map<number, number[]>();
      for (const [leadId, ids] of listsOf) for (const id of ids) pushTo(byList, id, leadId);
      const payload = {
        import_id: importId,
        source: 'import',
        source_id: String(importId),
        created: createdIds,
        updated: updatedIds,
        tags_applied: [...byTag].map(([tag_id, lead_ids]) => ({ tag_id, lead_ids })),
        lists_subscribed: [...byList].map(([list_id, lead_ids]) => ({ list_id, lead_ids })),
      };
      event = [accountId, LEAD_EVENTS.imported, JSON.stringify(payload), nowIso];
    }
    // SQLite: the event on its own (its statements cost no round trip).
    if (event && x.dialect !== 'postgres')
      await insertRows(x, 'events', ['account_id', 'type', 'payload', 'created_at'], [event]);

    // The fence: this batch counts only if nobody else committed it meanwhile. PostgreSQL: the
    // event goes in with it, one statement (a round trip less a batch).
    const p = new Params(x.dialect);
    const withEvent =
      event && x.dialect === 'postgres'
        ? `with event as (insert into events (account_id, type, payload, created_at) values (${event.map((v) => p.p(v)).join(', ')})) `
        : '';
    const fenced = await x.all<{ id: number }>(
      `${withEvent}update lead_imports set processed_rows = processed_rows + ${p.p(batch.length)}, created = created + ${p.p(created)}, updated = updated + ${p.p(updated)}, skipped = skipped + ${p.p(skipped)}, duplicates = duplicates + ${p.p(duplicates)}, failed = failed + ${p.p(failed)}, blocked = blocked + ${p.p(blockedCount)}, updated_at = ${p.p(nowIso)} where id = ${p.p(importId)} and status = 'running' and processed_rows = ${p.p(expectedProcessed)} returning id`,
      p.values,
    );
    if (!fenced.length) throw new ImportFenced(`Import ${importId} moved on elsewhere.`);
  };
  try {
    await ctx.store.transaction(body);
  } catch (err) {
    if (!(err instanceof KnownLeads)) throw err;
    ctx.optimistic = false;
    await ctx.store.transaction(body);
  }
  ctx.useRoom(roomUsed);
}

function cacheRaw(cache: Map<string, number>, raw: string, id: number): number {
  if (cache.size < 100_000) cache.set(raw, id);
  return id;
}

function pushTo(map: Map<number, number[]>, key: number, value: number): void {
  const arr = map.get(key);
  if (arr) arr.push(value);
  else map.set(key, [value]);
}
