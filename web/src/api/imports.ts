import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { invalidateLeads } from './leads';
import type { ImportJob, ImportOptions } from './types';

export const importsKey = ['imports'] as const;

/**
 * The two upload routes take multipart/form-data, which their OpenAPI entries do not describe
 * (no requestBody), so the typed client is handed the FormData as-is; openapi-fetch sends
 * FormData untouched and the browser sets the boundary.
 */
const multipart = (parts: Record<string, string | Blob>) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(parts)) form.append(name, value);
  return form as never;
};

export const usePreviewImport = () =>
  useMutation({
    mutationFn: (file: File) => unwrap(api.POST('/api/v1/imports/preview', { body: multipart({ file }) })),
  });

export function useStartImport() {
  const qc = useQueryClient();
  return useMutation({
    // `options` goes first: the server reads it before it streams the file.
    mutationFn: ({ file, options }: { file: File; options: ImportOptions }) =>
      unwrap(api.POST('/api/v1/imports', { body: multipart({ options: JSON.stringify(options), file }) })),
    onSuccess: () => qc.invalidateQueries({ queryKey: importsKey }),
  });
}

export const isFinished = (job: Pick<ImportJob, 'status'>) =>
  job.status === 'completed' || job.status === 'failed' || job.status === 'cancelled';

/** One import, polled twice a second until it has finished; then the leads are refreshed. */
export function useImportJob(id: number) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: [...importsKey, id],
    queryFn: async () => {
      const job = await unwrap(api.GET('/api/v1/imports/{id}', { params: { path: { id } } }));
      if (isFinished(job)) await invalidateLeads(qc);
      return job;
    },
    refetchInterval: (q) => (q.state.data && isFinished(q.state.data) ? false : 500),
  });
}

export const useRecentImports = () =>
  useQuery({
    queryKey: [...importsKey, 'recent'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/imports'))).imports,
  });

export const useImportTargets = () =>
  useQuery({
    queryKey: [...importsKey, 'targets'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/imports/targets'))).fields,
  });

export function useCancelImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/imports/{id}', { params: { path: { id } } })),
    onSuccess: (job) => qc.setQueryData([...importsKey, job.id], job),
  });
}

/** Plain download links: a GET with the session cookie, no CSRF needed. */
export const errorCsvUrl = (id: number) => `/api/v1/imports/${id}/errors.csv`;
