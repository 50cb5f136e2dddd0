import type { DbOrTrx } from '../../db/types.js';
import { iso } from '../../lib/clock.js';
import { randomToken, sha256 } from '../../lib/crypto.js';
import { insertRows } from '../../worker/rows.js';

/**
 * Members: the portal logins of leads. One per lead, hence one per business: the same email at
 * two businesses is two leads and two members, with separate passwords. The password is null
 * until the member chooses one from the welcome (or reset) link.
 */

export async function ensureMember(trx: DbOrTrx, accountId: number, leadId: number, now: Date) {
  // An upsert whose no-op update makes RETURNING give the row whether it was there or not.
  return trx
    .insertInto('members')
    .values({ account_id: accountId, lead_id: leadId, created_at: iso(now) })
    .onConflict((oc) =>
      oc.columns(['account_id', 'lead_id']).doUpdateSet((eb) => ({ lead_id: eb.ref('excluded.lead_id') })),
    )
    .returning(['id', 'password_hash'])
    .executeTakeFirstOrThrow();
}

export type MemberTokenPurpose = 'welcome' | 'reset';

/** A one-time link token: the raw value goes into the mail, only its SHA-256 is stored. */
export async function issueMemberToken(
  trx: DbOrTrx,
  t: {
    accountId: number;
    memberId: number;
    membershipId: number;
    purpose: MemberTokenPurpose;
    now: Date;
    validMs: number;
  },
): Promise<string> {
  const token = randomToken();
  await trx
    .insertInto('member_tokens')
    .values({
      token_hash: sha256(token),
      account_id: t.accountId,
      member_id: t.memberId,
      membership_id: t.membershipId,
      purpose: t.purpose,
      created_at: iso(t.now),
      expires_at: iso(new Date(t.now.getTime() + t.validMs)),
      used_at: null,
    })
    .execute();
  return token;
}

/** `ensureMember` for several leads of one account at once (one statement per 500). */
export async function ensureMembers(
  trx: DbOrTrx,
  accountId: number,
  leadIds: readonly number[],
  now: Date,
): Promise<Map<number, { id: number; password_hash: string | null }>> {
  const out = new Map<number, { id: number; password_hash: string | null }>();
  const created_at = iso(now);
  // The no-op update makes RETURNING give every row, new or not (as ensureMember).
  const rows = await insertRows<'members', { id: number; lead_id: number; password_hash: string | null }>(
    trx,
    'members',
    leadIds.map((lead_id) => ({ account_id: accountId, lead_id, created_at })),
    {
      conflict: '("account_id", "lead_id") do update set "lead_id" = excluded."lead_id"',
      returning: ['id', 'lead_id', 'password_hash'],
    },
  );
  for (const r of rows) out.set(r.lead_id, { id: r.id, password_hash: r.password_hash });
  return out;
}

/** `issueMemberToken` for several members at once: the raw tokens, in the order given. */
export async function issueMemberTokens(
  trx: DbOrTrx,
  t: {
    accountId: number;
    memberIds: readonly number[];
    membershipId: number;
    purpose: MemberTokenPurpose;
    now: Date;
    validMs: number;
  },
): Promise<string[]> {
  const tokens = t.memberIds.map(() => randomToken());
  const created_at = iso(t.now);
  const expires_at = iso(new Date(t.now.getTime() + t.validMs));
  await insertRows(
    trx,
    'member_tokens',
    tokens.map((token, k) => ({
      token_hash: sha256(token),
      account_id: t.accountId,
      member_id: t.memberIds[k]!,
      membership_id: t.membershipId,
      purpose: t.purpose,
      created_at,
      expires_at,
      used_at: null,
    })),
  );
  return tokens;
}
