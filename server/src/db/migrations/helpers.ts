import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import type { Dialect } from '../types.js';

/** Schema-builder helpers that paper over the two dialects' differences. */

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
export type MigrationDb = Kysely<any>;

export type PortableMigration = {
  up(db: MigrationDb, dialect: Dialect): Promise<void>;
};

/** Auto-incrementing integer primary key named `id`. */
export function withId<T extends string>(table: CreateTableBuilder<T, never>, dialect: Dialect) {
  return dialect === 'postgres'
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** An account foreign key, deleted with its account. */
export const accountRef = (c: ColumnDefinitionBuilder) =>
  c.notNull().references('accounts.id').onDelete('cascade');

/** Integer type for counters/references that may exceed 2^31 on PostgreSQL. */
export const bigint = (dialect: Dialect) => (dialect === 'postgres' ? 'bigint' : 'integer');
