import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Selectable } from 'kysely';
import type { Config } from '../../config.js';
import type { Account, DbOrTrx, MembershipPostsTable } from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import { iso } from '../../lib/clock.js';
import { AppError, conflict, notFound, unprocessable } from '../../lib/errors.js';
import { sanitizeBody, videoEmbed } from './content.js';
import type {
  MembershipCreate,
  MembershipOut,
  MembershipPatch,
  PostCreate,
  PostOut,
  PostPatch,
  Reorder,
  TreeOut,
} from './schema.js';
import { portalUrl } from './urls.js';

/**
 * Memberships, their ordered levels and the content tree (categories > subcategories > posts,
 * with files). Every function takes the account and scopes every query by it; a child is
 * always checked to belong to the membership named in the route.
 */

type Owner = Pick<Account, 'id' | 'username'>;
type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

export async function ownMembership(db: DbOrTrx, accountId: number, id: number) {
  const row = await db
    .selectFrom('memberships')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('This membership');
  return row;
}

export async function levelsOf(db: DbOrTrx, accountId: number, membershipIds: number[]) {
  if (!membershipIds.length) return [];
  return db
    .selectFrom('membership_levels')
    .select(['id', 'membership_id', 'name', 'position'])
    .where('account_id', '=', accountId)
    .where('membership_id', 'in', membershipIds)
    .orderBy('membership_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
}

async function toOuts(
  db: DbOrTrx,
  config: Config,
  owner: Owner,
  rows: { id: number; name: string; slug: string; created_at: string; updated_at: string }[],
): Promise<MembershipOut[]> {
  const ids = rows.map((r) => r.id);
  const levels = await levelsOf(db, owner.id, ids);
  const counts = ids.length
    ? await db
        .selectFrom('membership_access')
        .select(['membership_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('account_id', '=', owner.id)
        .where('membership_id', 'in', ids)
        .groupBy(['membership_id', 'status'])
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    slug: r.slug,
    levels: levels
      .filter((l) => l.membership_id === r.id)
      .map((l) => ({ id: l.id, name: l.name, position: l.position })),
    members: {
      active: Number(counts.find((c) => c.membership_id === r.id && c.status === 'active')?.n ?? 0),
      revoked: Number(counts.find((c) => c.membership_id === r.id && c.status === 'revoked')?.n ?? 0),
    },
    portal_url: portalUrl(config, owner.username, r.slug),
    created_at: r.created_at,
    updated_at: r.updated_at,
  }));
}

export async function listMemberships(deps: Deps, owner: Owner): Promise<MembershipOut[]> {
  const rows = await deps.db
    .selectFrom('memberships')
    .selectAll()
    .where('account_id', '=', owner.id)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return toOuts(deps.db, deps.config, owner, rows);
}

export async function getMembership(deps: Deps, owner: Owner, id: number): Promise<MembershipOut> {
  const row = await ownMembership(deps.db, owner.id, id);
  return (await toOuts(deps.db, deps.config, owner, [row]))[0]!;
}

const slugTaken = (slug: string) =>
  conflict('slug_taken', `Another membership already uses the address /m/${slug}/.`, { field: 'slug' });

export async function createMembership(
  deps: Deps,
  owner: Owner,
  body: MembershipCreate,
): Promise<MembershipOut> {
  const now = iso(deps.clock.now());
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('memberships')
      .values({ account_id: owner.id, name: body.name, slug: body.slug, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['account_id', 'slug']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw slugTaken(body.slug);
    await trx
      .insertInto('membership_levels')
      .values(
        body.levels.map((l, i) => ({
          account_id: owner.id,
          membership_id: row.id,
          name: l.name,
          position: i,
        })),
      )
      .execute();
    return row.id;
  });
  return getMembership(deps, owner, id);
}

export async function patchMembership(
  deps: Deps,
  owner: Owner,
  id: number,
  body: MembershipPatch,
): Promise<MembershipOut> {
  const now = iso(deps.clock.now());
  await deps.db.transaction().execute(async (trx) => {
    const m = await ownMembership(trx, owner.id, id);
    if (body.slug && body.slug !== m.slug) {
      const clash = await trx
        .selectFrom('memberships')
        .select('id')
        .where('account_id', '=', owner.id)
        .where('slug', '=', body.slug)
        .executeTakeFirst();
      if (clash) throw slugTaken(body.slug);
    }
    await trx
      .updateTable('memberships')
      .set({ name: body.name ?? m.name, slug: body.slug ?? m.slug, updated_at: now })
      .where('id', '=', id)
      .where('account_id', '=', owner.id)
      .execute();
    if (!body.levels) return;
    const current = await levelsOf(trx, owner.id, [id]);
    const keep = new Set(body.levels.flatMap((l) => (l.id ? [l.id] : [])));
    for (const l of body.levels) {
      if (l.id && !current.some((c) => c.id === l.id))
        throw unprocessable('level_not_found', `Level ${l.id} is not a level of this membership.`, {
          field: 'levels',
        });
    }
    const dropped = current.filter((c) => !keep.has(c.id)).map((c) => c.id);
    if (dropped.length) {
      const used = await trx
        .selectFrom('membership_access')
        .select('level_id')
        .where('account_id', '=', owner.id)
        .where('membership_id', '=', id)
        .where('level_id', 'in', dropped)
        .where('status', '=', 'active')
        .executeTakeFirst();
      if (used) {
        const level = current.find((c) => c.id === used.level_id)!;
        throw conflict(
          'level_in_use',
          `Members still have access at the level "${level.name}"; move or revoke them before deleting it.`,
          { level_id: level.id },
        );
      }
      await trx
        .deleteFrom('membership_levels')
        .where('account_id', '=', owner.id)
        .where('membership_id', '=', id)
        .where('id', 'in', dropped)
        .execute();
    }
    // Positions are shifted out of the way first: names are free to swap places.
    for (const [i, l] of body.levels.entries()) {
      if (l.id)
        await trx
          .updateTable('membership_levels')
          .set({ name: l.name, position: i })
          .where('id', '=', l.id)
          .where('account_id', '=', owner.id)
          .execute();
      else
        await trx
          .insertInto('membership_levels')
          .values({ account_id: owner.id, membership_id: id, name: l.name, position: i })
          .execute();
    }
  });
  return getMembership(deps, owner, id);
}

/** Deletes a membership with its content, files and access records. Members' logins stay. */
export async function deleteMembership(deps: Deps, accountId: number, id: number): Promise<void> {
  const keys = await deps.db.transaction().execute(async (trx) => {
    await ownMembership(trx, accountId, id);
    const files = await trx
      .selectFrom('membership_files')
      .select('storage_key')
      .where('account_id', '=', accountId)
      .where('membership_id', '=', id)
      .execute();
    await trx
      .deleteFrom('membership_access')
      .where('account_id', '=', accountId)
      .where('membership_id', '=', id)
      .execute();
    await trx.deleteFrom('memberships').where('account_id', '=', accountId).where('id', '=', id).execute();
    return files.map((f) => f.storage_key);
  });
  removeStored(deps.config, keys);
}

// --- The content tree ------------------------------------------------------------------------

type Kind = 'membership_categories' | 'membership_subcategories';

async function ownNode(db: DbOrTrx, kind: Kind, accountId: number, membershipId: number, id: number) {
  const row = await db
    .selectFrom(kind)
    .select(['id', 'name', 'position'])
    .where('account_id', '=', accountId)
    .where('membership_id', '=', membershipId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(kind === 'membership_categories' ? 'This category' : 'This subcategory');
  return row;
}

async function nextPosition(
  db: DbOrTrx,
  table: Kind | 'membership_posts',
  accountId: number,
  membershipId: number,
  parent?: { column: 'category_id' | 'subcategory_id'; id: number },
): Promise<number> {
  let q = db
    .selectFrom(table as 'membership_posts')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('account_id', '=', accountId)
    .where('membership_id', '=', membershipId);
  if (parent) q = q.where(parent.column as 'subcategory_id', '=', parent.id);
  const row = await q.executeTakeFirst();
  return row?.p === null || row?.p === undefined ? 0 : Number(row.p) + 1;
}

export async function getTree(db: DbOrTrx, accountId: number, membershipId: number): Promise<TreeOut> {
  await ownMembership(db, accountId, membershipId);
  const [cats, subs, posts, levels] = await Promise.all([
    db
      .selectFrom('membership_categories')
      .select(['id', 'name', 'position'])
      .where('account_id', '=', accountId)
      .where('membership_id', '=', membershipId)
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('membership_subcategories')
      .select(['id', 'name', 'position', 'category_id'])
      .where('account_id', '=', accountId)
      .where('membership_id', '=', membershipId)
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('membership_posts')
      .select(['id', 'title', 'position', 'subcategory_id', 'release_after_days'])
      .where('account_id', '=', accountId)
      .where('membership_id', '=', membershipId)
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('membership_post_levels')
      .innerJoin('membership_posts', 'membership_posts.id', 'membership_post_levels.post_id')
      .select(['membership_post_levels.post_id', 'membership_post_levels.level_id'])
      .where('membership_post_levels.account_id', '=', accountId)
      .where('membership_posts.membership_id', '=', membershipId)
      .execute(),
  ]);
  const levelsOfPost = new Map<number, number[]>();
  for (const l of levels) levelsOfPost.set(l.post_id, [...(levelsOfPost.get(l.post_id) ?? []), l.level_id]);
  return {
    membership_id: membershipId,
    categories: cats.map((c) => ({
      ...c,
      subcategories: subs
        .filter((s) => s.category_id === c.id)
        .map((s) => ({
          ...s,
          posts: posts
            .filter((p) => p.subcategory_id === s.id)
            .map((p) => ({ ...p, level_ids: (levelsOfPost.get(p.id) ?? []).sort((a, b) => a - b) })),
        })),
    })),
  };
}

export async function createCategory(deps: Deps, accountId: number, membershipId: number, name: string) {
  return deps.db.transaction().execute(async (trx) => {
    await ownMembership(trx, accountId, membershipId);
    const position = await nextPosition(trx, 'membership_categories', accountId, membershipId);
    return trx
      .insertInto('membership_categories')
      .values({ account_id: accountId, membership_id: membershipId, name, position })
      .returning(['id', 'name', 'position'])
      .executeTakeFirstOrThrow();
  });
}

export async function patchCategory(
  deps: Deps,
  accountId: number,
  membershipId: number,
  id: number,
  body: { name?: string | undefined },
) {
  const row = await ownNode(deps.db, 'membership_categories', accountId, membershipId, id);
  if (body.name)
    await deps.db
      .updateTable('membership_categories')
      .set({ name: body.name })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .execute();
  return { ...row, name: body.name ?? row.name };
}

export async function createSubcategory(
  deps: Deps,
  accountId: number,
  membershipId: number,
  body: { category_id: number; name: string },
) {
  return deps.db.transaction().execute(async (trx) => {
    await ownMembership(trx, accountId, membershipId);
    await ownNode(trx, 'membership_categories', accountId, membershipId, body.category_id);
    const position = await nextPosition(trx, 'membership_subcategories', accountId, membershipId, {
      column: 'category_id',
      id: body.category_id,
    });
    return trx
      .insertInto('membership_subcategories')
      .values({
        account_id: accountId,
        membership_id: membershipId,
        category_id: body.category_id,
        name: body.name,
        position,
      })
      .returning(['id', 'name', 'position', 'category_id'])
      .executeTakeFirstOrThrow();
  });
}

export async function patchSubcategory(
  deps: Deps,
  accountId: number,
  membershipId: number,
  id: number,
  body: { name?: string | undefined; category_id?: number | undefined },
) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('membership_subcategories')
      .select(['id', 'name', 'position', 'category_id'])
      .where('account_id', '=', accountId)
      .where('membership_id', '=', membershipId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('This subcategory');
    const set: { name?: string; category_id?: number; position?: number } = {};
    if (body.name) set.name = body.name;
    if (body.category_id && body.category_id !== row.category_id) {
      await ownNode(trx, 'membership_categories', accountId, membershipId, body.category_id);
      set.category_id = body.category_id;
      set.position = await nextPosition(trx, 'membership_subcategories', accountId, membershipId, {
        column: 'category_id',
        id: body.category_id,
      });
    }
    if (Object.keys(set).length)
      await trx
        .updateTable('membership_subcategories')
        .set(set)
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .execute();
    return { ...row, ...set };
  });
}

/** Deletes a category or subcategory with everything under it (posts, files). */
export async function deleteNode(
  deps: Deps,
  kind: Kind,
  accountId: number,
  membershipId: number,
  id: number,
): Promise<void> {
  const keys = await deps.db.transaction().execute(async (trx) => {
    await ownNode(trx, kind, accountId, membershipId, id);
    const subIds =
      kind === 'membership_subcategories'
        ? [id]
        : (
            await trx
              .selectFrom('membership_subcategories')
              .select('id')
              .where('account_id', '=', accountId)
              .where('category_id', '=', id)
              .execute()
          ).map((s) => s.id);
    const files = subIds.length
      ? await trx
          .selectFrom('membership_files')
          .innerJoin('membership_posts', 'membership_posts.id', 'membership_files.post_id')
          .select('membership_files.storage_key')
          .where('membership_files.account_id', '=', accountId)
          .where('membership_posts.subcategory_id', 'in', subIds)
          .execute()
      : [];
    await trx.deleteFrom(kind).where('account_id', '=', accountId).where('id', '=', id).execute();
    return files.map((f) => f.storage_key);
  });
  removeStored(deps.config, keys);
}

export async function reorder(
  deps: Deps,
  accountId: number,
  membershipId: number,
  body: Reorder,
): Promise<TreeOut> {
  await deps.db.transaction().execute(async (trx) => {
    await ownMembership(trx, accountId, membershipId);
    const table =
      body.kind === 'categories'
        ? 'membership_categories'
        : body.kind === 'subcategories'
          ? 'membership_subcategories'
          : 'membership_posts';
    const parentColumn =
      body.kind === 'subcategories' ? 'category_id' : body.kind === 'posts' ? 'subcategory_id' : null;
    if (parentColumn && !body.parent_id)
      throw unprocessable('parent_required', `Name the ${parentColumn.replace('_id', '')} in parent_id.`, {
        field: 'parent_id',
      });
    if (parentColumn === 'category_id')
      await ownNode(trx, 'membership_categories', accountId, membershipId, body.parent_id!);
    if (parentColumn === 'subcategory_id')
      await ownNode(trx, 'membership_subcategories', accountId, membershipId, body.parent_id!);
    const found = await trx
      .selectFrom(table as 'membership_posts')
      .select('id')
      .where('account_id', '=', accountId)
      .where('membership_id', '=', membershipId)
      .where('id', 'in', body.ids)
      .execute();
    if (found.length !== body.ids.length) {
      const known = new Set(found.map((f) => f.id));
      throw notFound(`Item ${body.ids.find((i) => !known.has(i))} of this membership`);
    }
    // The listed items take positions 0…n-1 (moving into the parent if they were elsewhere);
    // the parent's other items follow in their old order.
    let others = trx
      .selectFrom(table as 'membership_posts')
      .select('id')
      .where('account_id', '=', accountId)
      .where('membership_id', '=', membershipId)
      .where('id', 'not in', body.ids);
    if (parentColumn) others = others.where(parentColumn as 'subcategory_id', '=', body.parent_id!);
    const rest = await others.orderBy('position').orderBy('id').execute();
    const order = [...body.ids, ...rest.map((r) => r.id)];
    for (const [position, itemId] of order.entries()) {
      await trx
        .updateTable(table as 'membership_posts')
        .set(parentColumn ? { position, [parentColumn]: body.parent_id! } : { position })
        .where('account_id', '=', accountId)
        .where('id', '=', itemId)
        .execute();
    }
  });
  return getTree(deps.db, accountId, membershipId);
}

// --- Posts -----------------------------------------------------------------------------------

type PostRow = Selectable<MembershipPostsTable>;

const embedOf = (url: string | null) => (url ? videoEmbed(url).src : null);

export async function postOuts(db: DbOrTrx, accountId: number, rows: PostRow[]): Promise<PostOut[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [levels, files] = await Promise.all([
    db
      .selectFrom('membership_post_levels')
      .select(['post_id', 'level_id'])
      .where('account_id', '=', accountId)
      .where('post_id', 'in', ids)
      .orderBy('level_id')
      .execute(),
    db
      .selectFrom('membership_files')
      .select(['id', 'post_id', 'file_name', 'content_type', 'size', 'created_at'])
      .where('account_id', '=', accountId)
      .where('post_id', 'in', ids)
      .orderBy('id')
      .execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    membership_id: r.membership_id,
    subcategory_id: r.subcategory_id,
    title: r.title,
    body: r.body,
    video_url: r.video_url,
    video_embed_url: embedOf(r.video_url),
    level_ids: levels.filter((l) => l.post_id === r.id).map((l) => l.level_id),
    release_after_days: r.release_after_days,
    position: r.position,
    files: files
      .filter((f) => f.post_id === r.id)
      .map(({ post_id: _, ...f }) => ({ ...f, size: Number(f.size) })),
    created_at: r.created_at,
    updated_at: r.updated_at,
  }));
}

export async function ownPost(db: DbOrTrx, accountId: number, membershipId: number, id: number) {
  const row = await db
    .selectFrom('membership_posts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('membership_id', '=', membershipId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('This post');
  return row;
}

export async function getPost(db: DbOrTrx, accountId: number, membershipId: number, id: number) {
  return (await postOuts(db, accountId, [await ownPost(db, accountId, membershipId, id)]))[0]!;
}

async function setPostLevels(
  trx: DbOrTrx,
  accountId: number,
  membershipId: number,
  postId: number,
  levelIds: number[],
) {
  const unique = [...new Set(levelIds)];
  const levels = await levelsOf(trx, accountId, [membershipId]);
  const unknown = unique.find((id) => !levels.some((l) => l.id === id));
  if (unknown !== undefined)
    throw unprocessable('level_not_found', `Level ${unknown} is not a level of this membership.`, {
      field: 'level_ids',
    });
  await trx
    .deleteFrom('membership_post_levels')
    .where('account_id', '=', accountId)
    .where('post_id', '=', postId)
    .execute();
  if (unique.length)
    await trx
      .insertInto('membership_post_levels')
      .values(unique.map((level_id) => ({ post_id: postId, level_id, account_id: accountId })))
      .execute();
}

const checkedVideo = (url: string | null | undefined) => {
  if (url === undefined) return undefined;
  if (url === null || url === '') return null;
  videoEmbed(url);
  return url;
};

export async function createPost(deps: Deps, accountId: number, membershipId: number, body: PostCreate) {
  const now = iso(deps.clock.now());
  const video = checkedVideo(body.video_url) ?? null;
  const id = await deps.db.transaction().execute(async (trx) => {
    await ownMembership(trx, accountId, membershipId);
    await ownNode(trx, 'membership_subcategories', accountId, membershipId, body.subcategory_id);
    const position = await nextPosition(trx, 'membership_posts', accountId, membershipId, {
      column: 'subcategory_id',
      id: body.subcategory_id,
    });
    const row = await trx
      .insertInto('membership_posts')
      .values({
        account_id: accountId,
        membership_id: membershipId,
        subcategory_id: body.subcategory_id,
        title: body.title,
        body: sanitizeBody(body.body),
        video_url: video,
        release_after_days: body.release_after_days,
        position,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setPostLevels(trx, accountId, membershipId, row.id, body.level_ids);
    return row.id;
  });
  return getPost(deps.db, accountId, membershipId, id);
}

export async function patchPost(
  deps: Deps,
  accountId: number,
  membershipId: number,
  id: number,
  body: PostPatch,
) {
  const now = iso(deps.clock.now());
  const video = checkedVideo(body.video_url);
  await deps.db.transaction().execute(async (trx) => {
    const post = await ownPost(trx, accountId, membershipId, id);
    const set: Partial<PostRow> = { updated_at: now };
    if (body.title !== undefined) set.title = body.title;
    if (body.body !== undefined) set.body = sanitizeBody(body.body);
    if (video !== undefined) set.video_url = video;
    if (body.release_after_days !== undefined) set.release_after_days = body.release_after_days;
    if (body.subcategory_id !== undefined && body.subcategory_id !== post.subcategory_id) {
      await ownNode(trx, 'membership_subcategories', accountId, membershipId, body.subcategory_id);
      set.subcategory_id = body.subcategory_id;
      set.position = await nextPosition(trx, 'membership_posts', accountId, membershipId, {
        column: 'subcategory_id',
        id: body.subcategory_id,
      });
    }
    await trx
      .updateTable('membership_posts')
      .set(set)
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .execute();
    if (body.level_ids) await setPostLevels(trx, accountId, membershipId, id, body.level_ids);
  });
  return getPost(deps.db, accountId, membershipId, id);
}

export async function deletePost(deps: Deps, accountId: number, membershipId: number, id: number) {
  const keys = await deps.db.transaction().execute(async (trx) => {
    await ownPost(trx, accountId, membershipId, id);
    const files = await trx
      .selectFrom('membership_files')
      .select('storage_key')
      .where('account_id', '=', accountId)
      .where('post_id', '=', id)
      .execute();
    await trx
      .deleteFrom('membership_posts')
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .execute();
    return files.map((f) => f.storage_key);
  });
  removeStored(deps.config, keys);
}

// --- Files -----------------------------------------------------------------------------------

/** Largest download file accepted. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

export const uploadsDir = (config: Pick<Config, 'dataDir'>) => path.join(config.dataDir, 'uploads');

/** The absolute path of a stored file; keys are generated here, never taken from a request. */
export const storedPath = (config: Pick<Config, 'dataDir'>, key: string) =>
  path.join(uploadsDir(config), key);

function removeStored(config: Pick<Config, 'dataDir'>, keys: string[]): void {
  for (const key of keys) fs.rm(storedPath(config, key), { force: true }, () => {});
}

/** A file name safe for Content-Disposition and the file system's eyes: no paths, no controls. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '"')
    .join('')
    .trim()
    .slice(0, 200);
  return clean || 'download';
}

/**
 * Stores an uploaded file under DATA_DIR/uploads/memberships/{account}/ and records it on the
 * post. The bytes are written to a temporary name first and renamed once complete, so a failed
 * upload leaves nothing behind.
 */
export async function addFile(
  deps: Deps,
  accountId: number,
  membershipId: number,
  postId: number,
  upload: { stream: NodeJS.ReadableStream & { truncated?: boolean }; fileName: string; contentType: string },
) {
  await ownPost(deps.db, accountId, membershipId, postId);
  const key = path.posix.join('memberships', String(accountId), randomUUID());
  const file = storedPath(deps.config, key);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.part`;
  try {
    await pipeline(upload.stream, fs.createWriteStream(tmp));
    if (upload.stream.truncated)
      throw new AppError(413, 'file_too_large', 'The file is larger than 512 MB.', { field: 'file' });
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  const size = fs.statSync(file).size;
  try {
    const row = await deps.db
      .insertInto('membership_files')
      .values({
        account_id: accountId,
        membership_id: membershipId,
        post_id: postId,
        file_name: cleanFileName(upload.fileName),
        content_type: /^[\w.+-]+\/[\w.+-]+$/.test(upload.contentType)
          ? upload.contentType
          : 'application/octet-stream',
        size,
        storage_key: key,
        created_at: iso(deps.clock.now()),
      })
      .returning(['id', 'file_name', 'content_type', 'size', 'created_at'])
      .executeTakeFirstOrThrow();
    return { ...row, size: Number(row.size) };
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  }
}

export async function ownFile(
  db: DbOrTrx,
  accountId: number,
  membershipId: number,
  postId: number,
  id: number,
) {
  const row = await db
    .selectFrom('membership_files')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('membership_id', '=', membershipId)
    .where('post_id', '=', postId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('This file');
  return row;
}

export async function deleteFile(
  deps: Deps,
  accountId: number,
  membershipId: number,
  postId: number,
  id: number,
) {
  const row = await ownFile(deps.db, accountId, membershipId, postId, id);
  await deps.db
    .deleteFrom('membership_files')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
  removeStored(deps.config, [row.storage_key]);
}
