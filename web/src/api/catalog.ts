import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';

/** Currencies and checkout languages: fixed per server version, so fetched once. */
export const optionsQuery = queryOptions({
  queryKey: ['options'],
  queryFn: () => unwrap(api.GET('/api/v1/options')),
  staleTime: Number.POSITIVE_INFINITY,
});

export const useOptions = () => useQuery(optionsQuery);

export const usePlan = () =>
  useQuery({ queryKey: ['me', 'plan'], queryFn: () => unwrap(api.GET('/api/v1/me/plan')) });

export const usePlans = () =>
  useQuery({
    queryKey: ['plans'],
    queryFn: () => unwrap(api.GET('/api/v1/plans')),
    staleTime: 5 * 60_000,
  });
