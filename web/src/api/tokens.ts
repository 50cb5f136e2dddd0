import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';

const tokensKey = ['tokens'] as const;

export const useTokens = () =>
  useQuery({ queryKey: tokensKey, queryFn: () => unwrap(api.GET('/api/v1/tokens')) });

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.POST('/api/v1/tokens', { body: { name } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useDeleteToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensKey }),
  });
}
