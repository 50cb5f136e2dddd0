import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { callerOf } from '../../http/auth.js';
import type { Actor } from '../leads/service.js';
import { productHealth, testPurchase, testPurchaseState } from './diagnostics.js';
import { cancelSubscription, refundOrder } from './fulfil.js';
import { createGateways, type Gateways } from './gateways/index.js';
import {
  gatewaysOut,
  healthOut,
  idParam,
  orderOut,
  ordersPageOut,
  ordersQuery,
  productCreateBody,
  productOut,
  productPatchBody,
  sandboxSettingsOut,
  statsOut,
  statsQuery,
  stripeSettingsBody,
  stripeSettingsOut,
  subscriptionOut,
  subscriptionsPageOut,
  subscriptionsQuery,
  testPurchaseOut,
} from './schema.js';
import {
  createProduct,
  deleteProduct,
  getOrder,
  getProduct,
  getSubscription,
  listOrders,
  listProducts,
  listSubscriptions,
  orderStats,
  patchProduct,
} from './service.js';
import {
  clearStripeSettings,
  sandboxSecret,
  saveStripeSettings,
  stripeSettingsOf,
  stripeSettingsView,
  webhookUrl,
} from './settings.js';

const tags = ['Commerce'];

const actorOf = (req: FastifyRequest): Actor => {
  const caller = callerOf(req);
  return caller.via === 'token'
    ? { source: 'api', sourceId: String(caller.tokenId) }
    : { source: 'user', sourceId: null };
};

/** Admin API of commerce: products, orders, subscriptions, gateways, diagnostics, the chart. */
export function commerceRoutes(deps: AppDeps, gateways: Gateways = createGateways()): FastifyPluginAsyncZod {
  return async (app) => {
    const account = (req: FastifyRequest) => callerOf(req).account;

    // --- Products -------------------------------------------------------------------------------
    app.get(
      '/products',
      {
        schema: {
          tags,
          summary: 'All products with their prices',
          response: { 200: z.object({ products: z.array(productOut) }) },
        },
      },
      async (req) => ({ products: await listProducts(deps, account(req)) }),
    );
    app.post(
      '/products',
      {
        schema: {
          tags,
          summary: 'Create a product with its prices (the tag is matched by name, created when missing)',
          body: productCreateBody,
          response: { 201: productOut },
        },
      },
      async (req, reply) => reply.status(201).send(await createProduct(deps, account(req), req.body)),
    );
    app.get(
      '/products/:id',
      { schema: { tags, summary: 'A product', params: idParam, response: { 200: productOut } } },
      async (req) => getProduct(deps, account(req), req.params.id),
    );
    app.patch(
      '/products/:id',
      {
        schema: {
          tags,
          summary: 'Change a product; `prices` replaces the price list (items with an id are kept)',
          params: idParam,
          body: productPatchBody,
          response: { 200: productOut },
        },
      },
      async (req) => patchProduct(deps, account(req), req.params.id, req.body),
    );
    app.delete(
      '/products/:id',
      { schema: { tags, summary: 'Delete a product (its orders and subscriptions stay)', params: idParam } },
      async (req, reply) => {
        await deleteProduct(deps, account(req).id, req.params.id);
        return reply.status(204).send();
      },
    );
    app.get(
      '/products/:id/health',
      {
        schema: {
          tags,
          summary:
            'Integration health check: tag, automation, membership, gateway, stuck orders — with what to fix',
          params: idParam,
          response: { 200: healthOut },
        },
      },
      async (req) => productHealth(deps, gateways, account(req), req.params.id),
    );
    app.post(
      '/products/:id/test-purchase',
      {
        schema: {
          tags,
          summary:
            'Buy the product through the sandbox and report each link: order → lead → tag → automation → access',
          params: idParam,
          body: z
            .object({ wait_ms: z.number().int().min(0).max(10_000).default(3000) })
            .default({ wait_ms: 3000 }),
          response: { 200: testPurchaseOut },
        },
      },
      async (req) => testPurchase(deps, gateways, account(req), req.params.id, req.body.wait_ms),
    );
    app.get(
      '/products/:id/test-purchase/:orderId',
      {
        schema: {
          tags,
          summary: 'The chain of an earlier test purchase (or any order), as it stands now',
          params: idParam.extend({ orderId: z.coerce.number().int().positive() }),
          response: { 200: testPurchaseOut },
        },
      },
      async (req) => testPurchaseState(deps, account(req), req.params.orderId),
    );

    // --- Orders ---------------------------------------------------------------------------------
    app.get(
      '/orders',
      {
        schema: {
          tags,
          summary: 'Orders, newest first (filter by status, product, lead; page with cursor)',
          querystring: ordersQuery,
          response: { 200: ordersPageOut },
        },
      },
      async (req) => listOrders(deps, account(req).id, req.query),
    );
    app.get(
      '/orders/:id',
      { schema: { tags, summary: 'An order', params: idParam, response: { 200: orderOut } } },
      async (req) => getOrder(deps, account(req).id, req.params.id),
    );
    app.post(
      '/orders/:id/refund',
      {
        schema: {
          tags,
          summary:
            'Refund a completed order (removes the product tag unless another purchase still entitles the buyer)',
          params: idParam,
          response: { 200: orderOut },
        },
      },
      async (req) => refundOrder(deps, gateways, account(req), req.params.id, actorOf(req)),
    );

    // --- Subscriptions --------------------------------------------------------------------------
    app.get(
      '/subscriptions',
      {
        schema: {
          tags,
          summary: 'Subscriptions and payment plans, newest first',
          querystring: subscriptionsQuery,
          response: { 200: subscriptionsPageOut },
        },
      },
      async (req) => listSubscriptions(deps, account(req).id, req.query),
    );
    app.get(
      '/subscriptions/:id',
      { schema: { tags, summary: 'A subscription', params: idParam, response: { 200: subscriptionOut } } },
      async (req) => getSubscription(deps, account(req).id, req.params.id),
    );
    app.post(
      '/subscriptions/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Cancel a subscription: the gateway stops charging and the product tag is removed',
          params: idParam,
          response: { 200: subscriptionOut },
        },
      },
      async (req) => cancelSubscription(deps, gateways, account(req), req.params.id, actorOf(req)),
    );

    // --- Gateways -------------------------------------------------------------------------------
    const sandboxView = async (req: FastifyRequest) => ({
      secret: await sandboxSecret(deps, account(req).id),
      webhook_url: webhookUrl(deps, 'sandbox', account(req).username),
    });
    const stripeView = async (req: FastifyRequest) =>
      stripeSettingsView(deps, account(req).username, await stripeSettingsOf(deps.db, account(req).id));
    app.get(
      '/gateways',
      { schema: { tags, summary: 'Payment gateway settings', response: { 200: gatewaysOut } } },
      async (req) => ({ sandbox: await sandboxView(req), stripe: await stripeView(req) }),
    );
    app.get(
      '/gateways/sandbox',
      {
        schema: {
          tags,
          summary: 'The sandbox gateway’s webhook signing secret (created on first use)',
          response: { 200: sandboxSettingsOut },
        },
      },
      sandboxView,
    );
    app.get(
      '/gateways/stripe',
      {
        schema: {
          tags,
          summary: 'Stripe settings (secrets are never shown again)',
          response: { 200: stripeSettingsOut },
        },
      },
      stripeView,
    );
    app.put(
      '/gateways/stripe',
      {
        schema: {
          tags,
          summary:
            'Set Stripe keys: secret key, publishable key, webhook signing secret (fields left out are kept)',
          body: stripeSettingsBody,
          response: { 200: stripeSettingsOut },
        },
      },
      async (req) => {
        await saveStripeSettings(deps, account(req).id, req.body);
        return stripeView(req);
      },
    );
    app.delete(
      '/gateways/stripe',
      { schema: { tags, summary: 'Forget the Stripe keys' } },
      async (req, reply) => {
        await clearStripeSettings(deps, account(req).id);
        return reply.status(204).send();
      },
    );

    // --- Dashboard ------------------------------------------------------------------------------
    app.get(
      '/commerce/stats',
      {
        schema: {
          tags,
          summary: 'Revenue (per currency, minor units) and completed orders per UTC day',
          querystring: statsQuery,
          response: { 200: statsOut },
        },
      },
      async (req) => orderStats(deps, account(req).id, req.query.days),
    );
  };
}
