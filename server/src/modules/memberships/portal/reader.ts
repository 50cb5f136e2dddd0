import type { DbOrTrx } from '../../../db/types.js';
import { DAY, iso } from '../../../lib/clock.js';
import type { TreeView } from './views.js';

/**
 * What a member may read, decided afresh on every request (so a revoke shuts them out at once):
 * active access to the membership; posts that name the member's level; released once
 * `release_after_days` have passed since the latest grant (the drip schedule).
 */

export type MemberAccess = { level_id: number; level_name: string; granted_at: string };

export async function activeAccess(
  db: DbOrTrx,
  accountId: number,
  membershipId: number,
  leadId: number,
): Promise<MemberAccess | undefined> {
  const row = await db
    .selectFrom('membership_access as a')
    .innerJoin('membership_levels as l', 'l.id', 'a.level_id')
    .innerJoin('leads', 'leads.id', 'a.lead_id')
    .select(['a.level_id', 'l.name as level_name', 'a.granted_at'])
    .where('a.account_id', '=', accountId)
    .where('a.membership_id', '=', membershipId)
    .where('a.lead_id', '=', leadId)
    .where('a.status', '=', 'active')
    .where('leads.deleted_at', 'is', null)
    .executeTakeFirst();
  return row;
}

/** When a post opens for a member, or null when it is open now. */
export function opensAt(access: MemberAccess, releaseAfterDays: number, now: Date): string | null {
  if (releaseAfterDays <= 0) return null;
  const at = new Date(new Date(access.granted_at).getTime() + releaseAfterDays * DAY);
  return at > now ? iso(at) : null;
}

export async function readableTree(
  db: DbOrTrx,
  accountId: number,
  membershipId: number,
  access: MemberAccess,
  now: Date,
): Promise<TreeView> {
  const rows = await db
    .selectFrom('membership_posts as p')
    .innerJoin('membership_post_levels as pl', 'pl.post_id', 'p.id')
    .innerJoin('membership_subcategories as s', 's.id', 'p.subcategory_id')
    .innerJoin('membership_categories as c', 'c.id', 's.category_id')
    .select([
      'p.id',
      'p.title',
      'p.release_after_days',
      's.id as sub_id',
      's.name as sub_name',
      'c.id as cat_id',
      'c.name as cat_name',
    ])
    .where('p.account_id', '=', accountId)
    .where('p.membership_id', '=', membershipId)
    .where('pl.level_id', '=', access.level_id)
    .orderBy('c.position')
    .orderBy('c.id')
    .orderBy('s.position')
    .orderBy('s.id')
    .orderBy('p.position')
    .orderBy('p.id')
    .execute();
  const categories: TreeView['categories'] = [];
  let lastCat = -1;
  let lastSub = -1;
  for (const r of rows) {
    if (r.cat_id !== lastCat) {
      categories.push({ name: r.cat_name, subcategories: [] });
      lastCat = r.cat_id;
      lastSub = -1;
    }
    const cat = categories[categories.length - 1]!;
    if (r.sub_id !== lastSub) {
      cat.subcategories.push({ name: r.sub_name, posts: [] });
      lastSub = r.sub_id;
    }
    cat.subcategories[cat.subcategories.length - 1]!.posts.push({
      id: r.id,
      title: r.title,
      opensAt: opensAt(access, r.release_after_days, now),
    });
  }
  return { level: access.level_name, categories };
}

export type PostVerdict =
  | {
      ok: true;
      post: {
        id: number;
        title: string;
        body: string;
        video_url: string | null;
        category: string;
        subcategory: string;
      };
    }
  | { ok: false; reason: 'not_found' | 'not_your_level' | 'not_yet'; opensAt?: string };

export async function readablePost(
  db: DbOrTrx,
  accountId: number,
  membershipId: number,
  access: MemberAccess,
  postId: number,
  now: Date,
): Promise<PostVerdict> {
  const post = await db
    .selectFrom('membership_posts as p')
    .innerJoin('membership_subcategories as s', 's.id', 'p.subcategory_id')
    .innerJoin('membership_categories as c', 'c.id', 's.category_id')
    .select([
      'p.id',
      'p.title',
      'p.body',
      'p.video_url',
      'p.release_after_days',
      's.name as subcategory',
      'c.name as category',
    ])
    .where('p.account_id', '=', accountId)
    .where('p.membership_id', '=', membershipId)
    .where('p.id', '=', postId)
    .executeTakeFirst();
  if (!post) return { ok: false, reason: 'not_found' };
  const allowed = await db
    .selectFrom('membership_post_levels')
    .select('post_id')
    .where('account_id', '=', accountId)
    .where('post_id', '=', postId)
    .where('level_id', '=', access.level_id)
    .executeTakeFirst();
  if (!allowed) return { ok: false, reason: 'not_your_level' };
  const opens = opensAt(access, post.release_after_days, now);
  if (opens) return { ok: false, reason: 'not_yet', opensAt: opens };
  return { ok: true, post };
}
