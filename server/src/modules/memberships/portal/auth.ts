import type { DbOrTrx } from '../../../db/types.js';
import type { AppDeps } from '../../../deps.js';
import { DAY, HOUR, iso, MINUTE } from '../../../lib/clock.js';
import { hashSecret, randomToken, sha256, verifySecret } from '../../../lib/crypto.js';
import { AppError } from '../../../lib/errors.js';
import { normalizeEmail } from '../../leads/fields.js';
import { queueMail } from '../../mail/service.js';
import { resetMail } from '../mails.js';
import { ensureMember, issueMemberToken } from '../members.js';
import { siteUrl } from '../urls.js';

/**
 * Member logins on the portal: sessions (a random cookie whose SHA-256 is the row id), password
 * links (welcome and reset), and login throttling of its own — per member (5 failures in 15
 * minutes lock that member's login for 15 minutes) and per IP (30 failures in 15 minutes, over
 * every portal, lock that IP out). Counters live in the database, so replicas agree.
 */

export const MEMBER_COOKIE = 'atrium_member';
export const SESSION_DAYS = 30;
export const RESET_LINK_HOURS = 2;
export const MEMBER_MAX_FAILURES = 5;
export const IP_MAX_FAILURES = 30;
export const FAILURE_WINDOW_MS = 15 * MINUTE;
/** At most this many reset mails per member and hour (quietly ignored beyond). */
export const RESET_MAILS_PER_HOUR = 3;

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

export type MemberSession = {
  id: string;
  member_id: number;
  lead_id: number;
  csrf_token: string;
};

export async function resolveMemberSession(
  deps: Deps,
  accountId: number,
  cookie: string | undefined,
): Promise<MemberSession | undefined> {
  if (!cookie) return undefined;
  const row = await deps.db
    .selectFrom('member_sessions as s')
    .innerJoin('members as m', 'm.id', 's.member_id')
    .select(['s.id', 's.member_id', 'm.lead_id', 's.csrf_token', 's.expires_at'])
    .where('s.id', '=', sha256(cookie))
    .where('s.account_id', '=', accountId)
    .where('m.account_id', '=', accountId)
    .executeTakeFirst();
  if (!row || row.expires_at <= iso(deps.clock.now())) return undefined;
  return row;
}

async function openSession(
  deps: Deps,
  accountId: number,
  memberId: number,
  meta: { ip: string; userAgent?: string | undefined },
) {
  const cookie = randomToken();
  const now = deps.clock.now();
  await deps.db
    .insertInto('member_sessions')
    .values({
      id: sha256(cookie),
      account_id: accountId,
      member_id: memberId,
      csrf_token: randomToken(24),
      created_at: iso(now),
      expires_at: iso(new Date(now.getTime() + SESSION_DAYS * DAY)),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  await deps.db
    .updateTable('members')
    .set({ last_login_at: iso(now) })
    .where('id', '=', memberId)
    .where('account_id', '=', accountId)
    .execute();
  return cookie;
}

export async function endSession(deps: Deps, accountId: number, cookie: string): Promise<void> {
  await deps.db
    .deleteFrom('member_sessions')
    .where('id', '=', sha256(cookie))
    .where('account_id', '=', accountId)
    .execute();
}

const throttled = (message: string) => new AppError(429, 'too_many_attempts', message);

// Verifying against a fixed hash when the email is unknown keeps the timing the same.
let dummyHash: Promise<string> | undefined;
const timingDummy = () => {
  dummyHash ??= hashSecret('member-timing-equaliser');
  return dummyHash;
};

/**
 * Checks email + password for a member of this business. Wrong → 401 `invalid_credentials`;
 * too many failures for this member or from this IP → 429 `too_many_attempts`. Access to a
 * particular membership is checked by the caller (a member may log in and be told access ended).
 */
export async function memberLogin(
  deps: Deps,
  accountId: number,
  input: { email: string; password: string },
  meta: { ip: string; userAgent?: string | undefined },
): Promise<string> {
  const now = deps.clock.now();
  const since = iso(new Date(now.getTime() - FAILURE_WINDOW_MS));
  const email = normalizeEmail(input.email);
  const [byIp, byMember] = await Promise.all([
    deps.db
      .selectFrom('member_login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', meta.ip)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('member_login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('email_normalized', '=', email)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow(),
  ]);
  if (Number(byIp.n) >= IP_MAX_FAILURES)
    throw throttled('Too many failed logins from your network. Please wait 15 minutes and try again.');
  if (Number(byMember.n) >= MEMBER_MAX_FAILURES)
    throw throttled(
      'Too many failed logins for this email. Please wait 15 minutes, or choose a new password with "Forgot your password?".',
    );
  const member = await deps.db
    .selectFrom('members as m')
    .innerJoin('leads as l', 'l.id', 'm.lead_id')
    .select(['m.id', 'm.password_hash'])
    .where('m.account_id', '=', accountId)
    .where('l.account_id', '=', accountId)
    .where('l.email_normalized', '=', email)
    .where('l.deleted_at', 'is', null)
    .executeTakeFirst();
  const ok = member?.password_hash
    ? await verifySecret(member.password_hash, input.password)
    : await verifySecret(await timingDummy(), input.password).then(() => false);
  if (!member || !ok) {
    await deps.db
      .insertInto('member_login_failures')
      .values({
        account_id: accountId,
        ip: meta.ip,
        email_normalized: email.slice(0, 254),
        created_at: iso(now),
      })
      .execute();
    throw new AppError(401, 'invalid_credentials', 'The email or the password is not correct.');
  }
  await deps.db
    .deleteFrom('member_login_failures')
    .where('account_id', '=', accountId)
    .where('email_normalized', '=', email)
    .execute();
  return openSession(deps, accountId, member.id, meta);
}

/** The member a password link belongs to, if the link is unused and current. */
export async function findLinkToken(deps: Deps, accountId: number, token: string) {
  const row = await deps.db
    .selectFrom('member_tokens')
    .select(['token_hash', 'member_id', 'membership_id', 'purpose', 'expires_at', 'used_at'])
    .where('token_hash', '=', sha256(token))
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!row || row.used_at !== null || row.expires_at <= iso(deps.clock.now())) return undefined;
  return row;
}

/**
 * Sets the password from a link (welcome or reset), burns every open link of the member, ends
 * their other sessions, and opens a new session.
 */
export async function setPasswordFromLink(
  deps: Deps,
  accountId: number,
  token: string,
  password: string,
  meta: { ip: string; userAgent?: string | undefined },
): Promise<{ cookie: string; membershipId: number } | undefined> {
  const hash = await hashSecret(password);
  const now = iso(deps.clock.now());
  const found = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('member_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', sha256(token))
      .where('account_id', '=', accountId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['member_id', 'membership_id'])
      .executeTakeFirst();
    if (!row) return undefined;
    await trx
      .updateTable('member_tokens')
      .set({ used_at: now })
      .where('member_id', '=', row.member_id)
      .where('account_id', '=', accountId)
      .where('used_at', 'is', null)
      .execute();
    await trx
      .updateTable('members')
      .set({ password_hash: hash, password_set_at: now })
      .where('id', '=', row.member_id)
      .where('account_id', '=', accountId)
      .execute();
    await trx
      .deleteFrom('member_sessions')
      .where('member_id', '=', row.member_id)
      .where('account_id', '=', accountId)
      .execute();
    return row;
  });
  if (!found) return undefined;
  const cookie = await openSession(deps, accountId, found.member_id, meta);
  return { cookie, membershipId: found.membership_id };
}

/**
 * "Forgot your password?": mails a reset link when the email belongs to a lead with access
 * (active) to this membership; says nothing either way (no member enumeration).
 */
export async function requestReset(
  deps: AppDeps,
  account: { id: number; username: string; name: string; company: string | null },
  membership: { id: number; name: string; slug: string },
  email: string,
): Promise<void> {
  const now = deps.clock.now();
  const queued = await deps.db.transaction().execute(async (trx) => {
    const lead = await trx
      .selectFrom('leads')
      .innerJoin('membership_access as a', 'a.lead_id', 'leads.id')
      .select(['leads.id', 'leads.email'])
      .where('leads.account_id', '=', account.id)
      .where('leads.email_normalized', '=', normalizeEmail(email))
      .where('leads.deleted_at', 'is', null)
      .where('leads.blocked', '=', 0)
      .where('a.account_id', '=', account.id)
      .where('a.membership_id', '=', membership.id)
      .where('a.status', '=', 'active')
      .executeTakeFirst();
    if (!lead) return false;
    const member = await ensureMember(trx, account.id, lead.id, now);
    const recent = await trx
      .selectFrom('member_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('member_id', '=', member.id)
      .where('account_id', '=', account.id)
      .where('purpose', '=', 'reset')
      .where('created_at', '>', iso(new Date(now.getTime() - HOUR)))
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= RESET_MAILS_PER_HOUR) return false;
    const token = await issueMemberToken(trx, {
      accountId: account.id,
      memberId: member.id,
      membershipId: membership.id,
      purpose: 'reset',
      now,
      validMs: RESET_LINK_HOURS * HOUR,
    });
    await queueMail(
      trx,
      resetMail({
        to: lead.email,
        business: account.company ?? account.name,
        membership: membership.name,
        link: `${siteUrl(deps.config, account.username)}/m/${membership.slug}/set-password/${token}`,
        validHours: RESET_LINK_HOURS,
      }),
      { accountId: account.id, at: now },
    );
    return true;
  });
  if (queued) deps.wake();
}

/** Housekeeping: expired sessions and links, old login failures. */
export async function cleanUpMemberLogins(db: DbOrTrx, now: Date): Promise<void> {
  const t = iso(now);
  await db.deleteFrom('member_sessions').where('expires_at', '<', t).execute();
  await db
    .deleteFrom('member_tokens')
    .where('expires_at', '<', iso(new Date(now.getTime() - DAY)))
    .execute();
  await db
    .deleteFrom('member_login_failures')
    .where('created_at', '<', iso(new Date(now.getTime() - FAILURE_WINDOW_MS)))
    .execute();
}
