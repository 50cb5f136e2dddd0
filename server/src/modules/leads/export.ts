import { stringify } from 'csv-stringify/sync';
import type { AppDeps } from '../../deps.js';
import { STANDARD_FIELDS, TEXT_FIELDS } from './fields.js';
import type { LeadFilter } from './schema.js';
import { filteredLeads, loadCustomFields, toLeadOuts } from './service.js';

/**
 * The filtered leads as CSV, streamed page by page (memory stays flat): every standard field,
 * score, source, blocked, GDPR, dates, tags and subscribed lists (joined with "; "), then one
 * column per custom field. Re-importable: the header uses the import's own words.
 */

const PAGE = 1000;

/**
 * Spreadsheets run a cell that starts with = + - @ (or tab/CR before one) as a formula; such
 * cells get a leading apostrophe (OWASP's advice). Plain numbers ("-5", "+15551234567") are
 * harmless and stay as they are.
 */
export function safeCell(v: string): string {
  if (!v) return v;
  const c = v.charCodeAt(0);
  // = + - @ tab CR
  if (c !== 61 && c !== 43 && c !== 45 && c !== 64 && c !== 9 && c !== 13) return v;
  if (/^[+-]?\d+(\.\d+)?$/.test(v)) return v;
  return `'${v}`;
}

export async function* exportLeadsCsv(
  deps: AppDeps,
  accountId: number,
  filter: LeadFilter,
): AsyncIterable<string> {
  const defs = await loadCustomFields(deps.db, accountId);
  const header = [
    'id',
    ...STANDARD_FIELDS,
    'score',
    'source',
    'blocked',
    'gdpr_status',
    'gdpr_date',
    'gdpr_ip',
    'created_at',
    'updated_at',
    'tags',
    'lists',
    ...defs.map((d) => d.identifier),
  ];
  // The BOM makes Excel read the file as UTF-8.
  yield `\uFEFF${stringify([header])}`;
  let after = 0;
  for (;;) {
    const q = await filteredLeads(deps.db, accountId, filter);
    const rows = await q.where('leads.id', '>', after).orderBy('leads.id').limit(PAGE).execute();
    if (!rows.length) return;
    after = rows[rows.length - 1]!.id;
    const leads = await toLeadOuts(deps.db, accountId, rows, defs);
    const out = leads.map((l) =>
      [
        String(l.id),
        l.email,
        ...TEXT_FIELDS.map((f) => l[f] ?? ''),
        String(l.score),
        l.source,
        l.blocked ? 'yes' : 'no',
        l.gdpr.status,
        l.gdpr.date ?? '',
        l.gdpr.ip ?? '',
        l.created_at,
        l.updated_at,
        l.tags.map((t) => t.name).join('; '),
        l.lists
          .filter((x) => x.status === 'subscribed')
          .map((x) => x.name)
          .join('; '),
        ...defs.map((d) => {
          const v = l.custom_fields[d.identifier];
          return Array.isArray(v) ? v.join('; ') : (v ?? '');
        }),
      ].map(safeCell),
    );
    yield stringify(out);
    if (rows.length < PAGE) return;
  }
}
