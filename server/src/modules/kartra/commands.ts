import { sql } from 'kysely';
import { runPrepared } from '../../db/prepared.js';
import type { DbOrTrx } from '../../db/types.js';
import { DAY, iso } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { enqueueJob } from '../../worker/jobs.js';
import {
  CUSTOM_FIELD_TYPES,
  type CustomFieldType,
  cleanName,
  isChoiceType,
  isValidEmail,
  maxCharsOf,
  normalizeEmail,
  normalizeName,
  TEXT_FIELDS,
} from '../leads/fields.js';
import type { LeadCreate, LeadPatch } from '../leads/schema.js';
import {
  type Actor,
  applyTags,
  type CustomFieldDef,
  createLeadInTrx,
  type LeadRow,
  loadCustomFields,
  type Named,
  removeTag,
  subscribeLists,
  unsubscribeList,
  updateLeadInTrx,
} from '../leads/service.js';
import { commerceCommands } from './commerce.js';
import { type CommandCtx, findLead, liveLead } from './context.js';
import { kartraLeadDetails } from './details.js';
import { type Answer, asList, asMap, error, fail, KartraError, type Param, str, success } from './wire.js';

/**
 * The commands of `actions[N][cmd]` (kartra-api.md §2). Each runs in the call's transaction under
 * a savepoint: a command that answers an error changes nothing, the others keep their effects.
 */

export const POINTS_EXPIRE_JOB = 'kartra.points_expire';

type Command = (ctx: CommandCtx, action: Record<string, Param>) => Promise<Answer>;

/** Commands that act on the call's lead (the rest act on the account). */
export const LEAD_COMMANDS = new Set([
  'create_lead',
  'edit_lead',
  'search_lead',
  'assign_tag',
  'unassign_tag',
  'subscribe_lead_to_list',
  'unsubscribe_lead_from_list',
  'give_points_to_lead',
  'remove_points_from_lead',
  'subscribe_lead_to_sequence_at_step',
  'unsubscribe_lead_from_sequence',
  'calendar_subscribe',
  'calendar_cancel',
  'retrieve_transactions_from_lead',
  'retrieve_subscriptions_from_lead',
  'get_subscriptions_from_lead',
]);

/** Commands that change nothing: a call made only of these runs without a transaction. */
export const READ_ONLY_COMMANDS = new Set([
  'search_lead',
  'retrieve_account_tags',
  'retrieve_account_lists',
  'retrieve_account_sequences',
  'retrieve_account_pages',
  'retrieve_custom_fields',
  'search_transaction',
  'get_transaction_details',
  'search_subscription',
  'get_subscription_details',
  'retrieve_transactions_from_lead',
  'retrieve_subscriptions_from_lead',
  'get_subscriptions_from_lead',
]);

const defsOf = async (ctx: CommandCtx) => {
  ctx.defs ??= await loadCustomFields(ctx.trx, ctx.account.id);
  return ctx.defs;
};

const detailsOf = async (ctx: CommandCtx, leadId: number) => {
  const row = await ctx.trx
    .selectFrom('leads')
    .selectAll()
    .where('account_id', '=', ctx.account.id)
    .where('id', '=', leadId)
    .executeTakeFirstOrThrow();
  return kartraLeadDetails(ctx.trx, ctx.account.id, row, await defsOf(ctx));
};

// ---------------------------------------------------------------------------------------------
// Lead fields from lead[…]

const clip = (f: (typeof TEXT_FIELDS)[number], v: string) => v.slice(0, maxCharsOf(f));

/** The standard fields present in lead[…] (absent ones untouched; "" clears). */
function textFieldsOf(input: Record<string, Param>) {
  const out: Partial<Record<(typeof TEXT_FIELDS)[number], string | null>> = {};
  for (const f of TEXT_FIELDS) {
    if (!(f in input)) continue;
    const v = str(input[f]);
    out[f] = v === '' ? null : clip(f, v);
  }
  return out;
}

/**
 * lead[custom_fields][i][field_identifier|field_value] (and flat lead[identifier] values) →
 * Atrium's {identifier: text | option value(s)}. Choice values are Kartra option ids (option
 * names are accepted too). Unknown identifiers are ignored, as Kartra does; a value of the wrong
 * shape or an unknown option is 271.
 */
function customFieldsOf(input: Record<string, Param>, defs: CustomFieldDef[]) {
  const byId = new Map(defs.map((d) => [d.identifier.toLowerCase(), d]));
  const given: [string, Param][] = [];
  for (const item of asList(input.custom_fields) ?? []) {
    const m = asMap(item);
    if (!m) continue;
    const id = str(m.field_identifier);
    if (id) given.push([id, m.field_value ?? '']);
  }
  for (const [k, v] of Object.entries(input)) {
    const def = byId.get(k.toLowerCase());
    if (def && !TEXT_FIELDS.includes(k as never) && k !== 'email') given.push([k, v]);
  }
  const out: Record<string, string | string[] | null> = {};
  for (const [identifier, value] of given) {
    const def = byId.get(identifier.toLowerCase());
    if (!def) continue;
    if (!isChoiceType(def.type)) {
      if (typeof value !== 'string') fail(271);
      out[def.identifier] = (value as string).trim() === '' ? null : (value as string).slice(0, 10_000);
      continue;
    }
    const raw = typeof value === 'string' ? (value.trim() === '' ? [] : [value]) : asList(value);
    if (!raw || raw.some((x) => typeof x !== 'string')) return fail(271);
    const names: string[] = [];
    for (const r of raw as string[]) {
      const opt =
        def.options.find((o) => String(o.id) === r.trim()) ??
        def.options.find((o) => normalizeName(o.value) === normalizeName(r));
      if (!opt) return fail(271);
      names.push(opt.value);
    }
    if (def.type !== 'checkbox' && names.length > 1) return fail(271);
    out[def.identifier] = names.length === 0 ? null : def.type === 'checkbox' ? names : names[0]!;
  }
  return out;
}

/** Atrium's own refusals (a plan limit, say) inside a Kartra answer. */
export const ATRIUM_ERROR_TYPE = '299';
const atriumError = (err: AppError): Answer => ({
  status: 'Error',
  message: err.message,
  type: ATRIUM_ERROR_TYPE,
});

// ---------------------------------------------------------------------------------------------
// Lead commands

const createLead: Command = async (ctx) => {
  const existing = await findLead(ctx);
  if (existing && existing.deleted_at === null) {
    ctx.leadId = existing.id;
    return { ...error(244), lead_details: { id: String(existing.id) } };
  }
  const email = str(ctx.leadInput.email) || existing?.email || '';
  if (!email || !isValidEmail(email)) return fail(206);
  const defs = await defsOf(ctx);
  const custom = customFieldsOf(ctx.leadInput, defs);
  const body: LeadCreate = {
    email,
    ...textFieldsOf(ctx.leadInput),
    ...(Object.keys(custom).length ? { custom_fields: custom } : {}),
  };
  const row = await createLeadInTrx(ctx.deps, ctx.trx, ctx.account, body, ctx.actor, ctx.now);
  ctx.leadId = row.id;
  return success('Lead created', undefined, { lead_details: await detailsOf(ctx, row.id) });
};

const editLead: Command = async (ctx) => {
  const lead = await liveLead(ctx);
  const defs = await defsOf(ctx);
  const patch: LeadPatch = { ...textFieldsOf(ctx.leadInput) };
  const custom = customFieldsOf(ctx.leadInput, defs);
  if (Object.keys(custom).length) patch.custom_fields = custom;
  const newEmail = str(ctx.leadInput.new_email);
  if (newEmail && normalizeEmail(newEmail) !== lead.email_normalized) {
    if (!isValidEmail(newEmail)) return fail(206);
    const clash = await ctx.trx
      .selectFrom('leads')
      .select('id')
      .where('account_id', '=', ctx.account.id)
      .where('email_normalized', '=', normalizeEmail(newEmail))
      .executeTakeFirst();
    if (clash) return fail(244);
    patch.email = newEmail;
  }
  await updateLeadInTrx(ctx.trx, ctx.account.id, lead.id, patch, ctx.actor, ctx.now);
  return success('Lead edited', undefined, { lead_details: await detailsOf(ctx, lead.id) });
};

const searchLead: Command = async (ctx) => {
  const lead = await liveLead(ctx, 243);
  return success('Lead found', undefined, { lead_details: await detailsOf(ctx, lead.id) });
};

async function named(ctx: CommandCtx, kind: 'tags' | 'lists', name: string): Promise<Named | undefined> {
  const [row] = await runPrepared(
    ctx.trx,
    `named:${kind}`,
    (p) =>
      ctx.trx
        .selectFrom(kind)
        .select(['id', 'name'])
        .where('account_id', '=', p(0))
        .where('name_normalized', '=', p(1)),
    [ctx.account.id, normalizeName(name)],
  );
  return row;
}

const assignTag: Command = async (ctx, a) => {
  const name = cleanName(str(a.tag_name));
  if (!name) return fail(211);
  const tag = await named(ctx, 'tags', name);
  if (!tag) return fail(212);
  const lead = await liveLead(ctx);
  await applyTags(ctx.trx, ctx.account.id, [lead.id], [tag.name], ctx.actor, ctx.now);
  return success('Tag added to lead', '103');
};

const unassignTag: Command = async (ctx, a) => {
  const name = cleanName(str(a.tag_name));
  if (!name) return fail(213);
  const tag = await named(ctx, 'tags', name);
  if (!tag) return fail(214);
  const lead = await liveLead(ctx);
  await removeTag(ctx.trx, ctx.account.id, [lead.id], tag, ctx.actor, ctx.now);
  return success('Tag removed from lead', '104');
};

const subscribeList: Command = async (ctx, a) => {
  const name = cleanName(str(a.list_name));
  if (!name) return fail(207);
  const list = await named(ctx, 'lists', name);
  if (!list) return fail(231);
  const lead = await liveLead(ctx);
  await subscribeLists(ctx.trx, ctx.account.id, [lead.id], [list.name], ctx.actor, ctx.now);
  return success('Lead subscribed to list', '101');
};

const unsubscribeFromList: Command = async (ctx, a) => {
  const name = cleanName(str(a.list_name));
  if (!name) return fail(208);
  const list = await named(ctx, 'lists', name);
  if (!list) return fail(209);
  const lead = await liveLead(ctx);
  await unsubscribeList(ctx.trx, ctx.account.id, [lead.id], list, ctx.actor, ctx.now);
  return success('Lead unsubscribed from list', '101');
};

const MAX_SCORE = 1_000_000;

export async function changeScore(
  trx: DbOrTrx,
  accountId: number,
  lead: Pick<LeadRow, 'id' | 'score'>,
  delta: number,
  actor: Actor,
  now: Date,
) {
  const score = Math.max(-MAX_SCORE, Math.min(MAX_SCORE, lead.score + delta));
  await updateLeadInTrx(trx, accountId, lead.id, { score }, actor, now);
}

function pointsOf(a: Record<string, Param>, empty: 215 | 217, nan: 227 | 228): number {
  const raw = str(a.points);
  if (!raw) return fail(empty);
  if (!/^\d+$/.test(raw)) return fail(nan);
  return Math.min(Number(raw), MAX_SCORE);
}

const givePoints: Command = async (ctx, a) => {
  const points = pointsOf(a, 215, 227);
  const lead = await liveLead(ctx);
  await changeScore(ctx.trx, ctx.account.id, lead, points, ctx.actor, ctx.now);
  const days = /^\d+$/.test(str(a.expiration)) ? Number(str(a.expiration)) : 0;
  if (days > 0 && points > 0)
    await enqueueJob(ctx.trx, {
      type: POINTS_EXPIRE_JOB,
      accountId: ctx.account.id,
      payload: { lead_id: lead.id, points, app_id: ctx.actor.sourceId ?? null },
      at: ctx.now,
      runAt: new Date(ctx.now.getTime() + Math.min(days, 36_500) * DAY),
    });
  return success('Points added to lead', '105');
};

const removePoints: Command = async (ctx, a) => {
  const points = pointsOf(a, 217, 228);
  const lead = await liveLead(ctx);
  await changeScore(ctx.trx, ctx.account.id, lead, -points, ctx.actor, ctx.now);
  return success('Points removed from lead', '106');
};

// Sequences and calendars do not exist in Atrium yet: every name is one that does not exist.
const sequenceSubscribe: Command = async (ctx, a) => {
  if (!str(a.sequence_name)) return fail(226);
  if (!str(a.step)) return fail(225);
  await liveLead(ctx);
  return fail(219);
};

const sequenceUnsubscribe: Command = async (ctx, a) => {
  if (!str(a.sequence_name)) return fail(226);
  await liveLead(ctx);
  return fail(220);
};

const calendarCommand: Command = async (ctx, a) => {
  if (!str(a.calendar_name)) return fail(255);
  if (!str(a.class_name)) return fail(256);
  await liveLead(ctx);
  return fail(257);
};

// ---------------------------------------------------------------------------------------------
// Account commands

const retrieveNames =
  (kind: 'tags' | 'lists', key: string): Command =>
  async (ctx) => {
    const rows = await runPrepared(
      ctx.trx,
      `names:${kind}`,
      (p) =>
        ctx.trx.selectFrom(kind).select('name').where('account_id', '=', p(0)).orderBy('name_normalized'),
      [ctx.account.id],
    );
    return success(undefined, undefined, { [key]: rows.map((r) => r.name) });
  };

const retrieveCustomFields: Command = async (ctx) => {
  const defs = await defsOf(ctx);
  return success(undefined, undefined, {
    custom_fields: defs.map((d) => ({
      field_id: String(d.id),
      field_identifier: d.identifier,
      field_type: d.type,
      field_value: d.options.map((o) => ({ option_id: String(o.id), option_value: o.value })),
    })),
  });
};

const createCustomField: Command = async (ctx, a) => {
  const identifier = str(a.custom_field_identifier);
  if (!identifier) return fail(265);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(identifier)) return fail(263);
  const type = str(a.custom_field_type) as CustomFieldType;
  if (!CUSTOM_FIELD_TYPES.includes(type)) return fail(269);
  const options: string[] = [];
  if (isChoiceType(type)) {
    const list = asList(a.custom_field_options);
    if (!list) return fail(270);
    for (const o of list) {
      const name = typeof o === 'string' ? o : str(asMap(o)?.option_name);
      if (!cleanName(name)) return fail(272);
      options.push(cleanName(name).slice(0, 100));
    }
    if (new Set(options.map(normalizeName)).size < 2) return fail(273);
  }
  const t = iso(ctx.now);
  const row = await ctx.trx
    .insertInto('custom_fields')
    .values({
      account_id: ctx.account.id,
      identifier,
      identifier_normalized: identifier.toLowerCase(),
      label: identifier,
      type,
      created_at: t,
    })
    .onConflict((oc) => oc.columns(['account_id', 'identifier_normalized']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return fail(264);
  const seen = new Set<string>();
  const rows = [];
  for (const o of options) {
    if (seen.has(normalizeName(o))) continue;
    seen.add(normalizeName(o));
    rows.push({
      account_id: ctx.account.id,
      field_id: row.id,
      value: o,
      value_normalized: normalizeName(o),
      position: rows.length,
    });
  }
  if (rows.length) await ctx.trx.insertInto('custom_field_options').values(rows).execute();
  ctx.defs = undefined;
  return success('Custom Field created', '114');
};

const COMMANDS: Record<string, Command> = {
  create_lead: createLead,
  edit_lead: editLead,
  search_lead: searchLead,
  assign_tag: assignTag,
  unassign_tag: unassignTag,
  subscribe_lead_to_list: subscribeList,
  unsubscribe_lead_from_list: unsubscribeFromList,
  give_points_to_lead: givePoints,
  remove_points_from_lead: removePoints,
  subscribe_lead_to_sequence_at_step: sequenceSubscribe,
  unsubscribe_lead_from_sequence: sequenceUnsubscribe,
  calendar_subscribe: calendarCommand,
  calendar_cancel: calendarCommand,
  retrieve_account_tags: retrieveNames('tags', 'account_tags'),
  retrieve_account_lists: retrieveNames('lists', 'account_lists'),
  retrieve_account_sequences: async () => success(undefined, undefined, { account_sequences: [] }),
  retrieve_account_pages: async () => success(undefined, undefined, { account_pages: [] }),
  retrieve_custom_fields: retrieveCustomFields,
  create_custom_field: createCustomField,
  ...commerceCommands,
};

export const isCommand = (cmd: string): boolean => Object.hasOwn(COMMANDS, cmd);

const SAVEPOINT = sql.raw('kartra_action');

async function runUnguarded(
  ctx: CommandCtx,
  command: Command,
  action: Record<string, Param>,
): Promise<CommandResult> {
  try {
    return { answer: await command(ctx, action) };
  } catch (err) {
    if (err instanceof KartraError) return { answer: err.answer };
    if (err instanceof AppError) return { answer: atriumError(err) };
    throw err;
  }
}

export type CommandResult = { answer: Answer; deferred?: (() => Promise<Answer>) | undefined };

/**
 * Runs one action under a savepoint; an error answer rolls back what the action did. `deferred`:
 * the part of the action to carry out after the commit (see commerce.ts).
 */
export async function runCommand(
  ctx: CommandCtx,
  cmd: string,
  action: Record<string, Param>,
  guarded = true,
): Promise<CommandResult> {
  const command = COMMANDS[cmd];
  if (!command) return { answer: error(254) };
  // Outside a transaction (read-only calls) there is nothing to roll back; a call's only action
  // needs no savepoint (the caller rolls the whole transaction back when it answers an error).
  if (ctx.trx.isTransaction === false || !guarded) {
    ctx.deferred = undefined;
    const result = await runUnguarded(ctx, command, action);
    const deferred = result.answer.status === 'Success' ? ctx.deferred : undefined;
    ctx.deferred = undefined;
    return { answer: result.answer, deferred };
  }
  await sql`savepoint ${SAVEPOINT}`.execute(ctx.trx);
  const leadBefore = ctx.leadId;
  ctx.deferred = undefined;
  try {
    const answer = await command(ctx, action);
    if (answer.status === 'Error') await sql`rollback to savepoint ${SAVEPOINT}`.execute(ctx.trx);
    await sql`release savepoint ${SAVEPOINT}`.execute(ctx.trx);
    const deferred = answer.status === 'Success' ? ctx.deferred : undefined;
    ctx.deferred = undefined;
    return { answer, deferred };
  } catch (err) {
    await sql`rollback to savepoint ${SAVEPOINT}`.execute(ctx.trx);
    await sql`release savepoint ${SAVEPOINT}`.execute(ctx.trx);
    ctx.leadId = leadBefore;
    ctx.defs = undefined;
    ctx.deferred = undefined;
    if (err instanceof KartraError) return { answer: err.answer };
    if (err instanceof AppError) return { answer: atriumError(err) };
    throw err;
  }
}
