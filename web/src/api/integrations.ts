import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { RequestOf, ResponseOf } from './types';

/**
 * Integrations: the Kartra-compatible API's credentials and apps, outbound webhooks and their
 * delivery log. One key, so any change refreshes every screen showing them.
 */
export const integrationsKey = ['integrations'] as const;

export type Credentials = ResponseOf<'/api/v1/api-credentials', 'get'>;
export type NewCredentials = ResponseOf<'/api/v1/api-credentials/regenerate', 'post'>;
export type ApiApp = ResponseOf<'/api/v1/api-apps', 'get'>['apps'][number];
export type AppPatch = RequestOf<'/api/v1/api-apps/{id}', 'patch'>;
export type Webhook = ResponseOf<'/api/v1/webhooks', 'get'>['webhooks'][number];
export type WebhookInput = RequestOf<'/api/v1/webhooks', 'post'>;
export type WebhookEvent = Webhook['events'][number];
export type Delivery = ResponseOf<'/api/v1/webhook-deliveries', 'get'>['deliveries'][number];

export const useCredentials = () =>
  useQuery({
    queryKey: [...integrationsKey, 'credentials'],
    queryFn: () => unwrap(api.GET('/api/v1/api-credentials')),
  });

function useInvalidating<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: integrationsKey }),
  });
}

export const useRegenerateCredentials = () =>
  useInvalidating((_: undefined) => unwrap(api.POST('/api/v1/api-credentials/regenerate')));

export const useSetRestrictApps = () =>
  useInvalidating((restrict_apps: boolean) =>
    unwrap(api.PATCH('/api/v1/api-credentials', { body: { restrict_apps } })),
  );

export const useApps = () =>
  useQuery({
    queryKey: [...integrationsKey, 'apps'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/api-apps'))).apps,
  });

export const useRegisterApp = () =>
  useInvalidating((body: { app_id: string; name?: string | null }) =>
    unwrap(api.POST('/api/v1/api-apps', { body })),
  );

export const usePatchApp = () =>
  useInvalidating(({ id, ...body }: AppPatch & { id: number }) =>
    unwrap(api.PATCH('/api/v1/api-apps/{id}', { params: { path: { id } }, body })),
  );

export const useDeleteApp = () =>
  useInvalidating((id: number) => unwrap(api.DELETE('/api/v1/api-apps/{id}', { params: { path: { id } } })));

export const useWebhooks = () =>
  useQuery({
    queryKey: [...integrationsKey, 'webhooks'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/webhooks'))).webhooks,
  });

export const useCreateWebhook = () =>
  useInvalidating((body: WebhookInput) => unwrap(api.POST('/api/v1/webhooks', { body })));

export const usePatchWebhook = () =>
  useInvalidating(({ id, ...body }: Partial<WebhookInput> & { id: number }) =>
    unwrap(api.PATCH('/api/v1/webhooks/{id}', { params: { path: { id } }, body })),
  );

export const useDeleteWebhook = () =>
  useInvalidating((id: number) => unwrap(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } })));

export const useDeliveries = (webhookId?: number) =>
  useQuery({
    queryKey: [...integrationsKey, 'deliveries', webhookId ?? 'all'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/webhook-deliveries', {
          params: { query: { limit: 100, ...(webhookId ? { webhook_id: webhookId } : {}) } },
        }),
      ),
    // Deliveries move on their own (retries with backoff): keep the log current while it is open.
    refetchInterval: 10_000,
  });

export const useRetryDelivery = () =>
  useInvalidating((id: number) =>
    unwrap(api.POST('/api/v1/webhook-deliveries/{id}/retry', { params: { path: { id } } })),
  );

export type ProductIpn = ResponseOf<'/api/v1/products/{id}/ipn', 'get'>;
export type ProductIpnInput = RequestOf<'/api/v1/products/{id}/ipn', 'put'>;

/** A product's payment notification, or null when it has none. */
export const useProductIpn = (productId: number) =>
  useQuery({
    queryKey: [...integrationsKey, 'ipn', productId],
    queryFn: async (): Promise<ProductIpn | null> => {
      const res = await api.GET('/api/v1/products/{id}/ipn', { params: { path: { id: productId } } });
      if (res.response.status === 404) return null;
      return unwrap(Promise.resolve(res));
    },
  });

export const usePutProductIpn = () =>
  useInvalidating(({ productId, ...body }: ProductIpnInput & { productId: number }) =>
    unwrap(api.PUT('/api/v1/products/{id}/ipn', { params: { path: { id: productId } }, body })),
  );

export const useDeleteProductIpn = () =>
  useInvalidating((productId: number) =>
    unwrap(api.DELETE('/api/v1/products/{id}/ipn', { params: { path: { id: productId } } })),
  );
