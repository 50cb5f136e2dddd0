import { sql } from 'kysely';
import type { PortableMigration } from './helpers.js';

/**
 * Import speed (PostgreSQL): an upload waits in `lead_import_chunks` (1 MB rows) only until its
 * import is done, so its bytes are stored as they are: no TOAST compression (pglz), which cost
 * ~5 times the CPU of the write itself for a CSV. SQLite keeps uploads beside the database file.
 */
export const importSpeed: PortableMigration = {
  async up(db, dialect) {
    if (dialect !== 'postgres') return;
    await sql`alter table lead_import_chunks alter column data set storage external`.execute(db);
  },
};
