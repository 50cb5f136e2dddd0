import { z } from 'zod';
import { LEAD_EVENTS } from '../leads/service.js';
import type { TriggerType } from './schema.js';

/**
 * The events that start automations. Leads raises its own (`lead.*`, see leads/service.ts);
 * the last three are defined here for the modules that will raise them (forms, commerce):
 * write them with `emitEvent(trx, { accountId, type, payload, at })` in the transaction that
 * made the change, with these payload shapes.
 */

/** A lead submitted an opt-in form (forms module). */
export const FORM_SUBMITTED = 'form.submitted';
export type FormSubmittedPayload = {
  lead_id: number;
  form_id: number;
  /** The stored submission, when forms keep one. */
  submission_id?: number;
  source?: string;
  source_id?: string | null;
};

/** An order completed: the buyer (lead) bought a product (commerce module; one event per product). */
export const PRODUCT_PURCHASED = 'product.purchased';
export type ProductPurchasedPayload = {
  lead_id: number;
  product_id: number;
  order_id: number;
  price_id?: number;
  /** Integer minor units plus ISO 4217 code. */
  amount?: number;
  currency?: string;
  source?: string;
  source_id?: string | null;
};

/** A subscription to a product ended (cancelled by the buyer, the owner, or the gateway). */
export const SUBSCRIPTION_CANCELLED = 'subscription.cancelled';
export type SubscriptionCancelledPayload = {
  lead_id: number;
  product_id: number;
  subscription_id: number;
  source?: string;
  source_id?: string | null;
};

/** Which event starts which trigger, and which payload field must equal the trigger's id. */
export const TRIGGER_EVENTS: Record<string, { trigger: TriggerType; ref: string | null }> = {
  [LEAD_EVENTS.tagApplied]: { trigger: 'tag_applied', ref: 'tag_id' },
  [LEAD_EVENTS.tagRemoved]: { trigger: 'tag_removed', ref: 'tag_id' },
  [LEAD_EVENTS.listSubscribed]: { trigger: 'list_subscribed', ref: 'list_id' },
  [LEAD_EVENTS.listUnsubscribed]: { trigger: 'list_unsubscribed', ref: 'list_id' },
  [LEAD_EVENTS.created]: { trigger: 'lead_created', ref: null },
  [FORM_SUBMITTED]: { trigger: 'form_submitted', ref: 'form_id' },
  [PRODUCT_PURCHASED]: { trigger: 'product_purchased', ref: 'product_id' },
  [SUBSCRIPTION_CANCELLED]: { trigger: 'subscription_cancelled', ref: 'product_id' },
};

/** The trigger's id field for each trigger type (null: the trigger names nothing). */
export const TRIGGER_REF_FIELD: Record<TriggerType, 'tag_id' | 'list_id' | 'form_id' | 'product_id' | null> =
  {
    tag_applied: 'tag_id',
    tag_removed: 'tag_id',
    list_subscribed: 'list_id',
    list_unsubscribed: 'list_id',
    lead_created: null,
    form_submitted: 'form_id',
    product_purchased: 'product_id',
    subscription_cancelled: 'product_id',
  };

/**
 * Imports write one `leads.imported` event per batch, not one event per lead (see the leads
 * README). The engine expands it, for the triggers that have an active automation, into one
 * `automations.import_trigger` event per lead in the same transaction, which then start runs
 * like any lead event. Payload: the trigger payload plus `trigger` (its type).
 */
export const IMPORT_TRIGGER = 'automations.import_trigger';

const ids = z.array(z.number().int().positive());
export const importedPayload = z.looseObject({
  source: z.string().optional(),
  source_id: z.string().nullable().optional(),
  created: ids.default([]),
  tags_applied: z.array(z.object({ tag_id: z.number().int(), lead_ids: ids })).default([]),
  lists_subscribed: z.array(z.object({ list_id: z.number().int(), lead_ids: ids })).default([]),
});

/** What the engine reads from any triggering event. */
export const triggerPayload = z.looseObject({
  lead_id: z.number().int().positive(),
  tag_id: z.number().int().optional(),
  list_id: z.number().int().optional(),
  form_id: z.number().int().optional(),
  product_id: z.number().int().optional(),
  source: z.string().optional(),
  source_id: z.string().nullable().optional(),
  /** Only in automations.import_trigger events. */
  trigger: z.string().optional(),
});
export type TriggerPayload = z.infer<typeof triggerPayload>;
