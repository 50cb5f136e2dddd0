import { CompiledQuery } from 'kysely';
import type { DbOrTrx, Dialect } from '../../../db/types.js';

/**
 * Hand-built multi-row statements for the import's hot path: Kysely's query builder costs more
 * than the insert itself at 1,000 rows × 30 columns, so the import writes its SQL directly
 * (parameters only, never interpolated values) and runs it through Kysely's executor.
 */

/** Stay under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement. */
export const MAX_PARAMS = 30_000;

export class SqlBuf {
  readonly params: unknown[] = [];
  constructor(private readonly dialect: Dialect) {}
  /** A placeholder for `v`. */
  p(v: unknown): string {
    this.params.push(v);
    return this.dialect === 'postgres' ? `$${this.params.length}` : '?';
  }
}

export async function run<R = Record<string, unknown>>(
  db: DbOrTrx,
  text: string,
  params: unknown[],
): Promise<R[]> {
  const res = await db.executeQuery<R>(CompiledQuery.raw(text, params));
  return res.rows;
}

/** Rows per statement so that rows × columns stays under MAX_PARAMS. */
export const rowsPerStatement = (columns: number): number => Math.max(1, Math.floor(MAX_PARAMS / columns));

/**
 * `INSERT INTO table (cols) VALUES (…), (…) [suffix]` in as few statements as the parameter limit
 * allows; returns the RETURNING rows of all of them.
 */
export async function insertRows<R = Record<string, unknown>>(
  db: DbOrTrx,
  dialect: Dialect,
  table: string,
  columns: string[],
  rows: unknown[][],
  suffix = '',
): Promise<R[]> {
  const out: R[] = [];
  const per = rowsPerStatement(columns.length);
  const head = `insert into ${table} (${columns.join(', ')}) values `;
  for (let i = 0; i < rows.length; i += per) {
    const b = new SqlBuf(dialect);
    const tuples: string[] = [];
    for (const row of rows.slice(i, i + per)) tuples.push(`(${row.map((v) => b.p(v)).join(', ')})`);
    const res = await run<R>(db, `${head}${tuples.join(', ')} ${suffix}`, b.params);
    for (const r of res) out.push(r);
  }
  return out;
}
