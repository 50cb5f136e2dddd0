import type { DbOrTrx } from '../../db/types.js';
import { iso } from '../../lib/clock.js';
import { randomToken, sha256 } from '../../lib/crypto.js';

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
