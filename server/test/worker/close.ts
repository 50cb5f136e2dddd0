import type { TestDb } from '../db.js';

/**
 * Closes a test database, letting the PostgreSQL pool's connections finish closing first: pg's
 * pool.end() resolves before its sockets are closed, and the DROP DATABASE … WITH (FORCE) in
 * TestDb.close() can then terminate a backend mid-goodbye, which pg reports as an uncaught error.
 */
export async function closeTestDb(t: TestDb | undefined): Promise<void> {
  if (!t) return;
  await t.db.destroy();
  if (t.dialect === 'postgres') await new Promise((r) => setTimeout(r, 100));
  await t.close();
}
