import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, unwrap } from './client';
import { leadsKey } from './leads';
import type { AutomationCreate, AutomationPatch, RunStatus } from './types';

/** Automations and their runs: one key each, so a change refreshes what shows it. */
export const automationsKey = ['automations'] as const;
export const runsKey = ['automation-runs'] as const;

export const useAutomations = () =>
  useQuery({
    queryKey: [...automationsKey, 'list'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/automations'))).automations,
  });

export const useAutomation = (id: number) =>
  useQuery({
    queryKey: [...automationsKey, 'detail', id],
    queryFn: () => unwrap(api.GET('/api/v1/automations/{id}', { params: { path: { id } } })),
  });

/** The newest run of one automation, for the list's "last run" column (null: never ran). */
export const useLastRun = (automationId: number) =>
  useQuery({
    queryKey: [...runsKey, 'last', automationId],
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/automation-runs', {
            params: { query: { automation_id: automationId, limit: 1 } },
          }),
        )
      ).runs[0] ?? null,
    staleTime: 10_000,
  });

function useAutomationMutation<A, R>(fn: (arg: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: automationsKey }) });
}

export const useCreateAutomation = () =>
  useAutomationMutation((body: AutomationCreate) => unwrap(api.POST('/api/v1/automations', { body })));

export const useUpdateAutomation = () =>
  useAutomationMutation(({ id, body }: { id: number; body: AutomationPatch }) =>
    unwrap(api.PATCH('/api/v1/automations/{id}', { params: { path: { id } }, body })),
  );

export const useDeleteAutomation = () =>
  useAutomationMutation((id: number) =>
    unwrap(api.DELETE('/api/v1/automations/{id}', { params: { path: { id } } })),
  );

export const RUN_PAGE_SIZE = 50;

export type RunFilter = { status?: RunStatus; automation?: number };

/** The run log, newest first, filtered by status and automation; "Load more" fetches the next page. */
export const useRunPages = ({ status, automation }: RunFilter) =>
  useInfiniteQuery({
    queryKey: [...runsKey, 'list', status ?? 'all', automation ?? 'all'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/automation-runs', {
          params: {
            query: { status, automation_id: automation, cursor: pageParam, limit: RUN_PAGE_SIZE },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
    // Pending runs move on by themselves: keep the log current while it is open.
    refetchInterval: 5_000,
  });

/** Runs the current step of a failed or dead run again; the lead may change, so refresh leads too. */
export function useReplayRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(api.POST('/api/v1/automation-runs/{id}/replay', { params: { path: { id } } })),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: runsKey }),
        qc.invalidateQueries({ queryKey: leadsKey }),
      ]),
  });
}
