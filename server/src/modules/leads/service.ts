import { type Selectable, sql } from 'kysely';
import { runPrepared } from '../../db/prepared.js';
import type { Account, DbOrTrx, LeadsTable } from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import { iso } from '../../lib/clock.js';
import { conflict, notFound, unprocessable } from '../../lib/errors.js';
import { emitEvent, emitEvents } from '../../worker/outbox.js';
import { insertRows } from '../../worker/rows.js';
import { leadMemberships } from '../memberships/lead-memberships.js';
import { assertWithinCount, planOf } from '../plans/service.js';
import {
  type CustomFieldType,
  cleanName,
  isChoiceType,
  normalizeEmail,
  normalizeName,
  TEXT_FIELDS,
} from './fields.js';
import { keepImportOrigins, withImportOrigin } from './import/origin.js';
import type { BulkAction, CustomFieldOut, LeadCreate, LeadFilter, LeadOut, LeadPatch } from './schema.js';

/**
 * Leads, tags, lists, custom fields and the timeline. Every function takes the account id and
 * scopes every query by it. Changes write their events (outbox) and timeline entries in the same
 * transaction; callers call `deps.wake()` after the commit (the route helpers here do).
 */

export type LeadRow = Selectable<LeadsTable>;

/** Who or what changed a lead: recorded on the timeline and in event payloads. */
export type Actor = { source: string; sourceId?: string | null };

export const LEAD_EVENTS = {
  created: 'lead.created',
  updated: 'lead.updated',
  tagApplied: 'lead.tag_applied',
  tagRemoved: 'lead.tag_removed',
  listSubscribed: 'lead.list_subscribed',
  listUnsubscribed: 'lead.list_unsubscribed',
  /** One per committed import batch; see README.md "Events". */
  imported: 'leads.imported',
} as const;

type TimelineEntry = { leadId: number; kind: string; detail: Record<string, unknown> };

export async function addTimeline(
  trx: DbOrTrx,
  accountId: number,
  actor: Actor,
  at: Date,
  entries: TimelineEntry[],
): Promise<void> {
  if (!entries.length) return;
  await trx
    .insertInto('lead_timeline')
    .values(
      entries.map((e) => ({
        account_id: accountId,
        lead_id: e.leadId,
        at: iso(at),
        kind: e.kind,
        detail: JSON.stringify(e.detail),
        source: actor.source,
        source_id: actor.sourceId ?? null,
      })),
    )
    .execute();
}

async function emit(
  trx: DbOrTrx,
  accountId: number,
  type: string,
  payload: Record<string, unknown>,
  actor: Actor,
  at: Date,
) {
  await emitEvent(trx, {
    accountId,
    type,
    payload: { ...payload, source: actor.source, source_id: actor.sourceId ?? null },
    at,
  });
}

// ---------------------------------------------------------------------------------------------
// Tags and lists (same shape: named things of an account)

export type NamedKind = 'tags' | 'lists';
export type Named = { id: number; name: string };

/** Finds the named things by name (case-insensitive), creating the missing ones. */
export async function ensureNamed(
  trx: DbOrTrx,
  kind: NamedKind,
  accountId: number,
  names: string[],
  now: Date,
): Promise<Map<string, Named>> {
  const wanted = new Map<string, string>();
  for (const n of names) {
    const clean = cleanName(n);
    if (clean) wanted.set(normalizeName(clean), clean);
  }
  const found = new Map<string, Named>();
  if (!wanted.size) return found;
  const keys = [...wanted.keys()];
  const read = async () => {
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await trx
        .selectFrom(kind)
        .select(['id', 'name', 'name_normalized'])
        .where('account_id', '=', accountId)
        .where('name_normalized', 'in', keys.slice(i, i + 500))
        .execute();
      for (const r of rows) found.set(r.name_normalized, { id: r.id, name: r.name });
    }
  };
  await read();
  const missing = keys.filter((k) => !found.has(k));
  if (missing.length) {
    for (let i = 0; i < missing.length; i += 500) {
      await trx
        .insertInto(kind)
        .values(
          missing.slice(i, i + 500).map((k) => ({
            account_id: accountId,
            name: wanted.get(k)!,
            name_normalized: k,
            created_at: iso(now),
          })),
        )
        .onConflict((oc) => oc.columns(['account_id', 'name_normalized']).doNothing())
        .execute();
    }
    await read();
  }
  return found;
}

/** A tag or list given by id (digits) or by name. */
async function findNamed(
  db: DbOrTrx,
  kind: NamedKind,
  accountId: number,
  ref: string | number,
): Promise<Named | undefined> {
  const q = db.selectFrom(kind).select(['id', 'name']).where('account_id', '=', accountId);
  const byId = typeof ref === 'number' || /^\d+$/.test(ref);
  const row = byId
    ? await q.where('id', '=', Number(ref)).executeTakeFirst()
    : await q.where('name_normalized', '=', normalizeName(String(ref))).executeTakeFirst();
  if (!row && byId && typeof ref === 'string') {
    // A tag may be named with digits only.
    return db
      .selectFrom(kind)
      .select(['id', 'name'])
      .where('account_id', '=', accountId)
      .where('name_normalized', '=', normalizeName(ref))
      .executeTakeFirst();
  }
  return row;
}

const kindWord = (kind: NamedKind) => (kind === 'tags' ? 'tag' : 'list');

export async function listNamed(deps: AppDeps, kind: NamedKind, accountId: number) {
  const link = kind === 'tags' ? 'lead_tags' : 'lead_lists';
  const idCol = kind === 'tags' ? 'tag_id' : 'list_id';
  const rows = await deps.db
    .selectFrom(kind)
    .select(['id', 'name', 'created_at'])
    .where('account_id', '=', accountId)
    .orderBy('name_normalized')
    .execute();
  const counts = await deps.db
    .selectFrom(`${link} as l` as 'lead_tags as l')
    .innerJoin('leads', 'leads.id', 'l.lead_id')
    .select([sql<number>`l.${sql.ref(idCol)}`.as('ref'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('l.account_id', '=', accountId)
    .where('leads.deleted_at', 'is', null)
    .$if(kind === 'lists', (q) => q.where(sql.ref('l.status'), '=', 'subscribed'))
    .groupBy(sql.ref(`l.${idCol}`))
    .execute();
  const byId = new Map(counts.map((c) => [Number(c.ref), Number(c.n)]));
  return rows.map((r) => ({ id: r.id, name: r.name, leads: byId.get(r.id) ?? 0, created_at: r.created_at }));
}

export async function createNamed(deps: AppDeps, kind: NamedKind, accountId: number, name: string) {
  const clean = cleanName(name);
  const now = deps.clock.now();
  const res = await deps.db
    .insertInto(kind)
    .values({
      account_id: accountId,
      name: clean,
      name_normalized: normalizeName(clean),
      created_at: iso(now),
    })
    .onConflict((oc) => oc.columns(['account_id', 'name_normalized']).doNothing())
    .returning(['id', 'name', 'created_at'])
    .executeTakeFirst();
  if (!res)
    throw conflict(`${kindWord(kind)}_exists`, `A ${kindWord(kind)} named "${clean}" already exists.`);
  return { ...res, leads: 0 };
}

export async function renameNamed(
  deps: AppDeps,
  kind: NamedKind,
  accountId: number,
  id: number,
  name: string,
) {
  const clean = cleanName(name);
  const existing = await findNamed(deps.db, kind, accountId, id);
  if (!existing) throw notFound(`This ${kindWord(kind)}`);
  const clash = await findNamed(deps.db, kind, accountId, clean);
  if (clash && clash.id !== id && !/^\d+$/.test(clean))
    throw conflict(`${kindWord(kind)}_exists`, `A ${kindWord(kind)} named "${clean}" already exists.`);
  await deps.db
    .updateTable(kind)
    .set({ name: clean, name_normalized: normalizeName(clean) })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .execute();
  return (await listNamed(deps, kind, accountId)).find((r) => r.id === id)!;
}

/** Deleting a tag or list unlinks it from every lead; no per-lead events are written. */
export async function deleteNamed(
  deps: AppDeps,
  kind: NamedKind,
  accountId: number,
  id: number,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .deleteFrom(kind)
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (!res.numDeletedRows) throw notFound(`This ${kindWord(kind)}`);
    // No foreign keys on the link tables (see migration 002): unlink explicitly.
    if (kind === 'tags')
      await trx
        .deleteFrom('lead_tags')
        .where('account_id', '=', accountId)
        .where('tag_id', '=', id)
        .execute();
    else
      await trx
        .deleteFrom('lead_lists')
        .where('account_id', '=', accountId)
        .where('list_id', '=', id)
        .execute();
  });
}

// ---------------------------------------------------------------------------------------------
// Custom fields

export type CustomFieldDef = {
  id: number;
  identifier: string;
  label: string;
  type: CustomFieldType;
  options: { id: number; value: string }[];
  created_at: string;
};

/** The account's custom fields with their options; compiled once (the Kartra API reads it per call). */
export async function loadCustomFields(db: DbOrTrx, accountId: number): Promise<CustomFieldDef[]> {
  const fields = await runPrepared(
    db,
    'leads.customFields',
    (p) => db.selectFrom('custom_fields').selectAll().where('account_id', '=', p(0)).orderBy('id'),
    [accountId],
  );
  if (!fields.length) return [];
  const options = await runPrepared(
    db,
    'leads.customFieldOptions',
    (p) =>
      db
        .selectFrom('custom_field_options')
        .select(['id', 'field_id', 'value'])
        .where('account_id', '=', p(0))
        .orderBy('field_id')
        .orderBy('position')
        .orderBy('id'),
    [accountId],
  );
  return fields.map((f) => ({
    id: f.id,
    identifier: f.identifier,
    label: f.label,
    type: f.type as CustomFieldType,
    options: options.filter((o) => o.field_id === f.id).map((o) => ({ id: o.id, value: o.value })),
    created_at: f.created_at,
  }));
}

export const toCustomFieldOut = (f: CustomFieldDef): CustomFieldOut => f;

export async function createCustomField(
  deps: AppDeps,
  accountId: number,
  body: {
    identifier: string;
    label?: string | undefined;
    type: CustomFieldType;
    options?: string[] | undefined;
  },
) {
  const now = iso(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('custom_fields')
      .values({
        account_id: accountId,
        identifier: body.identifier,
        identifier_normalized: body.identifier.toLowerCase(),
        label: body.label ?? body.identifier,
        type: body.type,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['account_id', 'identifier_normalized']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw conflict('custom_field_exists', `A custom field "${body.identifier}" already exists.`);
    if (isChoiceType(body.type)) await addOptions(trx, accountId, row.id, body.options ?? [], 0);
    return (await loadCustomFields(trx, accountId)).find((f) => f.id === row.id)!;
  });
}

async function addOptions(
  trx: DbOrTrx,
  accountId: number,
  fieldId: number,
  values: string[],
  startAt: number,
): Promise<void> {
  const seen = new Set<string>();
  const rows = [];
  for (const v of values) {
    const clean = cleanName(v);
    const key = normalizeName(clean);
    if (!clean || seen.has(key)) continue;
    seen.add(key);
    rows.push({
      account_id: accountId,
      field_id: fieldId,
      value: clean,
      value_normalized: key,
      position: startAt + rows.length,
    });
  }
  if (!rows.length) return;
  await trx
    .insertInto('custom_field_options')
    .values(rows)
    .onConflict((oc) => oc.columns(['field_id', 'value_normalized']).doNothing())
    .execute();
}

export async function patchCustomField(
  deps: AppDeps,
  accountId: number,
  id: number,
  body: { label?: string | undefined; add_options?: string[] | undefined },
) {
  return deps.db.transaction().execute(async (trx) => {
    const field = (await loadCustomFields(trx, accountId)).find((f) => f.id === id);
    if (!field) throw notFound('This custom field');
    if (body.label)
      await trx
        .updateTable('custom_fields')
        .set({ label: body.label })
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .execute();
    if (body.add_options?.length) {
      if (!isChoiceType(field.type))
        throw unprocessable(
          'not_a_choice_field',
          `"${field.identifier}" is a text field; only choice fields have options.`,
        );
      await addOptions(trx, accountId, id, body.add_options, field.options.length);
    }
    return (await loadCustomFields(trx, accountId)).find((f) => f.id === id)!;
  });
}

/** Deleting a field leaves its stored values behind unread; they vanish from the API at once. */
export async function deleteCustomField(deps: AppDeps, accountId: number, id: number): Promise<void> {
  const res = await deps.db
    .deleteFrom('custom_fields')
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!res.numDeletedRows) throw notFound('This custom field');
}

export type StoredCustomValue = string | number | number[];

/**
 * API input {identifier: value} → stored {field id: value}. Text fields keep the string; choice
 * fields store option ids (a checkbox a list of them). Unknown fields or options are a 422.
 */
export function resolveCustomInput(
  defs: CustomFieldDef[],
  input: Record<string, string | string[] | null>,
): Record<string, StoredCustomValue | null> {
  const byId = new Map(defs.map((d) => [d.identifier.toLowerCase(), d]));
  const out: Record<string, StoredCustomValue | null> = {};
  for (const [identifier, value] of Object.entries(input)) {
    const def = byId.get(identifier.toLowerCase());
    if (!def)
      throw unprocessable(
        'unknown_custom_field',
        `There is no custom field "${identifier}". Create it first under Custom fields.`,
        { field: identifier },
      );
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
      out[def.id] = null;
      continue;
    }
    if (!isChoiceType(def.type)) {
      if (Array.isArray(value))
        throw unprocessable('invalid_custom_value', `"${identifier}" takes text, not a list.`, {
          field: identifier,
        });
      out[def.id] = value;
      continue;
    }
    const values = Array.isArray(value) ? value : def.type === 'checkbox' ? value.split(/[;,]/) : [value];
    const ids: number[] = [];
    for (const v of values) {
      const opt = def.options.find((o) => normalizeName(o.value) === normalizeName(v));
      if (!opt) {
        throw unprocessable(
          'invalid_custom_value',
          `"${v}" is not an option of "${identifier}" (${def.options.map((o) => o.value).join(', ')}).`,
          { field: identifier },
        );
      }
      if (!ids.includes(opt.id)) ids.push(opt.id);
    }
    if (def.type !== 'checkbox' && ids.length > 1)
      throw unprocessable('invalid_custom_value', `"${identifier}" takes one option.`, { field: identifier });
    out[def.id] = def.type === 'checkbox' ? ids : ids[0]!;
  }
  return out;
}

export function parseStoredCustom(json: string | null): Record<string, StoredCustomValue | null> {
  if (!json) return {};
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, StoredCustomValue | null>)
      : {};
  } catch {
    return {};
  }
}

/** Stored values → {identifier: text | option value | option values | null}, every field present. */
export function customOut(
  defs: CustomFieldDef[],
  json: string | null,
): Record<string, string | string[] | null> {
  const stored = parseStoredCustom(json);
  const out: Record<string, string | string[] | null> = {};
  for (const d of defs) {
    const v = stored[d.id];
    if (v === undefined || v === null) out[d.identifier] = d.type === 'checkbox' ? [] : null;
    else if (!isChoiceType(d.type)) out[d.identifier] = String(v);
    else {
      const ids = Array.isArray(v) ? v : [v];
      const values = ids
        .map((id) => d.options.find((o) => o.id === id)?.value)
        .filter((x): x is string => x !== undefined);
      out[d.identifier] = d.type === 'checkbox' ? values : (values[0] ?? null);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading leads

export async function toLeadOuts(
  db: DbOrTrx,
  accountId: number,
  rows: LeadRow[],
  defs?: CustomFieldDef[],
): Promise<LeadOut[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const fields = defs ?? (await loadCustomFields(db, accountId));
  const tags = await db
    .selectFrom('lead_tags')
    .innerJoin('tags', 'tags.id', 'lead_tags.tag_id')
    .select(['lead_tags.lead_id', 'tags.id', 'tags.name'])
    .where('lead_tags.account_id', '=', accountId)
    .where('lead_tags.lead_id', 'in', ids)
    .orderBy('tags.name_normalized')
    .execute();
  const lists = await db
    .selectFrom('lead_lists')
    .innerJoin('lists', 'lists.id', 'lead_lists.list_id')
    .select([
      'lead_lists.lead_id',
      'lists.id',
      'lists.name',
      'lead_lists.status',
      'lead_lists.subscribed_at',
      'lead_lists.unsubscribed_at',
    ])
    .where('lead_lists.account_id', '=', accountId)
    .where('lead_lists.lead_id', 'in', ids)
    .orderBy('lists.name_normalized')
    .execute();
  const tagsOf = new Map<number, { id: number; name: string }[]>();
  for (const t of tags) {
    const arr = tagsOf.get(t.lead_id) ?? [];
    tagsOf.set(t.lead_id, arr);
    arr.push({ id: t.id, name: t.name });
  }
  const listsOf = new Map<number, LeadOut['lists']>();
  for (const l of lists) {
    const arr = listsOf.get(l.lead_id) ?? [];
    listsOf.set(l.lead_id, arr);
    arr.push({
      id: l.id,
      name: l.name,
      status: l.status,
      subscribed_at: l.subscribed_at,
      unsubscribed_at: l.unsubscribed_at,
    });
  }
  const membershipsOf = await leadMemberships(db, accountId, ids);
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f, r[f]])) as Record<
      (typeof TEXT_FIELDS)[number],
      string | null
    >),
    custom_fields: customOut(fields, r.custom_fields),
    tags: tagsOf.get(r.id) ?? [],
    lists: listsOf.get(r.id) ?? [],
    memberships: membershipsOf.get(r.id) ?? [],
    score: r.score,
    source: r.source,
    source_id: r.source_id,
    blocked: r.blocked === 1,
    gdpr: { status: r.gdpr_status as LeadOut['gdpr']['status'], date: r.gdpr_date, ip: r.gdpr_ip },
    created_at: r.created_at,
    updated_at: r.updated_at,
  }));
}

/** The filtered set of live leads of an account (list, export and bulk all use it). */
export async function filteredLeads(db: DbOrTrx, accountId: number, filter: LeadFilter) {
  let q = db
    .selectFrom('leads')
    .selectAll('leads')
    .where('leads.account_id', '=', accountId)
    .where('leads.deleted_at', 'is', null);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`email_normalized`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(first_name)`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(last_name)`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(company)`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(phone)`, 'like', sql`${like} escape '\\'`),
      ]),
    );
  }
  if (filter.tag) {
    const tag = await findNamed(db, 'tags', accountId, filter.tag);
    const tagId = tag?.id ?? -1;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('lead_tags')
          .select('lead_tags.lead_id')
          .whereRef('lead_tags.lead_id', '=', 'leads.id')
          .where('lead_tags.tag_id', '=', tagId),
      ),
    );
  }
  if (filter.list) {
    const list = await findNamed(db, 'lists', accountId, filter.list);
    const listId = list?.id ?? -1;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('lead_lists')
          .select('lead_lists.lead_id')
          .whereRef('lead_lists.lead_id', '=', 'leads.id')
          .where('lead_lists.list_id', '=', listId)
          .where('lead_lists.status', '=', 'subscribed'),
      ),
    );
  }
  if (filter.blocked) q = q.where('leads.blocked', '=', filter.blocked === 'true' ? 1 : 0);
  if (filter.gdpr) q = q.where('leads.gdpr_status', '=', filter.gdpr);
  return q;
}

export async function listLeads(
  deps: AppDeps,
  accountId: number,
  query: LeadFilter & { cursor?: string | undefined; limit: number },
) {
  let q = await filteredLeads(deps.db, accountId, query);
  if (query.cursor) q = q.where('leads.id', '<', Number(query.cursor));
  const rows = await q
    .orderBy('leads.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  return {
    leads: await toLeadOuts(deps.db, accountId, page),
    next_cursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null,
  };
}

async function liveLead(db: DbOrTrx, accountId: number, id: number): Promise<LeadRow> {
  const row = await db
    .selectFrom('leads')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound('This lead');
  return row;
}

export async function getLead(deps: AppDeps, accountId: number, id: number): Promise<LeadOut> {
  const row = await liveLead(deps.db, accountId, id);
  return (await toLeadOuts(deps.db, accountId, [row]))[0]!;
}

export async function listTimeline(
  deps: AppDeps,
  accountId: number,
  leadId: number,
  cursor: string | undefined,
  limit: number,
) {
  const lead = await liveLead(deps.db, accountId, leadId);
  let q = deps.db
    .selectFrom('lead_timeline')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('lead_id', '=', leadId);
  if (cursor) q = q.where('id', '<', Number(cursor));
  const rows = await q
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const stored = rows.map((r) => ({
    id: r.id,
    at: r.at,
    kind: r.kind,
    source: r.source,
    source_id: r.source_id,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
  // A lead an import created has its "imported" entry derived from the lead row (import/origin.ts).
  return withImportOrigin(deps.db, lead, stored, limit);
}

// ---------------------------------------------------------------------------------------------
// Changing leads

const textValues = (body: Partial<Record<(typeof TEXT_FIELDS)[number], string | null | undefined>>) => {
  const out: Partial<Record<(typeof TEXT_FIELDS)[number], string | null>> = {};
  for (const f of TEXT_FIELDS) {
    const v = body[f];
    if (v !== undefined) out[f] = v === null || v.trim() === '' ? null : v.trim();
  }
  return out;
};

async function assertLeadRoom(deps: AppDeps, trx: DbOrTrx, account: Account, adding: number) {
  const max = planOf(deps.plans, account.plan).limits.leads;
  if (max === null) return;
  const row = await trx
    .selectFrom('leads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', account.id)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  assertWithinCount(deps.plans, account.plan, 'leads', Number(row.n), adding);
}

/**
 * Creates a lead, or restores a deleted one with the same e-mail (re-creating the e-mail
 * restores it, with its history). A live lead with that e-mail is a 409.
 */
export async function createLead(
  deps: AppDeps,
  account: Account,
  body: LeadCreate,
  actor: Actor,
): Promise<LeadOut> {
  const now = deps.clock.now();
  const lead = await deps.db
    .transaction()
    .execute((trx) => createLeadInTrx(deps, trx, account, body, actor, now));
  deps.wake();
  return (await toLeadOuts(deps.db, account.id, [lead]))[0]!;
}

/**
 * createLead in the caller's transaction (for callers that chain more changes on the lead in
 * one transaction, such as the Kartra-compatible API); the caller wakes the worker after commit.
 */
export async function createLeadInTrx(
  deps: AppDeps,
  trx: DbOrTrx,
  account: Account,
  body: LeadCreate,
  actor: Actor,
  now: Date,
): Promise<LeadRow> {
  {
    const emailNorm = normalizeEmail(body.email);
    const existing = await trx
      .selectFrom('leads')
      .selectAll()
      .where('account_id', '=', account.id)
      .where('email_normalized', '=', emailNorm)
      .executeTakeFirst();
    if (existing && existing.deleted_at === null) {
      throw conflict('lead_exists', `A lead with the email ${body.email} already exists.`, {
        lead_id: existing.id,
      });
    }
    await assertLeadRoom(deps, trx, account, 1);
    const defs = await loadCustomFields(trx, account.id);
    const custom = body.custom_fields ? resolveCustomInput(defs, body.custom_fields) : {};
    const gdpr = body.gdpr;
    const values = {
      ...textValues(body),
      email: body.email.trim(),
      custom_fields: Object.keys(custom).length ? JSON.stringify(custom) : null,
      score: body.score ?? 0,
      blocked: body.blocked ? 1 : 0,
      gdpr_status: gdpr?.status ?? 'unknown',
      gdpr_date: gdpr ? (gdpr.date ?? (gdpr.status === 'unknown' ? null : iso(now))) : null,
      gdpr_ip: gdpr?.ip ?? null,
      updated_at: iso(now),
    };
    let id: number;
    if (existing) {
      const cleared = Object.fromEntries(TEXT_FIELDS.map((f) => [f, null]));
      await trx
        .updateTable('leads')
        .set({
          ...cleared,
          ...values,
          deleted_at: null,
          created_at: iso(now),
          source: actor.source,
          source_id: actor.sourceId ?? null,
        })
        .where('id', '=', existing.id)
        .where('account_id', '=', account.id)
        .execute();
      id = existing.id;
      await addTimeline(trx, account.id, actor, now, [{ leadId: id, kind: 'restored', detail: {} }]);
    } else {
      const row = await trx
        .insertInto('leads')
        .values({
          ...values,
          account_id: account.id,
          email_normalized: emailNorm,
          source: actor.source,
          source_id: actor.sourceId ?? null,
          created_at: iso(now),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
      await addTimeline(trx, account.id, actor, now, [{ leadId: id, kind: 'created', detail: {} }]);
    }
    await emit(trx, account.id, LEAD_EVENTS.created, { lead_id: id }, actor, now);
    if (body.tags?.length) await applyTags(trx, account.id, [id], body.tags, actor, now);
    if (body.lists?.length) await subscribeLists(trx, account.id, [id], body.lists, actor, now);
    return liveLead(trx, account.id, id);
  }
}

export async function updateLead(
  deps: AppDeps,
  accountId: number,
  id: number,
  patch: LeadPatch,
  actor: Actor,
): Promise<LeadOut> {
  const now = deps.clock.now();
  await deps.db.transaction().execute((trx) => updateLeadInTrx(trx, accountId, id, patch, actor, now));
  deps.wake();
  return getLead(deps, accountId, id);
}

/**
 * updateLead in the caller's transaction; returns the names of the fields that changed (none:
 * nothing was written). The caller wakes the worker after commit.
 */
export async function updateLeadInTrx(
  trx: DbOrTrx,
  accountId: number,
  id: number,
  patch: LeadPatch,
  actor: Actor,
  now: Date,
): Promise<string[]> {
  {
    const before = await liveLead(trx, accountId, id);
    const set: Record<string, unknown> = textValues(patch);
    if (patch.email !== undefined) {
      const emailNorm = normalizeEmail(patch.email);
      if (emailNorm !== before.email_normalized) {
        const clash = await trx
          .selectFrom('leads')
          .select(['id', 'deleted_at'])
          .where('account_id', '=', accountId)
          .where('email_normalized', '=', emailNorm)
          .executeTakeFirst();
        if (clash)
          throw conflict('lead_exists', `Another lead already uses ${patch.email}.`, { lead_id: clash.id });
      }
      set.email = patch.email.trim();
      set.email_normalized = emailNorm;
    }
    if (patch.score !== undefined) set.score = patch.score;
    if (patch.blocked !== undefined) set.blocked = patch.blocked ? 1 : 0;
    if (patch.gdpr) {
      set.gdpr_status = patch.gdpr.status;
      set.gdpr_date = patch.gdpr.date ?? (patch.gdpr.status === 'unknown' ? null : iso(now));
      set.gdpr_ip = patch.gdpr.ip ?? null;
    }
    if (patch.custom_fields) {
      const defs = await loadCustomFields(trx, accountId);
      const merged = {
        ...parseStoredCustom(before.custom_fields),
        ...resolveCustomInput(defs, patch.custom_fields),
      };
      for (const k of Object.keys(merged)) if (merged[k] === null) delete merged[k];
      set.custom_fields = Object.keys(merged).length ? JSON.stringify(merged) : null;
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [k, v] of Object.entries(set)) {
      if (k === 'email_normalized') continue;
      const old = before[k as keyof LeadRow];
      if (old !== v) changes[k] = { from: old, to: v };
    }
    if (!Object.keys(changes).length) return [];
    await trx
      .updateTable('leads')
      .set({ ...set, updated_at: iso(now) })
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .execute();
    const entries: TimelineEntry[] = [{ leadId: id, kind: 'updated', detail: { changes } }];
    if ('blocked' in changes)
      entries.push({ leadId: id, kind: set.blocked ? 'blocked' : 'unblocked', detail: {} });
    await addTimeline(trx, accountId, actor, now, entries);
    await emit(
      trx,
      accountId,
      LEAD_EVENTS.updated,
      { lead_id: id, fields: Object.keys(changes) },
      actor,
      now,
    );
    return Object.keys(changes);
  }
}

export async function deleteLeads(
  trx: DbOrTrx,
  accountId: number,
  ids: number[],
  actor: Actor,
  now: Date,
): Promise<number[]> {
  await keepImportOrigins(trx, accountId, ids);
  const rows = await trx
    .updateTable('leads')
    .set({ deleted_at: iso(now), updated_at: iso(now) })
    .where('account_id', '=', accountId)
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .returning('id')
    .execute();
  const done = rows.map((r) => r.id);
  await addTimeline(
    trx,
    accountId,
    actor,
    now,
    done.map((leadId) => ({ leadId, kind: 'deleted', detail: {} })),
  );
  for (const leadId of done)
    await emit(
      trx,
      accountId,
      LEAD_EVENTS.updated,
      { lead_id: leadId, fields: ['deleted'], deleted: true },
      actor,
      now,
    );
  return done;
}

export async function deleteLead(deps: AppDeps, accountId: number, id: number, actor: Actor): Promise<void> {
  const now = deps.clock.now();
  const done = await deps.db.transaction().execute((trx) => deleteLeads(trx, accountId, [id], actor, now));
  if (!done.length) throw notFound('This lead');
  deps.wake();
}

/**
 * Records tag or list link changes: one timeline entry and one outbox event per changed link,
 * each under its own actor (a batch of purchases tags each buyer for its own order), in the
 * caller's transaction and in two statements.
 */
async function recordLinkChanges(
  trx: DbOrTrx,
  accountId: number,
  now: Date,
  what: { link: 'tag' | 'list'; kind: string; event: string },
  changes: { leadId: number; id: number; name: string | undefined; actor: Actor }[],
): Promise<void> {
  if (!changes.length) return;
  const detail = (c: (typeof changes)[number]) => ({ [`${what.link}_id`]: c.id, [what.link]: c.name });
  const at = iso(now);
  await insertRows(
    trx,
    'lead_timeline',
    changes.map((c) => ({
      account_id: accountId,
      lead_id: c.leadId,
      at,
      kind: what.kind,
      detail: JSON.stringify(detail(c)),
      source: c.actor.source,
      source_id: c.actor.sourceId ?? null,
    })),
  );
  await emitEvents(
    trx,
    changes.map((c) => ({
      accountId,
      type: what.event,
      payload: {
        lead_id: c.leadId,
        ...detail(c),
        source: c.actor.source,
        source_id: c.actor.sourceId ?? null,
      },
      at: now,
    })),
  );
}

/** Tags leads (creating missing tags); only links that are new get a timeline entry and an event. */
export async function applyTags(
  trx: DbOrTrx,
  accountId: number,
  leadIds: number[],
  names: string[],
  actor: Actor,
  now: Date,
): Promise<void> {
  await applyTagsEach(
    trx,
    accountId,
    leadIds.map((leadId) => ({ leadId, actor })),
    names,
    now,
  );
}

/** `applyTags` where each lead has its own actor (each buyer of a batch of orders, say). */
export async function applyTagsEach(
  trx: DbOrTrx,
  accountId: number,
  entries: readonly { leadId: number; actor: Actor }[],
  names: string[],
  now: Date,
): Promise<void> {
  const tags = [...(await ensureNamed(trx, 'tags', accountId, names, now)).values()];
  if (!tags.length || !entries.length) return;
  const at = iso(now);
  const added = await insertRows<'lead_tags', { lead_id: number; tag_id: number }>(
    trx,
    'lead_tags',
    entries.flatMap((e) =>
      tags.map((t) => ({ lead_id: e.leadId, tag_id: t.id, account_id: accountId, created_at: at })),
    ),
    { conflict: '("lead_id", "tag_id") do nothing', returning: ['lead_id', 'tag_id'] },
  );
  const nameOf = new Map(tags.map((t) => [t.id, t.name]));
  const actorOf = new Map(entries.map((e) => [e.leadId, e.actor]));
  await recordLinkChanges(
    trx,
    accountId,
    now,
    { link: 'tag', kind: 'tag_applied', event: LEAD_EVENTS.tagApplied },
    added.map((a) => ({
      leadId: Number(a.lead_id),
      id: Number(a.tag_id),
      name: nameOf.get(Number(a.tag_id)),
      actor: actorOf.get(Number(a.lead_id))!,
    })),
  );
}

export async function removeTag(
  trx: DbOrTrx,
  accountId: number,
  leadIds: number[],
  tag: Named,
  actor: Actor,
  now: Date,
): Promise<void> {
  const removed = await trx
    .deleteFrom('lead_tags')
    .where('account_id', '=', accountId)
    .where('tag_id', '=', tag.id)
    .where('lead_id', 'in', leadIds)
    .returning('lead_id')
    .execute();
  await recordLinkChanges(
    trx,
    accountId,
    now,
    { link: 'tag', kind: 'tag_removed', event: LEAD_EVENTS.tagRemoved },
    removed.map((r) => ({ leadId: r.lead_id, id: tag.id, name: tag.name, actor })),
  );
}

/** Subscribes leads to lists (creating missing lists); an explicit subscribe re-subscribes an unsubscribed lead. */
export async function subscribeLists(
  trx: DbOrTrx,
  accountId: number,
  leadIds: number[],
  names: string[],
  actor: Actor,
  now: Date,
): Promise<void> {
  const lists = [...(await ensureNamed(trx, 'lists', accountId, names, now)).values()];
  if (!lists.length || !leadIds.length) return;
  const changed = await trx
    .insertInto('lead_lists')
    .values(
      leadIds.flatMap((leadId) =>
        lists.map((l) => ({
          lead_id: leadId,
          list_id: l.id,
          account_id: accountId,
          status: 'subscribed' as const,
          subscribed_at: iso(now),
          unsubscribed_at: null,
        })),
      ),
    )
    .onConflict((oc) =>
      oc
        .columns(['lead_id', 'list_id'])
        .doUpdateSet({ status: 'subscribed', subscribed_at: iso(now), unsubscribed_at: null })
        .where('lead_lists.status', '<>', 'subscribed'),
    )
    .returning(['lead_id', 'list_id'])
    .execute();
  const nameOf = new Map(lists.map((l) => [l.id, l.name]));
  await recordLinkChanges(
    trx,
    accountId,
    now,
    { link: 'list', kind: 'list_subscribed', event: LEAD_EVENTS.listSubscribed },
    changed.map((c) => ({ leadId: c.lead_id, id: c.list_id, name: nameOf.get(c.list_id), actor })),
  );
}

export async function unsubscribeList(
  trx: DbOrTrx,
  accountId: number,
  leadIds: number[],
  list: Named,
  actor: Actor,
  now: Date,
): Promise<void> {
  const changed = await trx
    .updateTable('lead_lists')
    .set({ status: 'unsubscribed', unsubscribed_at: iso(now) })
    .where('account_id', '=', accountId)
    .where('list_id', '=', list.id)
    .where('lead_id', 'in', leadIds)
    .where('status', '=', 'subscribed')
    .returning('lead_id')
    .execute();
  await recordLinkChanges(
    trx,
    accountId,
    now,
    { link: 'list', kind: 'list_unsubscribed', event: LEAD_EVENTS.listUnsubscribed },
    changed.map((c) => ({ leadId: c.lead_id, id: list.id, name: list.name, actor })),
  );
}

async function setBlocked(
  trx: DbOrTrx,
  accountId: number,
  leadIds: number[],
  blocked: boolean,
  actor: Actor,
  now: Date,
): Promise<void> {
  const changed = await trx
    .updateTable('leads')
    .set({ blocked: blocked ? 1 : 0, updated_at: iso(now) })
    .where('account_id', '=', accountId)
    .where('id', 'in', leadIds)
    .where('deleted_at', 'is', null)
    .where('blocked', '=', blocked ? 0 : 1)
    .returning('id')
    .execute();
  await addTimeline(
    trx,
    accountId,
    actor,
    now,
    changed.map((c) => ({ leadId: c.id, kind: blocked ? 'blocked' : 'unblocked', detail: {} })),
  );
  for (const c of changed)
    await emit(
      trx,
      accountId,
      LEAD_EVENTS.updated,
      { lead_id: c.id, fields: ['blocked'], blocked },
      actor,
      now,
    );
}

async function liveIds(trx: DbOrTrx, accountId: number, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await trx
    .selectFrom('leads')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

export async function leadTagAction(
  deps: AppDeps,
  accountId: number,
  leadId: number,
  tagRef: string,
  add: boolean,
  actor: Actor,
): Promise<LeadOut> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await liveLead(trx, accountId, leadId);
    if (add) return applyTags(trx, accountId, [leadId], [tagRef], actor, now);
    const tag = await findNamed(trx, 'tags', accountId, tagRef);
    if (!tag) throw notFound('This tag');
    await removeTag(trx, accountId, [leadId], tag, actor, now);
  });
  deps.wake();
  return getLead(deps, accountId, leadId);
}

export async function leadListAction(
  deps: AppDeps,
  accountId: number,
  leadId: number,
  listRef: string,
  subscribe: boolean,
  actor: Actor,
): Promise<LeadOut> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await liveLead(trx, accountId, leadId);
    if (subscribe) return subscribeLists(trx, accountId, [leadId], [listRef], actor, now);
    const list = await findNamed(trx, 'lists', accountId, listRef);
    if (!list) throw notFound('This list');
    await unsubscribeList(trx, accountId, [leadId], list, actor, now);
  });
  deps.wake();
  return getLead(deps, accountId, leadId);
}

/** Applies one action to up to 1,000 of the account's leads; ids of other accounts are ignored. */
export async function bulkAction(
  deps: AppDeps,
  accountId: number,
  body: BulkAction,
  actor: Actor,
): Promise<{ affected: number }> {
  const now = deps.clock.now();
  const affected = await deps.db.transaction().execute(async (trx) => {
    const ids = await liveIds(trx, accountId, [...new Set(body.ids)]);
    if (!ids.length) return 0;
    switch (body.action) {
      case 'tag':
        await applyTags(trx, accountId, ids, [body.tag!], actor, now);
        break;
      case 'untag': {
        const tag = await findNamed(trx, 'tags', accountId, body.tag!);
        if (!tag) throw notFound('This tag');
        await removeTag(trx, accountId, ids, tag, actor, now);
        break;
      }
      case 'subscribe':
        await subscribeLists(trx, accountId, ids, [body.list!], actor, now);
        break;
      case 'unsubscribe': {
        const list = await findNamed(trx, 'lists', accountId, body.list!);
        if (!list) throw notFound('This list');
        await unsubscribeList(trx, accountId, ids, list, actor, now);
        break;
      }
      case 'block':
      case 'unblock':
        await setBlocked(trx, accountId, ids, body.action === 'block', actor, now);
        break;
      case 'delete':
        await deleteLeads(trx, accountId, ids, actor, now);
        break;
    }
    return ids.length;
  });
  deps.wake();
  return { affected };
}
