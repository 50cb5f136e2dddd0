import type { Selectable } from 'kysely';
import { getDomain } from 'tldts';
import type { Account, CustomDomainsTable, DbOrTrx } from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import { addMs, HOUR, iso, MINUTE } from '../../lib/clock.js';
import { conflict, notFound } from '../../lib/errors.js';
import { emitEvent } from '../../worker/outbox.js';
import { queueMail } from '../mail/service.js';
import { assertWithinCount } from '../plans/service.js';
import { type Check, type CheckTarget, type ForwardingProbe, runChecks } from './checks.js';
import { bumpHostsVersion } from './directory.js';
import { displayHostname, parseHostname } from './hostname.js';
import { activatedMail, expiredMail } from './mails.js';
import { type DomainOut, storedChecks } from './schema.js';

/**
 * Custom domains: add (validated, within the plan, one account per hostname), check (DNS read by
 * Atrium itself; all checks right → active), re-check by the scheduler with backoff, expire
 * (still pending 24 h after adding → removed, with a mail saying why), remove.
 * Every change to which host serves what bumps the hosts version in its transaction and clears
 * this process's host cache after the commit (directory.ts).
 */

export type DomainRow = Selectable<CustomDomainsTable>;

export const DOMAIN_EVENTS = {
  added: 'domain.added',
  activated: 'domain.activated',
  removed: 'domain.removed',
} as const;

/** How long a pending domain may take to get its DNS right. */
export const PENDING_HOURS = 24;
/** Delays between the scheduler's re-checks of a pending domain: 1, 2, 4, 8, 15, then every 30 minutes. */
export const RECHECK_MINUTES = [1, 2, 4, 8, 15, 30];
export const recheckDelayMs = (checksSoFar: number): number =>
  (RECHECK_MINUTES[Math.min(checksSoFar, RECHECK_MINUTES.length - 1)] ?? 30) * MINUTE;

export const targetOf = (deps: Pick<AppDeps, 'config'>, username: string) =>
  `${username}.${deps.config.platformDomain}`;

export const probeOf = (deps: Pick<AppDeps, 'config'>): ForwardingProbe => ({
  port: deps.config.domainCheckHttpPort,
  allowPrivate: deps.config.webhookAllowPrivate,
  timeoutMs: 5_000,
});

const domainsLink = (deps: Pick<AppDeps, 'config'>) => `${deps.config.adminUrl}/domains`;

function recordName(hostname: string, apex: string | null): string {
  const zone = apex ?? getDomain(hostname, { allowPrivateDomains: false });
  return zone && hostname.endsWith(`.${zone}`) ? hostname.slice(0, -zone.length - 1) : hostname;
}

export function instructionsFor(
  d: Pick<DomainRow, 'hostname' | 'kind' | 'apex' | 'target'>,
): DomainOut['instructions'] {
  const name = recordName(d.hostname, d.apex);
  const zone = d.apex ?? getDomain(d.hostname, { allowPrivateDomains: false }) ?? d.hostname;
  const steps = [
    `Sign in where the DNS of ${zone} is managed (usually your registrar).`,
    `Create a CNAME record: name (host) "${name}", value (points to) "${d.target}". If "${name}" already has an A, AAAA or another CNAME record, delete it first: a name with a CNAME can hold no other record.`,
  ];
  if (d.kind === 'root' && d.apex) {
    steps.push(
      `Forward ${d.apex} to https://${d.hostname}: a permanent (301) redirect with the path kept (often called "forward path"), so ${d.apex}/offer lands on ${d.hostname}/offer. Registrars call this URL forwarding or redirect. No forwarding service? Give ${d.apex} an A record with this server's address instead, and Atrium forwards it itself.`,
    );
  }
  steps.push(
    `Come back and press "Check now". Atrium also checks by itself; the domain is removed if its records are not right within ${PENDING_HOURS} hours.`,
  );
  return {
    records: [{ type: 'CNAME', name, host: d.hostname, value: d.target }],
    forwarding:
      d.kind === 'root' && d.apex
        ? { from: d.apex, to: `https://${d.hostname}`, status: 301, keep_path: true }
        : null,
    steps,
  };
}

function parseChecks(raw: string | null): Check[] | null {
  if (!raw) return null;
  const parsed = storedChecks.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

export function toOut(d: DomainRow): DomainOut {
  return {
    id: d.id,
    hostname: d.hostname,
    display_hostname: displayHostname(d.hostname),
    kind: d.kind,
    apex: d.apex,
    target: d.target,
    status: d.status,
    expires_at: d.status === 'pending' ? d.expires_at : null,
    created_at: d.created_at,
    activated_at: d.activated_at,
    last_checked_at: d.last_checked_at,
    next_check_at: d.status === 'pending' ? d.next_check_at : null,
    checks: parseChecks(d.checks),
    instructions: instructionsFor(d),
    url: `https://${d.hostname}/`,
  };
}

export async function listDomains(deps: AppDeps, accountId: number): Promise<DomainOut[]> {
  const rows = await deps.db
    .selectFrom('custom_domains')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
  return rows.map(toOut);
}

async function ownDomain(db: DbOrTrx, accountId: number, id: number): Promise<DomainRow> {
  const row = await db
    .selectFrom('custom_domains')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('That domain');
  return row;
}

export async function getDomainOut(deps: AppDeps, accountId: number, id: number): Promise<DomainOut> {
  return toOut(await ownDomain(deps.db, accountId, id));
}

export async function addDomain(deps: AppDeps, account: Account, input: string): Promise<DomainOut> {
  const parsed = parseHostname(input, deps.config.platformDomain);
  const target = targetOf(deps, account.username);
  // A name another account holds while it is still pending goes to whoever its DNS points at:
  // otherwise anyone could block a domain by adding it first (and again every 24 hours).
  let claimFrom: { id: number; account_id: number } | undefined;
  const holder = await deps.db
    .selectFrom('custom_domains')
    .select(['id', 'account_id', 'status'])
    .where('hostname', '=', parsed.hostname)
    .executeTakeFirst();
  if (holder && holder.account_id !== account.id && holder.status === 'pending') {
    const cname = await deps.dns.cname(parsed.hostname);
    if (cname.ok && cname.records.length === 1 && cname.records[0] === target) claimFrom = holder;
  }
  const now = deps.clock.now();
  const row = await deps.db.transaction().execute(async (trx) => {
    // Serialise adds of one account on PostgreSQL, so two at once cannot both pass the limit.
    await trx
      .selectFrom('accounts')
      .select('id')
      .where('id', '=', account.id)
      .$if(deps.dialect === 'postgres', (q) => q.forUpdate())
      .execute();
    if (claimFrom) {
      const released = await trx
        .deleteFrom('custom_domains')
        .where('id', '=', claimFrom.id)
        .where('account_id', '=', claimFrom.account_id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (released.numDeletedRows > 0n) {
        await emitEvent(trx, {
          accountId: claimFrom.account_id,
          type: DOMAIN_EVENTS.removed,
          payload: { domain_id: claimFrom.id, hostname: parsed.hostname, reason: 'claimed', was: 'pending' },
          at: now,
        });
      }
    }
    const taken = await trx
      .selectFrom('custom_domains')
      .select(['account_id', 'status'])
      .where('hostname', '=', parsed.hostname)
      .executeTakeFirst();
    if (taken) {
      throw taken.account_id === account.id
        ? conflict('domain_exists', `${displayHostname(parsed.hostname)} is already in your domains.`)
        : conflict(
            'domain_taken',
            taken.status === 'pending'
              ? `${displayHostname(parsed.hostname)} was added by another Atrium account, whose DNS is not set up yet. If the domain is yours, point its CNAME at ${target} and add it again: the domain goes to the account its DNS points at.`
              : `${displayHostname(parsed.hostname)} is connected to another Atrium account. If the domain is yours, remove it there first, or ask support.`,
          );
    }
    const count = await trx
      .selectFrom('custom_domains')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', account.id)
      .executeTakeFirstOrThrow();
    assertWithinCount(deps.plans, account.plan, 'custom_domains', Number(count.n));
    const inserted = await trx
      .insertInto('custom_domains')
      .values({
        account_id: account.id,
        hostname: parsed.hostname,
        kind: parsed.kind,
        apex: parsed.apex,
        target,
        status: 'pending',
        checks: null,
        check_count: 0,
        last_checked_at: null,
        next_check_at: iso(addMs(now, recheckDelayMs(0))),
        expires_at: iso(addMs(now, PENDING_HOURS * HOUR)),
        activated_at: null,
        created_at: iso(now),
        updated_at: iso(now),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await emitEvent(trx, {
      accountId: account.id,
      type: DOMAIN_EVENTS.added,
      payload: { domain_id: inserted.id, hostname: inserted.hostname, kind: inserted.kind },
      at: now,
    });
    // A root kind's apex is forwarded by Atrium from now on (for owners who point it here).
    if (parsed.kind === 'root') await bumpHostsVersion(trx);
    return inserted;
  });
  deps.hosts.invalidate();
  deps.wake();
  return toOut(row);
}

export async function removeDomain(deps: AppDeps, accountId: number, id: number): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const row = await ownDomain(trx, accountId, id);
    await trx
      .deleteFrom('custom_domains')
      .where('id', '=', row.id)
      .where('account_id', '=', accountId)
      .execute();
    await emitEvent(trx, {
      accountId,
      type: DOMAIN_EVENTS.removed,
      payload: { domain_id: row.id, hostname: row.hostname, reason: 'owner', was: row.status },
      at: now,
    });
    await bumpHostsVersion(trx);
  });
  deps.hosts.invalidate();
  deps.wake();
}

/**
 * Reads DNS for one domain and records the outcome. All checks right → the domain becomes active
 * (event + mail). A check asked for by the owner (`manual`) starts the backoff again, since the
 * owner has likely just changed a record. An active domain stays active whatever a later check
 * finds: its checks are shown, but a live site is not taken down by a passing DNS hiccup.
 */
export async function checkDomain(
  deps: AppDeps,
  accountId: number,
  id: number,
  opts: { manual: boolean },
): Promise<{ status: 'pending' | 'active'; checks: Check[]; domain: DomainOut }> {
  const before = await ownDomain(deps.db, accountId, id);
  const checks = await runChecks(deps.dns, probeOf(deps), before);
  const outcome = await recordCheck(deps, before, checks, deps.clock.now(), opts.manual);
  if (!outcome) throw notFound('That domain'); // removed while we were checking
  return { status: outcome.status, checks, domain: toOut(outcome) };
}

/**
 * Writes a check's outcome if the domain still exists. Activation is a compare-and-set on
 * `status = pending`, so two checks at once (owner and scheduler) activate and mail once.
 */
async function recordCheck(
  deps: AppDeps,
  before: DomainRow,
  checks: Check[],
  now: Date,
  manual: boolean,
): Promise<DomainRow | undefined> {
  const allOk = checks.every((c) => c.ok);
  let activated = false;
  const row = await deps.db.transaction().execute(async (trx) => {
    const count = manual ? 0 : before.check_count + 1;
    const base = {
      checks: JSON.stringify(checks),
      last_checked_at: iso(now),
      check_count: count,
      next_check_at: iso(addMs(now, recheckDelayMs(count))),
      updated_at: iso(now),
    };
    if (allOk && before.status === 'pending') {
      const r = await trx
        .updateTable('custom_domains')
        .set({ ...base, status: 'active', activated_at: iso(now), next_check_at: null })
        .where('id', '=', before.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (r.numUpdatedRows > 0n) {
        activated = true;
        const owner = await trx
          .selectFrom('accounts')
          .select(['email', 'name'])
          .where('id', '=', before.account_id)
          .executeTakeFirstOrThrow();
        await emitEvent(trx, {
          accountId: before.account_id,
          type: DOMAIN_EVENTS.activated,
          payload: { domain_id: before.id, hostname: before.hostname },
          at: now,
        });
        await queueMail(
          trx,
          activatedMail({
            to: owner.email,
            name: owner.name,
            hostname: displayHostname(before.hostname),
            url: `https://${before.hostname}/`,
            domainsLink: domainsLink(deps),
          }),
          { accountId: before.account_id, at: now, key: `domain:${before.id}:activated` },
        );
        await bumpHostsVersion(trx);
      }
    } else {
      await trx
        .updateTable('custom_domains')
        .set(before.status === 'active' ? { ...base, next_check_at: null } : base)
        .where('id', '=', before.id)
        .execute();
    }
    return trx.selectFrom('custom_domains').selectAll().where('id', '=', before.id).executeTakeFirst();
  });
  if (activated) {
    deps.hosts.invalidate();
    deps.wake();
  }
  return row;
}

/**
 * The scheduler's pass: re-checks pending domains that are due (oldest first, a few at a time),
 * and removes those still not right when their 24 hours are over, after one last check.
 * Returns how many domains it looked at.
 */
export async function recheckDue(deps: AppDeps, now: Date, limit = 50): Promise<number> {
  const due = await deps.db
    .selectFrom('custom_domains')
    .selectAll()
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('next_check_at', '<=', iso(now)), eb('expires_at', '<=', iso(now))]))
    .orderBy('next_check_at')
    .limit(limit)
    .execute();
  const queue = [...due];
  const worker = async () => {
    for (let d = queue.shift(); d; d = queue.shift()) {
      const checks = await runChecks(deps.dns, probeOf(deps), d);
      if (checks.every((c) => c.ok) || d.expires_at > iso(now)) {
        await recordCheck(deps, d, checks, now, false);
      } else {
        await expire(deps, d, checks, now);
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return due.length;
}

async function expire(deps: AppDeps, d: DomainRow, checks: Check[], now: Date): Promise<void> {
  const removed = await deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .deleteFrom('custom_domains')
      .where('id', '=', d.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (r.numDeletedRows === 0n) return false; // activated or removed meanwhile
    const owner = await trx
      .selectFrom('accounts')
      .select(['email', 'name'])
      .where('id', '=', d.account_id)
      .executeTakeFirst();
    await emitEvent(trx, {
      accountId: d.account_id,
      type: DOMAIN_EVENTS.removed,
      payload: {
        domain_id: d.id,
        hostname: d.hostname,
        reason: 'expired',
        was: 'pending',
        failing: checks.filter((c) => !c.ok).map((c) => c.name),
      },
      at: now,
    });
    if (owner) {
      await queueMail(
        trx,
        expiredMail({
          to: owner.email,
          name: owner.name,
          hostname: displayHostname(d.hostname),
          hours: PENDING_HOURS,
          failing: checks.filter((c) => !c.ok),
          domainsLink: domainsLink(deps),
        }),
        { accountId: d.account_id, at: now, key: `domain:${d.id}:expired` },
      );
    }
    await bumpHostsVersion(trx);
    return true;
  });
  if (removed) {
    deps.hosts.invalidate();
    deps.wake();
  }
}

export type { CheckTarget };
