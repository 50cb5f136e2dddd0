import { z } from 'zod';

/** zod shapes of the outbound API (webhook subscriptions and their delivery log). */

/** Kartra's outbound `action` names Atrium sends (plus `lead_created`, Atrium's own). */
export const WEBHOOK_EVENTS = [
  'lead_created',
  'assign_tag',
  'unassign_tag',
  'list_subscription',
  'list_unsubscription',
  'membership_granted',
  'membership_revoked',
  'buy_product',
  'cancel_subscription',
  'refund_product',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const url = z.string().trim().min(1, 'must not be empty').max(2000);
const events = z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'pick at least one event').max(WEBHOOK_EVENTS.length);

export const webhookCreateBody = z.object({ url, events, active: z.boolean().optional() });
export const webhookPatchBody = z.object({
  url: url.optional(),
  events: events.optional(),
  active: z.boolean().optional(),
});

export const webhookOut = z.object({
  id: z.number(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  secret: z.string().describe('HMAC-SHA256 key of the Atrium-Signature header'),
  active: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type WebhookOut = z.infer<typeof webhookOut>;
export const webhooksOut = z.object({ webhooks: z.array(webhookOut) });

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'dead'] as const;

export const deliveryOut = z.object({
  id: z.number(),
  kind: z.enum(['webhook', 'ipn']),
  target_id: z.number().describe('The webhook id (kind webhook) or the product IPN id (kind ipn)'),
  event_id: z.number(),
  action: z.string(),
  url: z.string(),
  payload: z.string().describe('Exactly what is posted'),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number(),
  response_status: z.number().nullable(),
  error: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  delivered_at: z.string().nullable(),
});
export type DeliveryOut = z.infer<typeof deliveryOut>;

export const deliveriesQuery = z.object({
  webhook_id: z.coerce.number().int().positive().optional(),
  kind: z.enum(['webhook', 'ipn']).optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'is not a cursor from this list')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const deliveriesOut = z.object({
  deliveries: z.array(deliveryOut),
  next_cursor: z.string().nullable(),
});
