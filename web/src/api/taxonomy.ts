import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { leadsKey } from './leads';
import type { Named } from './types';

/** Tags and lists: the same shape ({id, name, leads, created_at}) behind two routes. */
export type NamedKind = 'tags' | 'lists';

async function fetchNamed(kind: NamedKind): Promise<Named[]> {
  return kind === 'tags'
    ? (await unwrap(api.GET('/api/v1/tags'))).tags
    : (await unwrap(api.GET('/api/v1/lists'))).lists;
}

export const useNamed = (kind: NamedKind) =>
  useQuery({ queryKey: [kind], queryFn: () => fetchNamed(kind), staleTime: 30_000 });

export const useTags = () => useNamed('tags');
export const useLists = () => useNamed('lists');

function useNamedMutation<A, R>(kind: NamedKind, fn: (arg: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // Leads show tag and list names, so a rename or delete reaches them too.
    onSuccess: () =>
      Promise.all([qc.invalidateQueries({ queryKey: [kind] }), qc.invalidateQueries({ queryKey: leadsKey })]),
  });
}

export const useCreateNamed = (kind: NamedKind) =>
  useNamedMutation(kind, (name: string) =>
    kind === 'tags'
      ? unwrap(api.POST('/api/v1/tags', { body: { name } }))
      : unwrap(api.POST('/api/v1/lists', { body: { name } })),
  );

export const useRenameNamed = (kind: NamedKind) =>
  useNamedMutation(kind, ({ id, name }: { id: number; name: string }) => {
    const init = { params: { path: { id } }, body: { name } };
    return kind === 'tags'
      ? unwrap(api.PATCH('/api/v1/tags/{id}', init))
      : unwrap(api.PATCH('/api/v1/lists/{id}', init));
  });

export const useDeleteNamed = (kind: NamedKind) =>
  useNamedMutation(kind, (id: number) => {
    const init = { params: { path: { id } } };
    return kind === 'tags'
      ? unwrap(api.DELETE('/api/v1/tags/{id}', init))
      : unwrap(api.DELETE('/api/v1/lists/{id}', init));
  });
