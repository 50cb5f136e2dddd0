import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { membershipKey } from './memberships';
import type { PostCreate, PostPatch, Reorder, Tree } from './types';

/** The content tree of one membership: categories > subcategories > posts, and each post. */

const treeKey = (id: number) => [...membershipKey(id), 'tree'] as const;
const postKey = (id: number, postId: number) => [...membershipKey(id), 'post', postId] as const;

export const useTree = (id: number) =>
  useQuery({
    queryKey: treeKey(id),
    queryFn: () => unwrap(api.GET('/api/v1/memberships/{id}/tree', { params: { path: { id } } })),
  });

/** A change to the tree: refetch it (posts and categories appear in several places). */
function useTreeMutation<A, R>(id: number, fn: (arg: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: membershipKey(id) }),
  });
}

const path = (id: number) => ({ params: { path: { id } } });

export const useCreateCategory = (id: number) =>
  useTreeMutation(id, (name: string) =>
    unwrap(api.POST('/api/v1/memberships/{id}/categories', { ...path(id), body: { name } })),
  );

export const useRenameCategory = (id: number) =>
  useTreeMutation(id, ({ categoryId, name }: { categoryId: number; name: string }) =>
    unwrap(
      api.PATCH('/api/v1/memberships/{id}/categories/{categoryId}', {
        params: { path: { id, categoryId } },
        body: { name },
      }),
    ),
  );

export const useDeleteCategory = (id: number) =>
  useTreeMutation(id, (categoryId: number) =>
    unwrap(
      api.DELETE('/api/v1/memberships/{id}/categories/{categoryId}', {
        params: { path: { id, categoryId } },
      }),
    ),
  );

export const useCreateSubcategory = (id: number) =>
  useTreeMutation(id, (body: { category_id: number; name: string }) =>
    unwrap(api.POST('/api/v1/memberships/{id}/subcategories', { ...path(id), body })),
  );

export const useRenameSubcategory = (id: number) =>
  useTreeMutation(id, ({ subcategoryId, name }: { subcategoryId: number; name: string }) =>
    unwrap(
      api.PATCH('/api/v1/memberships/{id}/subcategories/{subcategoryId}', {
        params: { path: { id, subcategoryId } },
        body: { name },
      }),
    ),
  );

export const useDeleteSubcategory = (id: number) =>
  useTreeMutation(id, (subcategoryId: number) =>
    unwrap(
      api.DELETE('/api/v1/memberships/{id}/subcategories/{subcategoryId}', {
        params: { path: { id, subcategoryId } },
      }),
    ),
  );

/** Puts siblings in a new order; the reply is the whole tree, so the cache takes it as-is. */
export function useReorder(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Reorder) =>
      unwrap(api.POST('/api/v1/memberships/{id}/reorder', { ...path(id), body })),
    onSuccess: (tree: Tree) => qc.setQueryData(treeKey(id), tree),
  });
}

export const usePost = (id: number, postId: number) =>
  useQuery({
    queryKey: postKey(id, postId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/memberships/{id}/posts/{postId}', { params: { path: { id, postId } } })),
  });

export const useCreatePost = (id: number) =>
  useTreeMutation(id, (body: PostCreate) =>
    unwrap(api.POST('/api/v1/memberships/{id}/posts', { ...path(id), body })),
  );

export const useUpdatePost = (id: number, postId: number) =>
  useTreeMutation(id, (body: PostPatch) =>
    unwrap(api.PATCH('/api/v1/memberships/{id}/posts/{postId}', { params: { path: { id, postId } }, body })),
  );

export const useDeletePost = (id: number) =>
  useTreeMutation(id, (postId: number) =>
    unwrap(api.DELETE('/api/v1/memberships/{id}/posts/{postId}', { params: { path: { id, postId } } })),
  );

/**
 * Attaches a download. The route takes multipart/form-data, which its OpenAPI entry does not
 * describe, so the FormData goes through untyped (as the CSV import does).
 */
export const useUploadFile = (id: number, postId: number) =>
  useTreeMutation(id, (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return unwrap(
      api.POST('/api/v1/memberships/{id}/posts/{postId}/files', {
        params: { path: { id, postId } },
        body: form as never,
      }),
    );
  });

export const useDeleteFile = (id: number, postId: number) =>
  useTreeMutation(id, (fileId: number) =>
    unwrap(
      api.DELETE('/api/v1/memberships/{id}/posts/{postId}/files/{fileId}', {
        params: { path: { id, postId, fileId } },
      }),
    ),
  );

/** The owner's download link of a post file (a plain GET: the session cookie rides along). */
export const fileUrl = (id: number, postId: number, fileId: number) =>
  `/api/v1/memberships/${id}/posts/${postId}/files/${fileId}`;
