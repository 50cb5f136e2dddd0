import { type Compilable, type CompiledQuery, type RawBuilder, sql } from 'kysely';
import type { DbOrTrx } from './types.js';

/**
 * Statements compiled once and run many times. Kysely compiles every statement anew, which on the
 * API's hot paths costs more than SQLite running it; a statement whose shape never changes is built
 * once with placeholders and then run with the call's values in their places. The compiled SQL
 * depends only on the dialect, so it is kept per dialect adapter (shared by a database and its
 * transactions).
 */

const PLACEHOLDER = '\u0000prepared-param:';
const cache = new WeakMap<object, Map<string, CompiledQuery>>();

// biome-ignore lint/suspicious/noExplicitAny: placeholders stand in for values of any column type
export type Placeholder = (i: number) => any;

export async function runPrepared<R>(
  db: DbOrTrx,
  name: string,
  build: (p: Placeholder) => Compilable<R>,
  values: unknown[],
): Promise<R[]> {
  const adapter = db.getExecutor().adapter;
  let perDialect = cache.get(adapter);
  if (!perDialect) {
    perDialect = new Map();
    cache.set(adapter, perDialect);
  }
  let compiled = perDialect.get(name) as CompiledQuery<R> | undefined;
  if (!compiled) {
    compiled = build((i) => `${PLACEHOLDER}${i}`).compile();
    perDialect.set(name, compiled);
  }
  const template = compiled;
  const result = await db.executeQuery<R>({
    ...template,
    parameters: template.parameters.map((v) =>
      typeof v === 'string' && v.startsWith(PLACEHOLDER) ? values[Number(v.slice(PLACEHOLDER.length))] : v,
    ),
  });
  return result.rows;
}

/**
 * A text column as an expression no index can serve, for a WHERE term beside `id IN (…)`:
 * SQLite's planner (no statistics) would otherwise scan an index on that column, e.g. every
 * running job of the queue, instead of looking up the few ids. PostgreSQL plans by statistics
 * and reads the same rows either way.
 */
export const unindexed = (column: string): RawBuilder<string> => sql<string>`(${sql.ref(column)} || '')`;
