import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { invalidateLeads } from './leads';
import { membershipKey, membershipsKey } from './memberships';
import type { AccessGrant, MemberStatus } from './types';

/** Who has access to a membership, and granting or revoking it by hand. */

export const useMemberPages = (id: number, status: MemberStatus | undefined) =>
  useInfiniteQuery({
    queryKey: [...membershipKey(id), 'members', status ?? 'all'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/memberships/{id}/members', {
          params: { path: { id }, query: { status, cursor: pageParam, limit: 50 } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** Access changes members, the counts on the membership list, and the lead's own page. */
function useAccessMutation<A, R>(fn: (arg: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: membershipsKey }), invalidateLeads(qc)]),
  });
}

export const useGrantAccess = (id: number) =>
  useAccessMutation((body: AccessGrant) =>
    unwrap(api.POST('/api/v1/memberships/{id}/access', { params: { path: { id } }, body })),
  );

export const useRevokeAccess = (id: number) =>
  useAccessMutation((leadId: number) =>
    unwrap(api.DELETE('/api/v1/memberships/{id}/access/{leadId}', { params: { path: { id, leadId } } })),
  );
