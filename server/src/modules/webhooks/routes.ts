import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { callerOf } from '../../http/auth.js';
import { deleteIpn, getIpn, ipnBody, ipnOut, putIpn } from './ipn.js';
import {
  deliveriesOut,
  deliveriesQuery,
  deliveryOut,
  webhookCreateBody,
  webhookOut,
  webhookPatchBody,
  webhooksOut,
} from './schema.js';
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  patchWebhook,
  retryDelivery,
} from './service.js';

const tags = ['Outbound webhooks'];
const idParam = z.object({ id: z.coerce.number().int().positive() });

/** Admin API of the outbound API: subscriptions per event and the delivery log. */
export function outboundWebhookRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/webhooks',
      { schema: { tags, summary: 'Outbound webhook subscriptions', response: { 200: webhooksOut } } },
      async (req) => ({ webhooks: await listWebhooks(deps, callerOf(req).account.id) }),
    );
    app.post(
      '/webhooks',
      {
        schema: {
          tags,
          summary: "Subscribe a URL to events (Kartra's {lead, action, action_details} JSON, signed)",
          body: webhookCreateBody,
          response: { 201: webhookOut },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await createWebhook(deps, callerOf(req).account.id, req.body)),
    );
    app.patch(
      '/webhooks/:id',
      {
        schema: {
          tags,
          summary: 'Change a subscription',
          params: idParam,
          body: webhookPatchBody,
          response: { 200: webhookOut },
        },
      },
      async (req) => patchWebhook(deps, callerOf(req).account.id, req.params.id, req.body),
    );
    app.delete(
      '/webhooks/:id',
      {
        schema: {
          tags,
          summary: 'Delete a subscription (its delivery log stays)',
          params: idParam,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await deleteWebhook(deps, callerOf(req).account.id, req.params.id);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/webhook-deliveries',
      {
        schema: {
          tags,
          summary: 'The delivery log, newest first',
          querystring: deliveriesQuery,
          response: { 200: deliveriesOut },
        },
      },
      async (req) => listDeliveries(deps, callerOf(req).account.id, req.query),
    );
    app.post(
      '/webhook-deliveries/:id/retry',
      {
        schema: {
          tags,
          summary: 'Send a failed or dead delivery again',
          params: idParam,
          response: { 200: deliveryOut },
        },
      },
      async (req) => retryDelivery(deps, callerOf(req).account.id, req.params.id),
    );

    // Per-product payment notifications (Kartra's IPN).
    const ipnTags = ['Payment notifications (IPN)'];
    app.get(
      '/products/:id/ipn',
      {
        schema: {
          tags: ipnTags,
          summary: "A product's payment notification URL and secret key",
          params: idParam,
          response: { 200: ipnOut },
        },
      },
      async (req) => getIpn(deps, callerOf(req).account.id, req.params.id),
    );
    app.put(
      '/products/:id/ipn',
      {
        schema: {
          tags: ipnTags,
          summary: 'Set where sales, refunds and cancellations of a product are posted (Kartra IPN form)',
          params: idParam,
          body: ipnBody,
          response: { 200: ipnOut },
        },
      },
      async (req) => putIpn(deps, callerOf(req).account.id, req.params.id, req.body),
    );
    app.delete(
      '/products/:id/ipn',
      {
        schema: {
          tags: ipnTags,
          summary: "Stop a product's payment notifications",
          params: idParam,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await deleteIpn(deps, callerOf(req).account.id, req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
