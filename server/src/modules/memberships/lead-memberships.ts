import type { DbOrTrx } from '../../db/types.js';
import type { AccessOut, LeadMembershipOut } from './schema.js';

/**
 * Reading access records for leads. Kept apart from access.ts (which calls into leads) so that
 * the leads module can fill a lead's `memberships` from here without an import cycle.
 */

export async function accessRows(
  db: DbOrTrx,
  accountId: number,
  where: { leadIds: number[]; membershipId?: number },
): Promise<AccessOut[]> {
  if (!where.leadIds.length) return [];
  let q = db
    .selectFrom('membership_access as a')
    .innerJoin('memberships as m', 'm.id', 'a.membership_id')
    .leftJoin('membership_levels as l', 'l.id', 'a.level_id')
    .select([
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
    ])
    .where('a.account_id', '=', accountId)
    .where('a.lead_id', 'in', where.leadIds);
  if (where.membershipId !== undefined) q = q.where('a.membership_id', '=', where.membershipId);
  return q.orderBy('m.name').orderBy('a.membership_id').execute();
}

/** API.md's `memberships` of each lead: every membership it has (or had) access to. */
export async function leadMemberships(
  db: DbOrTrx,
  accountId: number,
  leadIds: number[],
): Promise<Map<number, LeadMembershipOut[]>> {
  const out = new Map<number, LeadMembershipOut[]>();
  for (const { lead_id, ...m } of await accessRows(db, accountId, { leadIds })) {
    out.set(lead_id, [...(out.get(lead_id) ?? []), m]);
  }
  return out;
}
