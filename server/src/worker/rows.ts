import { CompiledQuery, PostgresAdapter } from 'kysely';
import type { Database, DbOrTrx } from '../db/types.js';

/** Rows per multi-row INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
export const ROWS_PER_INSERT = 500;

/**
 * A multi-row INSERT written without the query builder, for the hot paths that write a row per
 * event or grant in batches (outbox, jobs, the automation engine's batch): building and
 * compiling a hundred rows' worth of Kysely nodes cost more than SQLite's work on them. The
 * statement's text is kept per shape (dialect, table, columns, row count, clauses), so SQLite's
 * statement cache finds it again.
 *
 * Every row must have the same keys, in the same order (the first row's are used). `conflict`
 * is the raw ON CONFLICT clause (e.g. `("dedupe_key") do nothing`): pass only constant text,
 * never input. Returns the RETURNING rows, if any were asked for.
 */
export async function insertRows<T extends keyof Database & string, R = Record<string, unknown>>(
  db: DbOrTrx,
  table: T,
  rows: readonly Record<string, unknown>[],
  opts: { conflict?: string; returning?: readonly string[] } = {},
): Promise<R[]> {
  if (rows.length === 0) return [];
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const columns = Object.keys(rows[0]!);
  const out: R[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const end = Math.min(rows.length, start + ROWS_PER_INSERT);
    const text = statement(pg, table, columns, end - start, opts);
    const params: unknown[] = new Array((end - start) * columns.length);
    let p = 0;
    for (let i = start; i < end; i++) {
      const row = rows[i]!;
      for (const c of columns) params[p++] = row[c] ?? null;
    }
    const result = await db.executeQuery<R>(CompiledQuery.raw(text, params));
    if (opts.returning) out.push(...result.rows);
  }
  return out;
}

const texts = new Map<string, string>();

function statement(
  pg: boolean,
  table: string,
  columns: readonly string[],
  count: number,
  opts: { conflict?: string; returning?: readonly string[] },
): string {
  const key = `${pg ? 'pg' : 'sqlite'}|${table}|${columns.join(',')}|${count}|${opts.conflict ?? ''}|${opts.returning?.join(',') ?? ''}`;
  let text = texts.get(key);
  if (text !== undefined) return text;
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const tuples: string[] = [];
  let n = 0;
  for (let i = 0; i < count; i++) tuples.push(`(${columns.map(() => (pg ? `$${++n}` : '?')).join(', ')})`);
  text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${tuples.join(', ')}`;
  if (opts.conflict) text += ` on conflict ${opts.conflict}`;
  if (opts.returning?.length) text += ` returning ${opts.returning.map(quote).join(', ')}`;
  // Bounded: row counts vary from 1 to ROWS_PER_INSERT per shape.
  if (texts.size > 5000) texts.clear();
  texts.set(key, text);
  return text;
}
