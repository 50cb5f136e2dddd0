import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Account } from '../../../db/types.js';
import type { AppDeps } from '../../../deps.js';
import { iso } from '../../../lib/clock.js';
import { AppError, badRequest, notFound, unprocessable } from '../../../lib/errors.js';
import type { JobHandler } from '../../../worker/index.js';
import { enqueueJob } from '../../../worker/jobs.js';
import { planOf } from '../../plans/service.js';
import { FIELD_LABELS, STANDARD_FIELDS } from '../fields.js';
import { type ImportOptions, type ImportOut, importOptions, storedImportOptions } from '../schema.js';
import { loadCustomFields } from '../service.js';
import type { Encoding } from './decode.js';
import { CHUNK_BYTES, importFiles } from './files.js';
import { SPECIAL_TARGETS, suggestMapping } from './mapping.js';
import { type ImportDeps, ImportFenced, processImport } from './run.js';
import { type ScanResult, scanFile } from './scan.js';

/**
 * Imports: upload (scan + store the file in the database), start (options → queued job), the job
 * handler, progress, per-row errors as a CSV, cancel. The file waits in `files.ts`'s store, so
 * any server or worker process can run or resume an import (stateless instances).
 */

export const IMPORT_JOB = 'leads.import';
const MAX_ERRORS_SHOWN = 100;

export const importJobKey = (id: number) => `leads.import:${id}`;

/** Refuses a file with more columns holding data than the plan allows (Kartra: 60). */
export function assertColumns(deps: AppDeps, account: Account, scan: ScanResult): void {
  const max = planOf(deps.plans, account.plan).limits.import_columns;
  if (max !== null && scan.dataColumns > max) {
    throw unprocessable(
      'too_many_columns',
      `This file has ${scan.dataColumns} columns with data; at most ${max} can be imported at once. Delete the extra columns (or split the file) and upload it again.`,
      { data_columns: scan.dataColumns, max_data_columns: max },
    );
  }
  if (!scan.columns.length)
    throw unprocessable(
      'empty_file',
      'The file is empty: it needs a header row and at least one row of leads.',
    );
}

export async function previewImport(
  deps: AppDeps,
  account: Account,
  source: AsyncIterable<Buffer>,
  fileName: string,
  encoding?: Encoding,
) {
  const scan = await scanFile(source, { ...(encoding ? { encoding } : {}) });
  assertColumns(deps, account, scan);
  const defs = await loadCustomFields(deps.db, account.id);
  return {
    file_name: fileName,
    encoding: scan.encoding,
    delimiter: scan.delimiter,
    columns: scan.columns,
    data_columns: scan.dataColumns,
    max_data_columns: planOf(deps.plans, account.plan).limits.import_columns,
    total_rows: scan.totalRows,
    suggested_mapping: suggestMapping(scan.columns, defs),
    sample_rows: scan.sampleRows,
  };
}

/** Streams an upload into the database while scanning it; the import waits in `uploading`. */
export async function ingestUpload(
  deps: AppDeps,
  account: Account,
  source: AsyncIterable<Buffer>,
  fileName: string,
  encoding?: Encoding,
) {
  const now = iso(deps.clock.now());
  // Uploads abandoned by a crash are swept on the next one.
  const abandoned = await deps.db
    .selectFrom('lead_imports')
    .select('id')
    .where('account_id', '=', account.id)
    .where('status', '=', 'uploading')
    .where('created_at', '<', iso(new Date(deps.clock.now().getTime() - 86_400_000)))
    .execute();
  for (const a of abandoned) await discardImport(deps, a.id);
  const { id } = await deps.db
    .insertInto('lead_imports')
    .values({
      account_id: account.id,
      status: 'uploading',
      file_name: fileName.slice(0, 255),
      encoding: 'utf-8',
      delimiter: ',',
      columns: '[]',
      options: '{}',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const files = importFiles(deps.db, deps.config.database);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // One chunk is stored while the scan reads the next (appends stay in order).
  let storing: Promise<void> = Promise.resolve();
  const store = async () => {
    await storing;
    if (!pendingBytes) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    storing = files.append(id, data);
    storing.catch(() => {}); // awaited by the next store (or below)
  };
  try {
    const scan = await scanFile(source, {
      ...(encoding ? { encoding } : {}),
      tap: async (chunk) => {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= CHUNK_BYTES) await store();
      },
    });
    await store();
    await storing;
    return { id, scan };
  } catch (err) {
    await storing.catch(() => {});
    await discardImport(deps, id);
    throw err;
  }
}

export async function discardImport(deps: AppDeps, id: number): Promise<void> {
  await deps.db.deleteFrom('lead_imports').where('id', '=', id).execute();
  await importFiles(deps.db, deps.config.database).remove(id);
}

function storedChunks(deps: AppDeps, id: number): AsyncIterable<Buffer> {
  return importFiles(deps.db, deps.config.database).read(id);
}

/**
 * Checks the options against the file and queues the import. Anything wrong (too many columns,
 * a mapping naming a header the file lacks, an unknown custom field, no e-mail column) discards
 * the upload: nothing is imported.
 */
export async function startImport(
  deps: AppDeps,
  account: Account,
  id: number,
  scanned: ScanResult,
  rawOptions: unknown,
): Promise<ImportOut> {
  try {
    const parsed = importOptions.safeParse(rawOptions ?? {});
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({
        field: ['options', ...i.path].join('.'),
        message: i.message,
      }));
      throw badRequest(
        'invalid_input',
        `Please correct these fields — ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}.`,
        { fields },
      );
    }
    const input = parsed.data;
    let scan = scanned;
    if (input.encoding && input.encoding !== scan.encoding)
      scan = await scanFile(storedChunks(deps, id), { encoding: input.encoding });
    assertColumns(deps, account, scan);
    const defs = await loadCustomFields(deps.db, account.id);
    const mapping: Record<string, string | null> = suggestMapping(scan.columns, defs);
    for (const [header, target] of Object.entries(input.mapping ?? {})) {
      if (!scan.columns.includes(header)) {
        throw unprocessable(
          'unknown_column',
          `The file has no column "${header}". Its columns are: ${scan.columns.join(', ')}.`,
          { column: header },
        );
      }
      mapping[header] = target;
    }
    for (const target of Object.values(mapping)) {
      if (target?.startsWith('custom:')) {
        const identifier = target.slice(7).toLowerCase();
        if (!defs.some((d) => d.identifier.toLowerCase() === identifier)) {
          throw unprocessable(
            'unknown_custom_field',
            `There is no custom field "${target.slice(7)}". Create it first under Custom fields, or map the column elsewhere.`,
            { field: target.slice(7) },
          );
        }
      }
    }
    const emailColumns = Object.values(mapping).filter((t) => t === 'email').length;
    if (emailColumns !== 1) {
      throw unprocessable(
        'email_column_required',
        emailColumns
          ? 'Map only one column to email.'
          : 'Map one column to email: every lead needs an email address.',
      );
    }
    const options: ImportOptions = {
      mapping,
      tags: input.tags,
      lists: input.lists,
      gdpr: input.gdpr,
      update_existing: input.update_existing,
    };
    const now = deps.clock.now();
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('lead_imports')
        .set({
          status: 'queued',
          encoding: scan.encoding,
          delimiter: scan.delimiter,
          columns: JSON.stringify(scan.columns),
          options: JSON.stringify(options),
          total_rows: scan.totalRows,
          file_bytes: scan.bytes,
          updated_at: iso(now),
        })
        .where('id', '=', id)
        .where('account_id', '=', account.id)
        .execute();
      await enqueueJob(trx, {
        type: IMPORT_JOB,
        payload: { import_id: id },
        accountId: account.id,
        at: now,
        key: importJobKey(id),
        maxAttempts: 10,
      });
    });
    deps.wake();
    return getImport(deps, account.id, id);
  } catch (err) {
    await discardImport(deps, id);
    throw err;
  }
}

/** The CLI's and the benchmark's way in: a file on disk. */
export async function createImportFromFile(
  deps: AppDeps,
  account: Account,
  file: string,
  options: unknown,
): Promise<ImportOut> {
  if (!fs.existsSync(file)) throw badRequest('file_not_found', `There is no file ${file}.`);
  const encoding = z.object({ encoding: importOptions.shape.encoding }).safeParse(options).data?.encoding;
  const { id, scan } = await ingestUpload(
    deps,
    account,
    fs.createReadStream(file, { highWaterMark: 1 << 20 }),
    file.split('/').pop() ?? file,
    encoding,
  );
  return startImport(deps, account, id, scan, options);
}

/** What the import engine needs of the app's deps. */
export const importDepsOf = (deps: AppDeps): ImportDeps => ({
  db: deps.db,
  dialect: deps.dialect,
  clock: deps.clock,
  log: deps.log,
  plans: deps.plans,
  database: deps.config.database,
});

export const importPayload = z.object({ import_id: z.number().int().positive() });

/** Non-transactional: it commits batch by batch itself (see run.ts). */
export function leadImportHandler(deps: AppDeps): JobHandler<z.infer<typeof importPayload>> {
  return {
    type: IMPORT_JOB,
    parse: (p) => importPayload.parse(p),
    transactional: false,
    maxAttempts: 10,
    async run(ctx, payload) {
      try {
        await processImport(importDepsOf(deps), payload.import_id);
      } catch (err) {
        // Another attempt or a cancel owns the import now: nothing to retry here.
        if (err instanceof ImportFenced) return;
        if (ctx.job.attempts >= 10) {
          await deps.db
            .updateTable('lead_imports')
            .set({
              status: 'failed',
              error: err instanceof Error ? err.message : String(err),
              finished_at: iso(deps.clock.now()),
              updated_at: iso(deps.clock.now()),
            })
            .where('id', '=', payload.import_id)
            .where('status', 'in', ['queued', 'running'])
            .execute();
        }
        throw err;
      }
    },
  };
}

type ImportRow = Awaited<ReturnType<typeof loadImport>>;
async function loadImport(deps: AppDeps, accountId: number, id: number) {
  const row = await deps.db
    .selectFrom('lead_imports')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('status', '<>', 'uploading')
    .executeTakeFirst();
  if (!row) throw notFound('This import');
  return row;
}

async function toImportOut(deps: AppDeps, row: ImportRow, withErrors: boolean): Promise<ImportOut> {
  const options = storedImportOptions.parse(JSON.parse(row.options));
  let status = row.status as ImportOut['status'];
  let error = row.error;
  if (status === 'queued' || status === 'running') {
    // A job that died without the handler's last word leaves the import running: say failed.
    const job = await deps.db
      .selectFrom('jobs')
      .select(['status', 'last_error'])
      .where('dedupe_key', '=', importJobKey(row.id))
      .executeTakeFirst();
    if (job?.status === 'dead') {
      status = 'failed';
      error = job.last_error;
    }
  }
  const errors = withErrors
    ? await deps.db
        .selectFrom('lead_import_errors')
        .select(['row', 'email', 'message'])
        .where('import_id', '=', row.id)
        .orderBy('row')
        .limit(MAX_ERRORS_SHOWN)
        .execute()
    : [];
  return {
    id: row.id,
    status,
    file_name: row.file_name,
    encoding: row.encoding,
    delimiter: row.delimiter,
    columns: JSON.parse(row.columns) as string[],
    options: {
      mapping: options.mapping,
      tags: options.tags,
      lists: options.lists,
      gdpr: options.gdpr,
      update_existing: options.update_existing,
    },
    total_rows: row.total_rows,
    processed_rows: row.processed_rows,
    created: row.created,
    updated: row.updated,
    skipped: row.skipped,
    duplicates: row.duplicates,
    failed: row.failed,
    blocked: row.blocked,
    error_count: row.failed + row.duplicates,
    errors,
    error,
    created_at: row.created_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
  };
}

export async function getImport(deps: AppDeps, accountId: number, id: number): Promise<ImportOut> {
  return toImportOut(deps, await loadImport(deps, accountId, id), true);
}

export async function listImports(deps: AppDeps, accountId: number): Promise<ImportOut[]> {
  const rows = await deps.db
    .selectFrom('lead_imports')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('status', '<>', 'uploading')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return Promise.all(rows.map((r) => toImportOut(deps, r, false)));
}

/** Stops a queued or running import after the batch in flight; what was committed stays. */
export async function cancelImport(deps: AppDeps, accountId: number, id: number): Promise<ImportOut> {
  const row = await loadImport(deps, accountId, id);
  if (row.status !== 'queued' && row.status !== 'running') {
    throw new AppError(
      409,
      'import_finished',
      `This import is ${row.status}; only a queued or running import can be cancelled.`,
    );
  }
  const now = iso(deps.clock.now());
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('lead_imports')
      .set({ status: 'cancelled', finished_at: now, updated_at: now })
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .execute();
  });
  await importFiles(deps.db, deps.config.database).remove(id);
  return getImport(deps, accountId, id);
}

/**
 * The rows that were not imported, as a CSV with the file's own header plus an `Error` column
 * first: fix the cells, delete the Error column or leave it (it maps to nothing), and import
 * the file again.
 */
export async function* importErrorsCsv(deps: AppDeps, accountId: number, id: number): AsyncIterable<string> {
  const row = await loadImport(deps, accountId, id);
  const columns = JSON.parse(row.columns) as string[];
  yield `\uFEFF${stringify([['Error', 'Row', ...columns]])}`;
  let after = 0;
  for (;;) {
    const page = await deps.db
      .selectFrom('lead_import_errors')
      .select(['id', 'row', 'message', 'fields'])
      .where('import_id', '=', id)
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (!page.length) return;
    after = page[page.length - 1]!.id;
    const sorted = page.sort((a, b) => a.row - b.row);
    yield stringify(sorted.map((e) => [e.message, String(e.row), ...(JSON.parse(e.fields) as string[])]));
  }
}

/** What a column can be mapped to, for the wizard's drop-downs. */
export async function importTargets(deps: AppDeps, accountId: number) {
  const defs = await loadCustomFields(deps.db, accountId);
  const special: Record<(typeof SPECIAL_TARGETS)[number], string> = {
    full_name: 'Full name (split into first and last)',
    tags: 'Tags (split on ; or ,)',
    lists: 'Lists (split on ; or ,)',
    blocked: 'Blocked (yes/no)',
    score: 'Score',
  };
  return {
    fields: [
      ...STANDARD_FIELDS.map((f) => ({ value: f, label: FIELD_LABELS[f], kind: 'standard' as const })),
      ...SPECIAL_TARGETS.map((f) => ({ value: f, label: special[f], kind: 'special' as const })),
      ...defs.map((d) => ({ value: `custom:${d.identifier}`, label: d.label, kind: 'custom' as const })),
    ],
  };
}
