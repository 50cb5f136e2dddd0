import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { ResponseOf } from './types';

/** Custom domains: one key, so adding, checking or removing refreshes every screen showing them. */
export const domainsKey = ['domains'] as const;

export type Domain = ResponseOf<'/api/v1/domains/{id}', 'get'>;
export type DomainCheck = NonNullable<Domain['checks']>[number];
export type CheckResult = ResponseOf<'/api/v1/domains/{id}/check', 'post'>;

export const useDomains = () =>
  useQuery({
    queryKey: [...domainsKey, 'list'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/domains'))).domains,
  });

export const useDomain = (id: number) =>
  useQuery({
    queryKey: [...domainsKey, 'detail', id],
    queryFn: () => unwrap(api.GET('/api/v1/domains/{id}', { params: { path: { id } } })),
    // Atrium re-checks pending domains by itself: keep the wizard current while it is open.
    refetchInterval: (q) => (q.state.data?.status === 'pending' ? 20_000 : false),
    retry: (count, err) => (err as { status?: number }).status !== 404 && count < 2,
  });

export function useAddDomain() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (hostname: string) => unwrap(api.POST('/api/v1/domains', { body: { hostname } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: domainsKey }),
  });
}

export function useCheckDomain() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.POST('/api/v1/domains/{id}/check', { params: { path: { id } } })),
    onSuccess: (result) => {
      qc.setQueryData([...domainsKey, 'detail', result.domain.id], result.domain);
      return qc.invalidateQueries({ queryKey: [...domainsKey, 'list'] });
    },
  });
}

export function useRemoveDomain() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/domains/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: domainsKey }),
  });
}
