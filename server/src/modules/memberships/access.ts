import type { Config } from '../../config.js';
import type { Account, DbOrTrx } from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import { DAY, iso } from '../../lib/clock.js';
import { notFound, unprocessable } from '../../lib/errors.js';
import { emitEvent, emitEvents } from '../../worker/outbox.js';
import { insertRows } from '../../worker/rows.js';
import { normalizeEmail } from '../leads/fields.js';
import { type Actor, addTimeline, createLead } from '../leads/service.js';
import { queueTemplateMails } from '../mail/service.js';
import { accessRows, leadMemberships } from './lead-memberships.js';
import { WELCOME_TEMPLATE, type WelcomeMail } from './mails.js';
import { ensureMember, ensureMembers, issueMemberToken, issueMemberTokens } from './members.js';
import type { AccessBody, AccessOut } from './schema.js';
import { ownMembership } from './service.js';
import { portalUrl, siteUrl } from './urls.js';

/**
 * Access: which lead may read which membership, at which level, since when and why.
 * Kartra's semantics: revoking does not touch billing (nothing here knows about billing);
 * revoking resets the drip schedule (a later grant starts it again from that grant's date);
 * granting again after a revoke re-sends the welcome mail. Granting a lead who already has
 * active access at the same level changes nothing (so two automations, a retry or a replay
 * never mail twice); at another level it moves them there, keeping their drip date.
 */

export const MEMBERSHIP_EVENTS = {
  granted: 'membership.granted',
  revoked: 'membership.revoked',
} as const;

/** Payload of `membership.granted` / `membership.revoked` (plus the actor's source, source_id). */
export type MembershipEventPayload = {
  lead_id: number;
  membership_id: number;
  level_id: number;
  change: 'granted' | 'regranted' | 'level_changed' | 'revoked';
};

export const WELCOME_LINK_DAYS = 7;

export type AccessChange = 'granted' | 'regranted' | 'level_changed' | 'revoked' | 'unchanged';

type Ctx = {
  config: Pick<Config, 'adminUrl' | 'platformDomain'>;
  accountId: number;
  actor: Actor;
  now: Date;
};

async function liveLead(db: DbOrTrx, accountId: number, leadId: number) {
  const lead = await db
    .selectFrom('leads')
    .select(['id', 'email', 'first_name', 'last_name', 'blocked'])
    .where('account_id', '=', accountId)
    .where('id', '=', leadId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!lead) throw notFound('This lead');
  return lead;
}

async function levelOf(db: DbOrTrx, accountId: number, membershipId: number, level: number | string) {
  let q = db
    .selectFrom('membership_levels')
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .where('membership_id', '=', membershipId);
  q = typeof level === 'number' ? q.where('id', '=', level) : q.where('name', '=', level);
  const row = await q.executeTakeFirst();
  if (!row && typeof level === 'string') {
    const all = await db
      .selectFrom('membership_levels')
      .select(['id', 'name'])
      .where('account_id', '=', accountId)
      .where('membership_id', '=', membershipId)
      .execute();
    const found = all.find((l) => l.name.toLowerCase() === level.trim().toLowerCase());
    if (found) return found;
  }
  if (!row)
    throw unprocessable('level_not_found', `The membership has no level ${JSON.stringify(level)}.`, {
      field: 'level',
    });
  return row;
}

const eventPayload = (p: MembershipEventPayload, actor: Actor) => ({
  ...p,
  source: actor.source,
  source_id: actor.sourceId ?? null,
});

export type GrantLead = { id: number; email: string; first_name: string | null; blocked: number };

/** The membership, the level and the account's site words in one read. */
async function grantTarget(db: DbOrTrx, accountId: number, membershipId: number, level: number | string) {
  const row = await db
    .selectFrom('memberships as m')
    .innerJoin('accounts as acc', 'acc.id', 'm.account_id')
    .leftJoin('membership_levels as l', (j) =>
      typeof level === 'number'
        ? j.onRef('l.membership_id', '=', 'm.id').on('l.id', '=', level)
        : j.onRef('l.membership_id', '=', 'm.id').on('l.name', '=', level),
    )
    .select([
      'm.id',
      'm.name',
      'm.slug',
      'l.id as level_id',
      'l.name as level_name',
      'acc.username',
      'acc.name as account_name',
      'acc.company',
    ])
    .where('m.account_id', '=', accountId)
    .where('m.id', '=', membershipId)
    .executeTakeFirst();
  if (!row) throw notFound('This membership');
  if (row.level_id === null || row.level_name === null) {
    const found = typeof level === 'string' ? await levelOf(db, accountId, membershipId, level) : undefined;
    if (!found)
      throw unprocessable('level_not_found', `The membership has no level ${JSON.stringify(level)}.`, {
        field: 'level',
      });
    return { ...row, level_id: found.id, level_name: found.name };
  }
  return { ...row, level_id: row.level_id, level_name: row.level_name };
}

/**
 * Grants a lead access at a level, in the caller's transaction (the engine's step, or the API).
 * A new or renewed grant mails the welcome with a set-password link. Throws AppError 404/422
 * when the membership, level or lead does not exist (a step reports it and stops), before
 * writing anything. `lead` may be handed in when the caller has just read it.
 */
export async function grantAccess(
  trx: DbOrTrx,
  ctx: Ctx,
  input: { membershipId: number; leadId: number; level: number | string; lead?: GrantLead },
): Promise<{ change: AccessChange; access: AccessOut }> {
  const { accountId, actor, now } = ctx;
  const target = await grantTarget(trx, accountId, input.membershipId, input.level);
  const lead = input.lead ?? (await liveLead(trx, accountId, input.leadId));
  const t = iso(now);
  const source = { source: actor.source, source_id: actor.sourceId ?? null };
  // The common case, a first grant, is one statement.
  const inserted = await trx
    .insertInto('membership_access')
    .values({
      account_id: accountId,
      membership_id: target.id,
      lead_id: lead.id,
      level_id: target.level_id,
      status: 'active',
      granted_at: t,
      revoked_at: null,
      ...source,
      updated_at: t,
    })
    .onConflict((oc) => oc.columns(['membership_id', 'lead_id']).doNothing())
    .executeTakeFirst();
  let change: AccessChange = 'granted';
  let existing: { granted_at: string; source: string; source_id: string | null } | undefined;
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    const row = await trx
      .selectFrom('membership_access')
      .select(['id', 'status', 'level_id', 'granted_at', 'source', 'source_id'])
      .where('membership_id', '=', target.id)
      .where('lead_id', '=', lead.id)
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();
    existing = row;
    if (row.status === 'revoked') {
      await trx
        .updateTable('membership_access')
        .set((eb) => ({
          status: 'active',
          level_id: target.level_id,
          granted_at: t,
          revoked_at: null,
          ...source,
          grants: eb('grants', '+', 1),
          updated_at: t,
        }))
        .where('id', '=', row.id)
        .where('account_id', '=', accountId)
        .execute();
      change = 'regranted';
    } else if (row.level_id !== target.level_id) {
      await trx
        .updateTable('membership_access')
        .set({ level_id: target.level_id, ...source, updated_at: t })
        .where('id', '=', row.id)
        .where('account_id', '=', accountId)
        .execute();
      change = 'level_changed';
    } else {
      change = 'unchanged';
    }
  }
  const renewed = change === 'granted' || change === 'regranted';
  const access: AccessOut = {
    lead_id: lead.id,
    membership_id: target.id,
    membership_name: target.name,
    level_id: target.level_id,
    level_name: target.level_name,
    status: 'active',
    granted_at: renewed || !existing ? t : existing.granted_at,
    revoked_at: null,
    source: change === 'unchanged' && existing ? existing.source : actor.source,
    source_id: change === 'unchanged' && existing ? existing.source_id : (actor.sourceId ?? null),
  };
  if (change === 'unchanged') return { change, access };

  const detail = {
    membership_id: target.id,
    membership: target.name,
    level_id: target.level_id,
    level: target.level_name,
  };
  const mailed = renewed && lead.blocked !== 1;
  await addTimeline(trx, accountId, actor, now, [
    {
      leadId: lead.id,
      kind: renewed ? 'membership_granted' : 'membership_level_changed',
      detail: renewed ? { ...detail, regrant: change === 'regranted', welcome_mailed: mailed } : detail,
    },
  ]);
  await emitEvent(trx, {
    accountId,
    type: MEMBERSHIP_EVENTS.granted,
    payload: eventPayload(
      { lead_id: lead.id, membership_id: target.id, level_id: target.level_id, change: change as 'granted' },
      actor,
    ),
    at: now,
  });
  if (mailed) {
    const member = await ensureMember(trx, accountId, lead.id, now);
    const token = await issueMemberToken(trx, {
      accountId,
      memberId: member.id,
      membershipId: target.id,
      purpose: 'welcome',
      now,
      validMs: WELCOME_LINK_DAYS * DAY,
    });
    const site = siteUrl(ctx.config, target.username);
    const welcome: WelcomeMail = {
      to: lead.email,
      firstName: lead.first_name,
      business: target.company ?? target.account_name,
      membership: target.name,
      level: target.level_name,
      setPasswordLink: `${site}/m/${target.slug}/set-password/${token}`,
      portalLink: portalUrl(ctx.config, target.username, target.slug),
      validDays: WELCOME_LINK_DAYS,
      hasPassword: member.password_hash !== null,
    };
    await queueTemplateMails(trx, WELCOME_TEMPLATE, [welcome], { accountId, at: now });
  }
  return { change, access };
}

export type TimelineRow = {
  account_id: number;
  lead_id: number;
  at: string;
  kind: string;
  detail: string;
  source: string;
  source_id: string | null;
};

/** Timeline entries with an actor each (leads' addTimeline takes one actor for all). */
export const insertTimeline = (trx: DbOrTrx, rows: readonly TimelineRow[]) =>
  insertRows(trx, 'lead_timeline', rows);

/**
 * `grantAccess` for many leads at one level, each with its own actor (the engine's batch: one
 * run each), in a handful of statements whatever their number: new access rows in one insert,
 * then their timeline entries, `membership.granted` events, member rows, welcome tokens and
 * welcome mails, one multi-row statement each. A lead that already had an access row (re-grant,
 * level change, unchanged) or appears twice goes through `grantAccess` itself, so the semantics
 * are exactly those of calling it for each grant in order. Returns each grant's change, in order.
 * Throws like `grantAccess` (404/422) before writing anything when the membership or level is
 * missing. The leads must be live leads of the account (the caller has just read them).
 */
export async function grantAccessMany(
  trx: DbOrTrx,
  ctx: Omit<Ctx, 'actor'>,
  input: {
    membershipId: number;
    level: number | string;
    grants: readonly { lead: GrantLead; actor: Actor }[];
  },
): Promise<AccessChange[]> {
  const { accountId, now } = ctx;
  const target = await grantTarget(trx, accountId, input.membershipId, input.level);
  const t = iso(now);
  const firstOf = new Map<number, number>(); // lead id → index of its first grant
  input.grants.forEach((g, i) => {
    if (!firstOf.has(g.lead.id)) firstOf.set(g.lead.id, i);
  });
  // Ascending lead ids: concurrent PostgreSQL batches then take the unique index's locks in one order.
  const leadIds = [...firstOf.keys()].sort((a, b) => a - b);
  const inserted = new Set<number>();
  const rows = await insertRows<'membership_access', { lead_id: number }>(
    trx,
    'membership_access',
    leadIds.map((leadId) => {
      const actor = input.grants[firstOf.get(leadId)!]!.actor;
      return {
        account_id: accountId,
        membership_id: target.id,
        lead_id: leadId,
        level_id: target.level_id,
        status: 'active',
        granted_at: t,
        revoked_at: null,
        source: actor.source,
        source_id: actor.sourceId ?? null,
        updated_at: t,
      };
    }),
    { conflict: '("membership_id", "lead_id") do nothing', returning: ['lead_id'] },
  );
  for (const r of rows) inserted.add(r.lead_id);
  const changes: AccessChange[] = input.grants.map((g, i) =>
    inserted.has(g.lead.id) && firstOf.get(g.lead.id) === i ? 'granted' : 'unchanged',
  );
  const fresh = input.grants.filter((_, i) => changes[i] === 'granted');
  if (fresh.length) {
    const detail = {
      membership_id: target.id,
      membership: target.name,
      level_id: target.level_id,
      level: target.level_name,
    };
    const mailed = fresh.filter((g) => g.lead.blocked !== 1);
    await insertTimeline(
      trx,
      fresh.map((g) => ({
        account_id: accountId,
        lead_id: g.lead.id,
        at: t,
        kind: 'membership_granted',
        detail: JSON.stringify({ ...detail, regrant: false, welcome_mailed: g.lead.blocked !== 1 }),
        source: g.actor.source,
        source_id: g.actor.sourceId ?? null,
      })),
    );
    await emitEvents(
      trx,
      fresh.map((g) => ({
        accountId,
        type: MEMBERSHIP_EVENTS.granted,
        payload: eventPayload(
          { lead_id: g.lead.id, membership_id: target.id, level_id: target.level_id, change: 'granted' },
          g.actor,
        ),
        at: now,
      })),
    );
    if (mailed.length) {
      const members = await ensureMembers(
        trx,
        accountId,
        mailed.map((g) => g.lead.id),
        now,
      );
      const memberOf = (g: { lead: GrantLead }) => members.get(g.lead.id)!;
      const tokens = await issueMemberTokens(trx, {
        accountId,
        memberIds: mailed.map((g) => memberOf(g).id),
        membershipId: target.id,
        purpose: 'welcome',
        now,
        validMs: WELCOME_LINK_DAYS * DAY,
      });
      const site = siteUrl(ctx.config, target.username);
      const portalLink = portalUrl(ctx.config, target.username, target.slug);
      const business = target.company ?? target.account_name;
      await queueTemplateMails(
        trx,
        WELCOME_TEMPLATE,
        mailed.map(
          (g, k): WelcomeMail => ({
            to: g.lead.email,
            firstName: g.lead.first_name,
            business,
            membership: target.name,
            level: target.level_name,
            setPasswordLink: `${site}/m/${target.slug}/set-password/${tokens[k]}`,
            portalLink,
            validDays: WELCOME_LINK_DAYS,
            hasPassword: memberOf(g).password_hash !== null,
          }),
        ),
        { accountId, at: now },
      );
    }
  }
  // The rest, one by one and in order, exactly as grantAccess decides for them.
  for (const [i, g] of input.grants.entries()) {
    if (changes[i] === 'granted') continue;
    changes[i] = (
      await grantAccess(
        trx,
        { ...ctx, actor: g.actor },
        { membershipId: target.id, leadId: g.lead.id, level: target.level_id, lead: g.lead },
      )
    ).change;
  }
  return changes;
}

/** Revokes a lead's access (at once: the portal checks access on every request). */
export async function revokeAccess(
  trx: DbOrTrx,
  ctx: Omit<Ctx, 'config'>,
  input: { membershipId: number; leadId: number },
): Promise<{ change: AccessChange; access: AccessOut | null }> {
  const { accountId, actor, now } = ctx;
  const membership = await ownMembership(trx, accountId, input.membershipId);
  const t = iso(now);
  const revoked = await trx
    .updateTable('membership_access')
    .set({ status: 'revoked', revoked_at: t, updated_at: t })
    .where('account_id', '=', accountId)
    .where('membership_id', '=', membership.id)
    .where('lead_id', '=', input.leadId)
    .where('status', '=', 'active')
    .returning(['level_id'])
    .executeTakeFirst();
  if (revoked) {
    const level = await trx
      .selectFrom('membership_levels')
      .select('name')
      .where('id', '=', revoked.level_id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    await addTimeline(trx, accountId, actor, now, [
      {
        leadId: input.leadId,
        kind: 'membership_revoked',
        detail: {
          membership_id: membership.id,
          membership: membership.name,
          level_id: revoked.level_id,
          level: level?.name ?? null,
        },
      },
    ]);
    await emitEvent(trx, {
      accountId,
      type: MEMBERSHIP_EVENTS.revoked,
      payload: eventPayload(
        {
          lead_id: input.leadId,
          membership_id: membership.id,
          level_id: revoked.level_id,
          change: 'revoked',
        },
        actor,
      ),
      at: now,
    });
  }
  const access = (
    await accessRows(trx, accountId, { leadIds: [input.leadId], membershipId: membership.id })
  )[0];
  return { change: revoked ? 'revoked' : 'unchanged', access: access ?? null };
}

export async function membershipsOfLead(deps: Pick<AppDeps, 'db'>, accountId: number, leadId: number) {
  await liveLead(deps.db, accountId, leadId);
  return (await leadMemberships(deps.db, accountId, [leadId])).get(leadId) ?? [];
}

// --- By hand (API) -----------------------------------------------------------------------------

export async function grantByHand(
  deps: AppDeps,
  account: Account,
  membershipId: number,
  body: AccessBody,
  actor: Actor,
): Promise<AccessOut & { change: AccessChange }> {
  await ownMembership(deps.db, account.id, membershipId);
  let leadId = body.lead_id;
  if (leadId === undefined) {
    const found = await deps.db
      .selectFrom('leads')
      .select(['id', 'deleted_at'])
      .where('account_id', '=', account.id)
      .where('email_normalized', '=', normalizeEmail(body.email!))
      .executeTakeFirst();
    leadId =
      found && found.deleted_at === null
        ? found.id
        : (await createLead(deps, account, { email: body.email! }, actor)).id;
  }
  const now = deps.clock.now();
  const result = await deps.db
    .transaction()
    .execute((trx) =>
      grantAccess(
        trx,
        { config: deps.config, accountId: account.id, actor, now },
        { membershipId, leadId, level: body.level_id ?? body.level! },
      ),
    );
  deps.wake();
  return { ...result.access, change: result.change };
}

export async function revokeByHand(
  deps: AppDeps,
  accountId: number,
  membershipId: number,
  leadId: number,
  actor: Actor,
): Promise<AccessOut & { change: AccessChange }> {
  const now = deps.clock.now();
  const result = await deps.db
    .transaction()
    .execute((trx) => revokeAccess(trx, { accountId, actor, now }, { membershipId, leadId }));
  if (!result.access) throw notFound('Access of this lead to this membership');
  deps.wake();
  return { ...result.access, change: result.change };
}

export async function listMembers(
  deps: Pick<AppDeps, 'db'>,
  accountId: number,
  membershipId: number,
  query: { status?: 'active' | 'revoked' | undefined; cursor?: string | undefined; limit: number },
) {
  await ownMembership(deps.db, accountId, membershipId);
  let q = deps.db
    .selectFrom('membership_access as a')
    .innerJoin('memberships as m', 'm.id', 'a.membership_id')
    .innerJoin('leads', 'leads.id', 'a.lead_id')
    .leftJoin('membership_levels as l', 'l.id', 'a.level_id')
    .leftJoin('members', (j) =>
      j.onRef('members.lead_id', '=', 'a.lead_id').onRef('members.account_id', '=', 'a.account_id'),
    )
    .select([
      'a.id',
      'a.lead_id',
      'a.membership_id',
      'm.name as membership_name',
      'a.level_id',
      'l.name as level_name',
      'a.status',
      'a.granted_at',
      'a.revoked_at',
      'a.source',
      'a.source_id',
      'leads.email',
      'leads.first_name',
      'leads.last_name',
      'members.password_hash',
      'members.last_login_at',
    ])
    .where('a.account_id', '=', accountId)
    .where('a.membership_id', '=', membershipId)
    .where('leads.deleted_at', 'is', null);
  if (query.status) q = q.where('a.status', '=', query.status);
  if (query.cursor) q = q.where('a.id', '<', Number(query.cursor));
  const rows = await q
    .orderBy('a.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  return {
    members: page.map(({ id: _, password_hash, last_login_at, ...r }) => ({
      ...r,
      password_set: password_hash !== null && password_hash !== undefined,
      last_login_at: last_login_at ?? null,
    })),
    next_cursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null,
  };
}
