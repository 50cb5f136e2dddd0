import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { leadsKey } from './leads';
import type { CustomFieldCreate, CustomFieldPatch } from './types';

const customFieldsKey = ['custom-fields'] as const;

export const useCustomFields = () =>
  useQuery({
    queryKey: customFieldsKey,
    queryFn: async () => (await unwrap(api.GET('/api/v1/custom-fields'))).custom_fields,
    staleTime: 30_000,
  });

function useFieldMutation<A, R>(fn: (arg: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // Leads carry every custom field's value, and the import offers each field as a target.
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: customFieldsKey }),
        qc.invalidateQueries({ queryKey: leadsKey }),
        qc.invalidateQueries({ queryKey: ['imports', 'targets'] }),
      ]),
  });
}

export const useCreateCustomField = () =>
  useFieldMutation((body: CustomFieldCreate) => unwrap(api.POST('/api/v1/custom-fields', { body })));

export const usePatchCustomField = () =>
  useFieldMutation(({ id, ...body }: CustomFieldPatch & { id: number }) =>
    unwrap(api.PATCH('/api/v1/custom-fields/{id}', { params: { path: { id } }, body })),
  );

export const useDeleteCustomField = () =>
  useFieldMutation((id: number) =>
    unwrap(api.DELETE('/api/v1/custom-fields/{id}', { params: { path: { id } } })),
  );
