import { openDatabase } from '../../db/connect.js';
import { systemClock } from '../../lib/clock.js';
import { loadPlanCatalog } from '../plans/catalog.js';
import { processImport } from './import/run.js';

/**
 * A separate process that runs one import with small batches, for the kill-and-resume test:
 * the test SIGKILLs it mid-import. Input: ATRIUM_CHILD = {database, importId, batchRows}.
 */
const input = JSON.parse(process.env.ATRIUM_CHILD ?? '{}');
const handle = openDatabase(input.database, { poolSize: 2 });
const quiet = { info() {}, warn() {}, error() {}, debug() {} };
await processImport(
  {
    db: handle.db,
    dialect: handle.dialect,
    clock: systemClock,
    log: quiet,
    plans: loadPlanCatalog(),
    database: input.database,
    batchRows: input.batchRows,
  },
  input.importId,
);
await handle.db.destroy();
