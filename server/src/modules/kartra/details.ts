import { runPrepared } from '../../db/prepared.js';
import type { DbOrTrx } from '../../db/types.js';
import { TEXT_FIELDS } from '../leads/fields.js';
import { type CustomFieldDef, type LeadRow, loadCustomFields, parseStoredCustom } from '../leads/service.js';

/**
 * A lead the way Kartra shows it: `lead_details` of get_lead (kartra-api.md §2.2) and the `lead`
 * object of outbound webhooks (§4). Ids are strings, empty text is "", times are Kartra's naive
 * Eastern time `YYYY-MM-DD HH:MM:SS`.
 */

const eastern = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * Eastern time's offset from UTC at an instant, in ms. It changes only on the hour (DST), so it is
 * computed once per UTC hour (Intl is slow) and kept.
 */
const offsets = new Map<number, number>();
function easternOffset(ms: number): number {
  const hour = Math.floor(ms / 3_600_000);
  let off = offsets.get(hour);
  if (off === undefined) {
    const p = Object.fromEntries(
      eastern.formatToParts(new Date(hour * 3_600_000)).map((x) => [x.type, x.value]),
    );
    const local = Date.UTC(
      Number(p.year),
      Number(p.month) - 1,
      Number(p.day),
      Number(p.hour),
      Number(p.minute),
    );
    off = local - hour * 3_600_000;
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(hour, off);
  }
  return off;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** UTC ISO → Kartra's `YYYY-MM-DD HH:MM:SS` in US Eastern time; "" for none. */
export function kartraTime(isoTime: string | null | undefined): string {
  if (!isoTime) return '';
  const ms = Date.parse(isoTime);
  if (Number.isNaN(ms)) return '';
  const e = new Date(ms + easternOffset(ms));
  return `${e.getUTCFullYear()}-${pad(e.getUTCMonth() + 1)}-${pad(e.getUTCDate())} ${pad(e.getUTCHours())}:${pad(e.getUTCMinutes())}:${pad(e.getUTCSeconds())}`;
}

/** Atrium's lead sources in Kartra's words. */
export const kartraSource = (source: string): string =>
  source === 'kartra_api' ? 'api' : source === 'user' ? 'manual' : source;

const GDPR_CODES: Record<string, string> = { consented: '2', not_consented: '3', unknown: '4' };

export type KartraCustomField = {
  field_id: string;
  field_identifier: string;
  field_type: string;
  field_value: string | { option_id: string; option_value: string }[];
};

/** Every custom field of the account with the lead's value (empty ones too, as Kartra does). */
export function kartraCustomFields(defs: CustomFieldDef[], stored: string | null): KartraCustomField[] {
  const values = parseStoredCustom(stored);
  return defs.map((d) => {
    const v = values[d.id];
    const base = { field_id: String(d.id), field_identifier: d.identifier, field_type: d.type };
    if (d.type === 'input_field' || d.type === 'text_area')
      return { ...base, field_value: v === null || v === undefined ? '' : String(v) };
    const ids = v === null || v === undefined ? [] : Array.isArray(v) ? v : [Number(v)];
    return {
      ...base,
      field_value: ids
        .map((id) => d.options.find((o) => o.id === id))
        .filter((o) => o !== undefined)
        .map((o) => ({ option_id: String(o.id), option_value: o.value })),
    };
  });
}

/** The lead's standard fields (Kartra's `lead` object of outbound webhooks). */
export function kartraLeadObject(row: LeadRow, defs: CustomFieldDef[]): Record<string, unknown> {
  const text = Object.fromEntries(TEXT_FIELDS.map((f) => [f, row[f] ?? '']));
  return {
    id: String(row.id),
    ...text,
    email: row.email,
    date_joined: kartraTime(row.created_at),
    ip_country: '',
    lead_picture: '',
    source: kartraSource(row.source),
    source_id: row.source_id ?? '',
    score: String(row.score),
    referring_id: '',
    blacklisted: row.blocked === 1 ? '1' : '0',
    gdpr_lead_status: GDPR_CODES[row.gdpr_status] ?? '4',
    gdpr_lead_status_date: kartraTime(row.gdpr_date),
    gdpr_lead_status_ip: row.gdpr_ip ?? '',
    gdpr_lead_communications: row.gdpr_status === 'consented' ? '1' : '0',
    lead_deleted: row.deleted_at ? '1' : '0',
    lead_deleted_date: kartraTime(row.deleted_at),
    custom_fields: kartraCustomFields(defs, row.custom_fields),
  };
}

/** get_lead's `lead_details`: the lead object plus tags, lists, memberships and sequences. */
export async function kartraLeadDetails(
  db: DbOrTrx,
  accountId: number,
  row: LeadRow,
  defs?: CustomFieldDef[],
): Promise<Record<string, unknown>> {
  const fields = defs ?? (await loadCustomFields(db, accountId));
  const tags = await runPrepared(
    db,
    'leadTags',
    (p) =>
      db
        .selectFrom('lead_tags')
        .innerJoin('tags', 'tags.id', 'lead_tags.tag_id')
        .select(['tags.id', 'tags.name'])
        .where('lead_tags.account_id', '=', p(0))
        .where('lead_tags.lead_id', '=', p(1))
        .orderBy('tags.name_normalized'),
    [accountId, row.id],
  );
  const lists = await runPrepared(
    db,
    'leadLists',
    (p) =>
      db
        .selectFrom('lead_lists')
        .innerJoin('lists', 'lists.id', 'lead_lists.list_id')
        .select(['lists.id', 'lists.name', 'lead_lists.status', 'lead_lists.subscribed_at'])
        .where('lead_lists.account_id', '=', p(0))
        .where('lead_lists.lead_id', '=', p(1))
        .orderBy('lists.name_normalized'),
    [accountId, row.id],
  );
  const memberships = await runPrepared(
    db,
    'leadMemberships',
    (p) =>
      db
        .selectFrom('membership_access as a')
        .innerJoin('memberships as m', 'm.id', 'a.membership_id')
        .leftJoin('membership_levels as l', 'l.id', 'a.level_id')
        .select([
          'a.membership_id',
          'm.name as membership_name',
          'a.level_id',
          'l.name as level_name',
          'a.status',
          'a.granted_at',
        ])
        .where('a.account_id', '=', p(0))
        .where('a.lead_id', '=', p(1))
        .orderBy('m.name')
        .orderBy('a.membership_id'),
    [accountId, row.id],
  );
  const lead = kartraLeadObject(row, fields);
  return {
    ...lead,
    // get_lead documents score and blacklisted as numbers.
    score: row.score,
    blacklisted: row.blocked,
    tags: tags.map((t) => ({ tag_id: String(t.id), tag_name: t.name })),
    lists: lists.map((l) => ({
      list_id: String(l.id),
      list_name: l.name,
      active: l.status === 'subscribed' ? '1' : '0',
      subscribed_at: kartraTime(l.subscribed_at),
    })),
    memberships: memberships.map((m) => ({
      membership_id: String(m.membership_id),
      membership_name: m.membership_name,
      name: m.membership_name,
      level_id: String(m.level_id),
      level_name: m.level_name ?? '',
      active: m.status === 'active' ? '1' : '0',
      granted_at: kartraTime(m.granted_at),
    })),
    sequences: [],
  };
}
