import {
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { BulkRequest, LeadCreate, LeadFilter, LeadPatch } from './types';

/** Everything about leads lives under this key, so one invalidation refreshes lists and details. */
export const leadsKey = ['leads'] as const;
const detailKey = (id: number) => [...leadsKey, 'detail', id] as const;

export const LEAD_PAGE_SIZE = 50;

/** A lead changed: lists, details, timelines, and the tag/list counts may all be stale. */
export function invalidateLeads(qc: QueryClient) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: leadsKey }),
    qc.invalidateQueries({ queryKey: ['tags'] }),
    qc.invalidateQueries({ queryKey: ['lists'] }),
  ]);
}

/** The filtered list, one cursor page at a time ("Load more" fetches the next). */
export const useLeadPages = (filter: LeadFilter) =>
  useInfiniteQuery({
    queryKey: [...leadsKey, 'list', filter],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/leads', {
          params: { query: { ...filter, cursor: pageParam, limit: LEAD_PAGE_SIZE } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    // Typing in the search box keeps the old rows on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });

export const useLead = (id: number) =>
  useQuery({
    queryKey: detailKey(id),
    queryFn: () => unwrap(api.GET('/api/v1/leads/{id}', { params: { path: { id } } })),
  });

/** The lead's timeline, newest first, 50 entries a page. */
export const useTimeline = (id: number) =>
  useInfiniteQuery({
    queryKey: [...detailKey(id), 'timeline'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/leads/{id}/timeline', {
          params: { path: { id }, query: { cursor: pageParam, limit: 50 } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/** A mutation whose success refreshes everything lead-shaped. */
function useLeadMutation<A, R>(fn: (arg: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => invalidateLeads(qc) });
}

export const useCreateLead = () =>
  useLeadMutation((body: LeadCreate) => unwrap(api.POST('/api/v1/leads', { body })));

export const useUpdateLead = (id: number) =>
  useLeadMutation((body: LeadPatch) =>
    unwrap(api.PATCH('/api/v1/leads/{id}', { params: { path: { id } }, body })),
  );

export const useDeleteLead = () =>
  useLeadMutation((id: number) => unwrap(api.DELETE('/api/v1/leads/{id}', { params: { path: { id } } })));

export const useBulkAction = () =>
  useLeadMutation((body: BulkRequest) => unwrap(api.POST('/api/v1/leads/bulk', { body })));

export const useTagLead = (id: number) =>
  useLeadMutation((tag: string) =>
    unwrap(api.POST('/api/v1/leads/{id}/tags', { params: { path: { id } }, body: { tag } })),
  );

/** Untags by tag id (the route takes an id or a name; ids survive renames). */
export const useUntagLead = (id: number) =>
  useLeadMutation((tagId: number) =>
    unwrap(api.DELETE('/api/v1/leads/{id}/tags/{tag}', { params: { path: { id, tag: String(tagId) } } })),
  );

export const useSubscribeLead = (id: number) =>
  useLeadMutation((list: string) =>
    unwrap(api.POST('/api/v1/leads/{id}/lists', { params: { path: { id } }, body: { list } })),
  );

export const useUnsubscribeLead = (id: number) =>
  useLeadMutation((listId: number) =>
    unwrap(api.DELETE('/api/v1/leads/{id}/lists/{list}', { params: { path: { id, list: String(listId) } } })),
  );

/**
 * Membership access with levels and dates. Read from the memberships module's route: the lead's
 * own `memberships` field is not filled in by the leads module.
 */
export const useLeadMemberships = (id: number) =>
  useQuery({
    queryKey: [...detailKey(id), 'memberships'],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/leads/{id}/memberships', { params: { path: { id } } }))).memberships,
  });
