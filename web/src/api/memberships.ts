import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { leadsKey } from './leads';
import type { MembershipCreate, MembershipPatch } from './types';

/** Everything about memberships (and their trees, posts, members) lives under this key. */
export const membershipsKey = ['memberships'] as const;
export const membershipKey = (id: number) => [...membershipsKey, id] as const;

export const useMemberships = () =>
  useQuery({
    queryKey: [...membershipsKey, 'list'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/memberships'))).memberships,
  });

export const useMembership = (id: number) =>
  useQuery({
    queryKey: [...membershipKey(id), 'detail'],
    queryFn: () => unwrap(api.GET('/api/v1/memberships/{id}', { params: { path: { id } } })),
  });

export function useCreateMembership() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MembershipCreate) => unwrap(api.POST('/api/v1/memberships', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: membershipsKey }),
  });
}

/** Name, address or levels; level names show on leads, so their details refresh too. */
export function useUpdateMembership(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MembershipPatch) =>
      unwrap(api.PATCH('/api/v1/memberships/{id}', { params: { path: { id } }, body })),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: membershipsKey }),
        qc.invalidateQueries({ queryKey: leadsKey }),
      ]),
  });
}

export function useDeleteMembership() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/memberships/{id}', { params: { path: { id } } })),
    onSuccess: (_, id) => {
      qc.removeQueries({ queryKey: membershipKey(id) });
      return Promise.all([
        qc.invalidateQueries({ queryKey: membershipsKey }),
        qc.invalidateQueries({ queryKey: leadsKey }),
      ]);
    },
  });
}
