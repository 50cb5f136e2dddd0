import type { Post, PostCreate, Tree } from '../../../api/types';
import { bodyHtml } from '../../../lib/postBody';

export type PostValues = {
  title: string;
  subcategory_id: string | null;
  body: string;
  video_url: string;
  level_ids: string[];
  release_after_days: number | string;
};

export const blankPost = (subcategoryId: number | undefined): PostValues => ({
  title: '',
  subcategory_id: subcategoryId ? String(subcategoryId) : null,
  body: '',
  video_url: '',
  level_ids: [],
  release_after_days: 0,
});

export const postValues = (p: Post): PostValues => ({
  title: p.title,
  subcategory_id: String(p.subcategory_id),
  body: p.body,
  video_url: p.video_url ?? '',
  level_ids: p.level_ids.map(String),
  release_after_days: p.release_after_days,
});

export const toPostBody = (v: PostValues): PostCreate => ({
  subcategory_id: Number(v.subcategory_id),
  title: v.title.trim(),
  body: bodyHtml(v.body),
  video_url: v.video_url.trim() || null,
  level_ids: v.level_ids.map(Number),
  release_after_days: Number(v.release_after_days) || 0,
});

export function validatePost(v: PostValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.title.trim()) errors.title = 'Give the post a title';
  if (!v.subcategory_id) errors.subcategory_id = 'Pick where the post goes';
  const days = Number(v.release_after_days);
  if (!Number.isInteger(days) || days < 0 || days > 3650)
    errors.release_after_days = 'Between 0 and 3650 days';
  const video = v.video_url.trim();
  if (video && !/^https?:\/\/\S+$/i.test(video)) errors.video_url = 'Enter the video’s http(s) address';
  return errors;
}

/** The subcategory picker's options, grouped by category. */
export const subcategoryOptions = (tree: Tree | undefined) =>
  (tree?.categories ?? []).map((c) => ({
    group: c.name,
    items: c.subcategories.map((s) => ({ value: String(s.id), label: s.name })),
  }));
