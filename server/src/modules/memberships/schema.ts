import { z } from 'zod';

/** zod shapes of the memberships API: one per shape, types inferred. */

const name = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');
export const slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'must not be empty')
  .max(60, 'must be at most 60 characters')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'may hold only a-z, 0-9 and single dashes between them');
const id = z.number().int().positive();
export const idParam = z.object({ id: z.coerce.number().int().positive() });

export const levelOut = z.object({ id: z.number(), name: z.string(), position: z.number() });

export const membershipCreateBody = z.object({
  name,
  slug,
  levels: z
    .array(z.object({ name }))
    .min(1, 'needs at least one level')
    .max(50)
    .refine(
      (ls) => new Set(ls.map((l) => l.name.toLowerCase())).size === ls.length,
      'level names must differ',
    ),
});
export type MembershipCreate = z.infer<typeof membershipCreateBody>;

export const membershipPatchBody = z.object({
  name: name.optional(),
  slug: slug.optional(),
  /**
   * The levels in their new order: with `id` kept (and renamed), without added; levels left out
   * are deleted, which is refused while anyone holds access at them.
   */
  levels: z
    .array(z.object({ id: id.optional(), name }))
    .min(1, 'needs at least one level')
    .max(50)
    .refine(
      (ls) => new Set(ls.map((l) => l.name.toLowerCase())).size === ls.length,
      'level names must differ',
    )
    .optional(),
});
export type MembershipPatch = z.infer<typeof membershipPatchBody>;

export const membershipOut = z.object({
  id: z.number(),
  name: z.string(),
  slug: z.string(),
  levels: z.array(levelOut),
  members: z.object({ active: z.number(), revoked: z.number() }),
  /** Where members log in: `{site}/m/{slug}/`. */
  portal_url: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type MembershipOut = z.infer<typeof membershipOut>;

// --- The content tree ------------------------------------------------------------------------

export const categoryBody = z.object({ name });
export const categoryPatchBody = z.object({ name: name.optional() });
export const subcategoryBody = z.object({ category_id: id, name });
export const subcategoryPatchBody = z.object({ name: name.optional(), category_id: id.optional() });

const releaseAfterDays = z.number().int().min(0).max(3650);
const videoUrl = z.string().trim().max(2000).nullable();

export const postBody = z.object({
  subcategory_id: id,
  title: name,
  /** HTML; sanitized on the way in (scripts, event handlers, styles and unknown tags are dropped). */
  body: z.string().max(200_000).default(''),
  level_ids: z.array(id).max(50).default([]),
  release_after_days: releaseAfterDays.default(0),
  /** YouTube, Vimeo, Wistia or Loom page/embed URL, or an https link to an .mp4/.webm file. */
  video_url: videoUrl.optional(),
});
export type PostCreate = z.infer<typeof postBody>;
export const postPatchBody = z.object({
  subcategory_id: id.optional(),
  title: name.optional(),
  body: z.string().max(200_000).optional(),
  level_ids: z.array(id).max(50).optional(),
  release_after_days: releaseAfterDays.optional(),
  video_url: videoUrl.optional(),
});
export type PostPatch = z.infer<typeof postPatchBody>;

export const fileOut = z.object({
  id: z.number(),
  file_name: z.string(),
  content_type: z.string(),
  size: z.number(),
  created_at: z.string(),
});

export const postSummaryOut = z.object({
  id: z.number(),
  subcategory_id: z.number(),
  title: z.string(),
  level_ids: z.array(z.number()),
  release_after_days: z.number(),
  position: z.number(),
});
export const postOut = postSummaryOut.extend({
  membership_id: z.number(),
  body: z.string(),
  video_url: z.string().nullable(),
  /** The iframe (or <video>) source the portal uses for video_url. */
  video_embed_url: z.string().nullable(),
  files: z.array(fileOut),
  created_at: z.string(),
  updated_at: z.string(),
});
export type PostOut = z.infer<typeof postOut>;

export const categoryOut = z.object({ id: z.number(), name: z.string(), position: z.number() });
export const subcategoryOut = categoryOut.extend({ category_id: z.number() });

export const treeOut = z.object({
  membership_id: z.number(),
  categories: z.array(
    categoryOut.extend({
      subcategories: z.array(subcategoryOut.extend({ posts: z.array(postSummaryOut) })),
    }),
  ),
});
export type TreeOut = z.infer<typeof treeOut>;

export const reorderBody = z.object({
  kind: z.enum(['categories', 'subcategories', 'posts']),
  /** For subcategories the category, for posts the subcategory, that holds `ids` in this order. */
  parent_id: id.optional(),
  ids: z
    .array(id)
    .min(1)
    .max(1000)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an id'),
});
export type Reorder = z.infer<typeof reorderBody>;

// --- Access ----------------------------------------------------------------------------------

export const accessBody = z
  .object({
    lead_id: id.optional(),
    /** A lead with this email is created when there is none. */
    email: z
      .string()
      .trim()
      .max(254)
      .pipe(z.email({ message: 'is not a valid email address' }))
      .optional(),
    /** The level's id, or its name. */
    level: z.union([id, name]).optional(),
    level_id: id.optional(),
  })
  .refine((b) => (b.lead_id === undefined) !== (b.email === undefined), {
    message: 'give either lead_id or email',
    path: ['lead_id'],
  })
  .refine((b) => b.level !== undefined || b.level_id !== undefined, {
    message: 'name the level (level or level_id)',
    path: ['level'],
  });
export type AccessBody = z.infer<typeof accessBody>;

/** A lead's access to one membership (API.md: a lead's `memberships`). */
export const leadMembershipOut = z.object({
  membership_id: z.number(),
  membership_name: z.string(),
  level_id: z.number(),
  level_name: z.string().nullable(),
  status: z.enum(['active', 'revoked']),
  granted_at: z.string(),
  revoked_at: z.string().nullable(),
  source: z.string(),
  source_id: z.string().nullable(),
});
export type LeadMembershipOut = z.infer<typeof leadMembershipOut>;

export const accessOut = leadMembershipOut.extend({ lead_id: z.number() });
export type AccessOut = z.infer<typeof accessOut>;

export const memberOut = accessOut.extend({
  email: z.string(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  /** Whether the member has chosen a portal password yet. */
  password_set: z.boolean(),
  last_login_at: z.string().nullable(),
});

export const membersQuery = z.object({
  status: z.enum(['active', 'revoked']).optional(),
  cursor: z.string().regex(/^\d+$/, 'is not a cursor from this list').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const membersPageOut = z.object({ members: z.array(memberOut), next_cursor: z.string().nullable() });
