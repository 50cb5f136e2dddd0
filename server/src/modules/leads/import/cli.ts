import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../../../config.js';
import { badRequest, notFound } from '../../../lib/errors.js';
import { openRuntime } from '../../../runtime.js';
import { findAccountByUsername } from '../../accounts/service.js';
import { GDPR_STATUSES } from '../fields.js';
import type { ImportOut } from '../schema.js';
import { createImportFromFile, getImport, importErrorsCsv } from './service.js';

export const IMPORT_USAGE =
  'import FILE --account U [--tag T]… [--list L]… [--gdpr consented|not_consented|unknown] [--map "Header=field"]… [--update-existing]';

/**
 * `atrium import FILE --account U …`: stores the file, queues the import and runs a worker in this
 * process until it is done, drawing a progress bar (a line per 10 % when not on a terminal).
 * The suggested mapping is used unless `--map "Header=field"` says otherwise (`Header=` ignores
 * the column). Rows that failed go to FILE-errors.csv. Killed, the import resumes in any worker.
 */
export async function runImportCommand(
  config: Config,
  args: string[],
  out: NodeJS.WriteStream = process.stdout,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      account: { type: 'string' },
      tag: { type: 'string', multiple: true },
      list: { type: 'string', multiple: true },
      gdpr: { type: 'string' },
      map: { type: 'string', multiple: true },
      'update-existing': { type: 'boolean' },
    },
  });
  const file = positionals[0];
  if (!file || !values.account) throw badRequest('usage', `Usage: atrium ${IMPORT_USAGE}`);
  if (values.gdpr && !(GDPR_STATUSES as readonly string[]).includes(values.gdpr)) {
    throw badRequest('usage', `--gdpr must be one of ${GDPR_STATUSES.join(', ')}.`);
  }
  const mapping: Record<string, string | null> = {};
  for (const m of values.map ?? []) {
    const at = m.lastIndexOf('=');
    if (at <= 0)
      throw badRequest(
        'usage',
        `--map "${m}": write it as "Header=field" (or "Header=" to ignore the column).`,
      );
    const target = m.slice(at + 1).trim();
    mapping[m.slice(0, at)] = target && target !== 'null' ? target : null;
  }
  const options = {
    mapping,
    tags: values.tag ?? [],
    lists: values.list ?? [],
    gdpr: values.gdpr ?? 'unknown',
    update_existing: values['update-existing'] ?? false,
  };

  const runtime = await openRuntime(config);
  try {
    const account = await findAccountByUsername(runtime.deps.db, values.account);
    if (!account) throw notFound(`The account "${values.account}"`);
    const started = performance.now();
    const imp = await createImportFromFile(runtime.deps, account, path.resolve(file), options);
    out.write(
      `Importing ${imp.total_rows.toLocaleString('en')} rows of ${imp.file_name} into "${account.username}" (import ${imp.id})\n`,
    );
    runtime.worker.start();
    runtime.deps.wake();
    const bar = progressBar(out, imp.total_rows);
    let last: ImportOut = imp;
    while (last.status === 'queued' || last.status === 'running') {
      await new Promise((r) => setTimeout(r, 200));
      last = await getImport(runtime.deps, account.id, imp.id);
      bar(last.processed_rows, performance.now() - started);
    }
    bar(last.processed_rows, performance.now() - started, true);
    out.write(
      `${last.status === 'completed' ? 'Done' : `Import ${last.status}${last.error ? `: ${last.error}` : ''}`}: ` +
        `${last.created} created, ${last.updated} updated, ${last.skipped} skipped (already there), ` +
        `${last.duplicates} duplicates, ${last.failed} failed, ${last.blocked} blocked, in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`,
    );
    if (last.error_count > 0) {
      const errorsFile = file.replace(/(\.csv)?$/i, '-errors.csv');
      const stream = fs.createWriteStream(errorsFile);
      for await (const chunk of importErrorsCsv(runtime.deps, account.id, imp.id)) stream.write(chunk);
      await new Promise<void>((r) => stream.end(() => r()));
      for (const e of last.errors.slice(0, 5)) out.write(`  row ${e.row}: ${e.message}\n`);
      out.write(
        `The ${last.error_count} rows that were not imported are in ${errorsFile} with the reason; fix them and import that file.\n`,
      );
    }
    return last.status === 'completed' ? 0 : 1;
  } finally {
    await runtime.close();
  }
}

function progressBar(out: NodeJS.WriteStream, total: number) {
  const tty = Boolean(out.isTTY);
  let lastTenth = -1;
  return (done: number, ms: number, final = false) => {
    const ratio = total ? Math.min(1, done / total) : 1;
    const rate = ms > 0 ? Math.round((done / ms) * 1000) : 0;
    const text = `${(ratio * 100).toFixed(0).padStart(3)}%  ${done.toLocaleString('en')}/${total.toLocaleString('en')} rows  ${rate.toLocaleString('en')} rows/s`;
    if (tty) {
      const width = 30;
      const filled = Math.round(ratio * width);
      out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}`);
      if (final) out.write('\n');
      return;
    }
    const tenth = Math.floor(ratio * 10);
    if (tenth > lastTenth || final) {
      if (tenth > lastTenth) out.write(`${text}\n`);
      lastTenth = tenth;
    }
  };
}
