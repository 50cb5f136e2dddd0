import type { Selectable } from 'kysely';
import type { DbOrTrx, LeadsTable } from '../../../db/types.js';
import { TEXT_FIELDS, type TextField } from '../fields.js';

/**
 * The "created by import N" timeline entry of a lead an import created. The import stores no
 * timeline row for the leads it creates (a million of them would cost a row and an index entry
 * each): the entry is derived from the lead row itself — `source = 'import'`, `source_id` (the
 * import), `created_at` — and from the links and the import's mapping. It is the lead's oldest
 * entry, so it is shown as id 0, after every stored one.
 *
 * It is derived only while no stored entry of that import exists for the lead: leads imported
 * before this change have their stored entry, and deleting a lead stores its derived entry first
 * (`keepImportOrigins`), so a lead that is deleted and re-created keeps where it came from.
 */

export type TimelineEntryRow = {
  id: number;
  at: string;
  kind: string;
  source: string;
  source_id: string | null;
  detail: Record<string, unknown>;
};

type Lead = Pick<
  Selectable<LeadsTable>,
  'id' | 'account_id' | 'source' | 'source_id' | 'created_at' | 'last_import_id' | 'last_import_row'
> &
  Partial<Record<TextField, string | null>>;

/** The derived entry of `lead`, or undefined when it has none (or a stored one). */
export async function importOrigin(db: DbOrTrx, lead: Lead): Promise<TimelineEntryRow | undefined> {
  return (await importOrigins(db, lead.account_id, [lead])).get(lead.id);
}

/** importOrigin for many leads of one account, in a few queries. */
async function importOrigins(
  db: DbOrTrx,
  accountId: number,
  all: Lead[],
): Promise<Map<number, TimelineEntryRow>> {
  const out = new Map<number, TimelineEntryRow>();
  const leads = all.filter(
    (l) => l.account_id === accountId && l.source === 'import' && !!l.source_id && /^\d+$/.test(l.source_id),
  );
  if (!leads.length) return out;
  const ids = leads.map((l) => l.id);
  const importIds = [...new Set(leads.map((l) => Number(l.source_id)))];
  const [stored, tags, lists, imports] = await Promise.all([
    db
      .selectFrom('lead_timeline')
      .select(['lead_id', 'source_id'])
      .where('account_id', '=', accountId)
      .where('lead_id', 'in', ids)
      .where('kind', '=', 'imported')
      .where('source', '=', 'import')
      .execute(),
    db
      .selectFrom('lead_tags')
      .select(['lead_id', 'tag_id', 'created_at'])
      .where('account_id', '=', accountId)
      .where('lead_id', 'in', ids)
      .execute(),
    db
      .selectFrom('lead_lists')
      .select(['lead_id', 'list_id', 'subscribed_at'])
      .where('account_id', '=', accountId)
      .where('lead_id', 'in', ids)
      .execute(),
    db
      .selectFrom('lead_imports')
      .select(['id', 'options'])
      .where('account_id', '=', accountId)
      .where('id', 'in', importIds)
      .execute(),
  ]);
  const has = new Set(stored.map((r) => `${r.lead_id}:${r.source_id}`));
  const mappedOf = new Map(
    imports.map((i) => {
      const targets = new Set(
        Object.values((JSON.parse(i.options).mapping ?? {}) as Record<string, string | null>),
      );
      if (targets.has('full_name')) {
        targets.add('first_name');
        targets.add('last_name');
      }
      return [Number(i.id), targets];
    }),
  );
  for (const lead of leads) {
    if (has.has(`${lead.id}:${lead.source_id}`)) continue;
    const importId = Number(lead.source_id);
    const targets = mappedOf.get(importId);
    // The links this import gave the lead carry the lead's own creation time (same transaction).
    const tagIds = tags
      .filter((t) => t.lead_id === lead.id && t.created_at === lead.created_at)
      .map((t) => Number(t.tag_id));
    const listIds = lists
      .filter((l) => l.lead_id === lead.id && l.subscribed_at === lead.created_at)
      .map((l) => Number(l.list_id));
    out.set(lead.id, {
      id: 0,
      at: lead.created_at,
      kind: 'imported',
      source: 'import',
      source_id: lead.source_id,
      detail: {
        import_id: importId,
        ...(Number(lead.last_import_id) === importId && lead.last_import_row !== null
          ? { row: lead.last_import_row }
          : {}),
        action: 'created',
        // The fields it filled: the ones its mapping wrote that the lead has.
        fields: targets ? TEXT_FIELDS.filter((f) => targets.has(f) && lead[f] != null) : [],
        tag_ids: tagIds.sort((a, b) => a - b),
        list_ids: listIds.sort((a, b) => a - b),
      },
    });
  }
  return out;
}

/**
 * A page of a lead's timeline (newest first) with the derived entry after the stored ones:
 * `stored` holds up to `limit + 1` rows below the cursor.
 */
export async function withImportOrigin(
  db: DbOrTrx,
  lead: Lead,
  stored: TimelineEntryRow[],
  limit: number,
): Promise<{ entries: TimelineEntryRow[]; next_cursor: string | null }> {
  let all = stored;
  if (stored.length <= limit) {
    const origin = await importOrigin(db, lead);
    if (origin) all = [...stored, origin];
  }
  const page = all.slice(0, limit);
  return { entries: page, next_cursor: all.length > limit ? String(page[page.length - 1]!.id) : null };
}

/** Before leads are deleted: their derived entries become stored ones (see above). */
export async function keepImportOrigins(db: DbOrTrx, accountId: number, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const leads = await db
      .selectFrom('leads')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', 'in', ids.slice(i, i + 500))
      .where('deleted_at', 'is', null)
      .where('source', '=', 'import')
      .execute();
    const origins = [...(await importOrigins(db, accountId, leads))];
    if (!origins.length) continue;
    await db
      .insertInto('lead_timeline')
      .values(
        origins.map(([leadId, o]) => ({
          account_id: accountId,
          lead_id: leadId,
          at: o.at,
          kind: o.kind,
          detail: JSON.stringify(o.detail),
          source: o.source,
          source_id: o.source_id,
        })),
      )
      .execute();
  }
}
