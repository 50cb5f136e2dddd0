import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { leadsKey } from './leads';
import type { paths } from './schema';
import type { RequestOf, ResponseOf } from './types';

// Shapes of the commerce API, derived from the generated schema.
export type Product = ResponseOf<'/api/v1/products/{id}', 'get'>;
export type Price = Product['prices'][number];
export type PriceType = Price['type'];
export type PriceInterval = NonNullable<Price['interval']>;
export type ProductCreate = RequestOf<'/api/v1/products', 'post'>;
export type ProductPatch = RequestOf<'/api/v1/products/{id}', 'patch'>;
export type PriceInput = ProductCreate['prices'][number];
export type ProductHealth = ResponseOf<'/api/v1/products/{id}/health', 'get'>;
export type TestPurchase = ResponseOf<'/api/v1/products/{id}/test-purchase', 'post'>;
export type ChainLink = TestPurchase['chain'][number];
export type OrdersPage = ResponseOf<'/api/v1/orders', 'get'>;
export type Order = OrdersPage['orders'][number];
export type OrderStatus = Order['status'];
export type OrderFilter = Omit<NonNullable<paths['/api/v1/orders']['get']['parameters']['query']>, 'cursor'>;
export type SubscriptionsPage = ResponseOf<'/api/v1/subscriptions', 'get'>;
export type Subscription = SubscriptionsPage['subscriptions'][number];
export type SubscriptionStatus = Subscription['status'];
export type SubscriptionFilter = Omit<
  NonNullable<paths['/api/v1/subscriptions']['get']['parameters']['query']>,
  'cursor'
>;
export type Gateways = ResponseOf<'/api/v1/gateways', 'get'>;
export type StripeSettingsInput = RequestOf<'/api/v1/gateways/stripe', 'put'>;
export type CommerceStats = ResponseOf<'/api/v1/commerce/stats', 'get'>;

/** Everything commerce lives under this key: a sale changes orders, subscriptions and the chart. */
export const commerceKey = ['commerce'] as const;
const productsKey = [...commerceKey, 'products'] as const;
const productKey = (id: number) => [...productsKey, id] as const;

export const useProducts = () =>
  useQuery({
    queryKey: [...productsKey, 'list'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/products'))).products,
  });

export const useProduct = (id: number) =>
  useQuery({
    queryKey: [...productKey(id), 'detail'],
    queryFn: () => unwrap(api.GET('/api/v1/products/{id}', { params: { path: { id } } })),
  });

/** Creating a product may create its tag, so the tag lists refresh too. */
export function useCreateProduct() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProductCreate) => unwrap(api.POST('/api/v1/products', { body })),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: commerceKey }),
        qc.invalidateQueries({ queryKey: leadsKey }),
      ]),
  });
}

export function useUpdateProduct(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProductPatch) =>
      unwrap(api.PATCH('/api/v1/products/{id}', { params: { path: { id } }, body })),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: commerceKey }),
        qc.invalidateQueries({ queryKey: leadsKey }),
      ]),
  });
}

export function useDeleteProduct() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/products/{id}', { params: { path: { id } } })),
    onSuccess: (_, id) => {
      qc.removeQueries({ queryKey: productKey(id) });
      return qc.invalidateQueries({ queryKey: commerceKey });
    },
  });
}

/** The integration health check: asked for on demand, never cached for long (it reads live state). */
export const useProductHealth = (id: number) =>
  useQuery({
    queryKey: [...productKey(id), 'health'],
    queryFn: () => unwrap(api.GET('/api/v1/products/{id}/health', { params: { path: { id } } })),
    staleTime: 0,
  });

/** Buys the product through the sandbox; the answer is the chain as it stood after `wait_ms`. */
export function useTestPurchase(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/products/{id}/test-purchase', {
          params: { path: { id } },
          body: { wait_ms: 3000 },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: commerceKey }),
        qc.invalidateQueries({ queryKey: leadsKey }),
      ]),
  });
}

/** The chain of a test purchase as it stands now; polled while a link is still on its way. */
export const useTestPurchaseState = (productId: number, orderId: number | null, poll: boolean) =>
  useQuery({
    queryKey: [...productKey(productId), 'test-purchase', orderId],
    enabled: orderId !== null,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/products/{id}/test-purchase/{orderId}', {
          params: { path: { id: productId, orderId: orderId ?? 0 } },
        }),
      ),
    refetchInterval: poll ? 1500 : false,
  });

export const useOrders = (filter: OrderFilter, cursor: number | undefined) =>
  useQuery({
    queryKey: [...commerceKey, 'orders', filter, cursor ?? null],
    queryFn: () => unwrap(api.GET('/api/v1/orders', { params: { query: { ...filter, cursor } } })),
    placeholderData: keepPreviousData,
  });

export function useRefundOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.POST('/api/v1/orders/{id}/refund', { params: { path: { id } } })),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: commerceKey }),
        qc.invalidateQueries({ queryKey: leadsKey }),
      ]),
  });
}

export const useSubscriptions = (filter: SubscriptionFilter, cursor: number | undefined) =>
  useQuery({
    queryKey: [...commerceKey, 'subscriptions', filter, cursor ?? null],
    queryFn: () => unwrap(api.GET('/api/v1/subscriptions', { params: { query: { ...filter, cursor } } })),
    placeholderData: keepPreviousData,
  });

/** Cancelling removes the product tag, so lead details and memberships change too. */
export function useCancelSubscription() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(api.POST('/api/v1/subscriptions/{id}/cancel', { params: { path: { id } } })),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: commerceKey }),
        qc.invalidateQueries({ queryKey: leadsKey }),
        qc.invalidateQueries({ queryKey: ['memberships'] }),
      ]),
  });
}

const gatewaysKey = [...commerceKey, 'gateways'] as const;

export const useGateways = () =>
  useQuery({ queryKey: gatewaysKey, queryFn: () => unwrap(api.GET('/api/v1/gateways')) });

export function useSaveStripe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: StripeSettingsInput) => unwrap(api.PUT('/api/v1/gateways/stripe', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: gatewaysKey }),
  });
}

export function useClearStripe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/gateways/stripe')),
    onSuccess: () => qc.invalidateQueries({ queryKey: gatewaysKey }),
  });
}

export const useCommerceStats = (days: number) =>
  useQuery({
    queryKey: [...commerceKey, 'stats', days],
    queryFn: () => unwrap(api.GET('/api/v1/commerce/stats', { params: { query: { days } } })),
  });
