import { z } from 'zod';
import { CURRENCY_CODES, LANGUAGE_CODES } from '../accounts/locales.js';

/** Commerce shapes: one zod schema per shape, shared by routes and services. */

export const PRICE_TYPES = ['one_time', 'subscription', 'payment_plan'] as const;
export const INTERVALS = ['day', 'week', 'month', 'year'] as const;
export const GATEWAYS = ['sandbox', 'stripe'] as const;
export type GatewayName = (typeof GATEWAYS)[number];

export const idParam = z.object({ id: z.coerce.number().int().positive() });

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(60)
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'Use lowercase letters, digits and single dashes, like "gold-course".',
  );

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'Enter a full web address starting with https://');

export const priceBody = z
  .object({
    /** Kept when editing a product: the price with this id is updated in place. */
    id: z.number().int().positive().optional(),
    type: z.enum(PRICE_TYPES).default('one_time'),
    /** Integer minor units (cents): 4900 is 49.00. */
    amount: z.number().int().min(0).max(100_000_000),
    /** ISO 4217, one of the 21; the account's currency when left out. */
    currency: z.enum(CURRENCY_CODES).optional(),
    interval: z.enum(INTERVALS).optional(),
    interval_count: z.number().int().min(1).max(365).default(1),
    trial_days: z.number().int().min(0).max(730).default(0),
    installments: z.number().int().min(2).max(120).optional(),
    active: z.boolean().default(true),
  })
  .superRefine((p, ctx) => {
    if (p.type !== 'one_time' && !p.interval)
      ctx.addIssue({ code: 'custom', path: ['interval'], message: 'A recurring price needs an interval.' });
    if (p.type === 'payment_plan' && !p.installments)
      ctx.addIssue({
        code: 'custom',
        path: ['installments'],
        message: 'A payment plan needs its number of installments (2 or more).',
      });
    if (p.type !== 'payment_plan' && p.installments)
      ctx.addIssue({
        code: 'custom',
        path: ['installments'],
        message: 'Only a payment plan has installments.',
      });
    if (p.type !== 'subscription' && p.trial_days > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['trial_days'],
        message: 'Only a subscription has a free trial.',
      });
  });
export type PriceInput = z.infer<typeof priceBody>;

const productFields = {
  name: z.string().trim().min(1).max(200),
  slug: slug.optional(),
  description: z.string().max(10_000).optional(),
  image_url: httpUrl.nullable().optional(),
  /** The tag applied on purchase, by exact name; created when missing. */
  tag: z.string().trim().min(1).max(100),
  thank_you_url: httpUrl.nullable().optional(),
  gateway: z.enum(GATEWAYS).default('sandbox'),
  /** A language code, `auto` (the visitor's), or null (the account's checkout language). */
  checkout_language: z.enum(LANGUAGE_CODES).nullable().optional(),
  ask_gdpr_consent: z.boolean().default(false),
  active: z.boolean().default(true),
};

export const productCreateBody = z.object({
  ...productFields,
  prices: z.array(priceBody).min(1).max(10),
});
export type ProductCreate = z.infer<typeof productCreateBody>;

export const productPatchBody = z.object({
  name: productFields.name.optional(),
  slug: slug.optional(),
  description: productFields.description,
  image_url: productFields.image_url,
  tag: productFields.tag.optional(),
  thank_you_url: productFields.thank_you_url,
  gateway: z.enum(GATEWAYS).optional(),
  checkout_language: productFields.checkout_language,
  ask_gdpr_consent: z.boolean().optional(),
  active: z.boolean().optional(),
  /** Replaces the price list: items with an `id` are updated, others added, missing ones retired. */
  prices: z.array(priceBody).min(1).max(10).optional(),
});
export type ProductPatch = z.infer<typeof productPatchBody>;

export const priceOut = z.object({
  id: z.number(),
  type: z.enum(PRICE_TYPES),
  amount: z.number(),
  currency: z.string(),
  interval: z.enum(INTERVALS).nullable(),
  interval_count: z.number(),
  trial_days: z.number(),
  installments: z.number().nullable(),
  active: z.boolean(),
});
export type PriceOut = z.infer<typeof priceOut>;

export const productOut = z.object({
  id: z.number(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  image_url: z.string().nullable(),
  tag: z.string(),
  tag_id: z.number(),
  thank_you_url: z.string().nullable(),
  gateway: z.enum(GATEWAYS),
  checkout_language: z.string().nullable(),
  ask_gdpr_consent: z.boolean(),
  active: z.boolean(),
  /** Where buyers go: the hosted checkout on the account's site. */
  checkout_url: z.string(),
  prices: z.array(priceOut),
  created_at: z.string(),
  updated_at: z.string(),
});
export type ProductOut = z.infer<typeof productOut>;

export const ORDER_STATUSES = ['pending', 'completed', 'failed', 'refunded'] as const;
export const SUBSCRIPTION_STATUSES = ['active', 'past_due', 'cancelled'] as const;

export const buyerFields = z.object({
  phone: z.string().max(50).optional(),
  address: z.string().max(255).optional(),
  city: z.string().max(255).optional(),
  zip: z.string().max(50).optional(),
  state: z.string().max(255).optional(),
  country: z.string().max(255).optional(),
  gdpr_consent: z.boolean().optional(),
});
export type BuyerFields = z.infer<typeof buyerFields>;

export const orderOut = z.object({
  id: z.number(),
  product_id: z.number(),
  product_name: z.string(),
  price_id: z.number(),
  price_type: z.enum(PRICE_TYPES),
  lead_id: z.number().nullable(),
  status: z.enum(ORDER_STATUSES),
  amount: z.number(),
  currency: z.string(),
  gateway: z.enum(GATEWAYS),
  gateway_ref: z.string().nullable(),
  email: z.string(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  buyer: buyerFields,
  language: z.string(),
  subscription_id: z.number().nullable(),
  created_at: z.string(),
  paid_at: z.string().nullable(),
  completed_at: z.string().nullable(),
  failed_at: z.string().nullable(),
  refunded_at: z.string().nullable(),
});
export type OrderOut = z.infer<typeof orderOut>;

export const subscriptionOut = z.object({
  id: z.number(),
  product_id: z.number(),
  product_name: z.string(),
  price_id: z.number(),
  order_id: z.number(),
  lead_id: z.number(),
  email: z.string(),
  status: z.enum(SUBSCRIPTION_STATUSES),
  amount: z.number(),
  currency: z.string(),
  interval: z.enum(INTERVALS),
  interval_count: z.number(),
  installments: z.number().nullable(),
  gateway: z.enum(GATEWAYS),
  gateway_ref: z.string().nullable(),
  trial_ends_at: z.string().nullable(),
  cancelled_at: z.string().nullable(),
  cancel_source: z.string().nullable(),
  created_at: z.string(),
});
export type SubscriptionOut = z.infer<typeof subscriptionOut>;

const limit = z.coerce.number().int().min(1).max(200).default(50);
const cursor = z.coerce.number().int().positive().optional();

export const ordersQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  product_id: z.coerce.number().int().positive().optional(),
  lead_id: z.coerce.number().int().positive().optional(),
  cursor,
  limit,
});
export type OrdersQuery = z.infer<typeof ordersQuery>;

export const subscriptionsQuery = z.object({
  status: z.enum(SUBSCRIPTION_STATUSES).optional(),
  product_id: z.coerce.number().int().positive().optional(),
  lead_id: z.coerce.number().int().positive().optional(),
  cursor,
  limit,
});
export type SubscriptionsQuery = z.infer<typeof subscriptionsQuery>;

export const ordersPageOut = z.object({ orders: z.array(orderOut), next_cursor: z.number().nullable() });
export const subscriptionsPageOut = z.object({
  subscriptions: z.array(subscriptionOut),
  next_cursor: z.number().nullable(),
});

export const statsQuery = z.object({
  days: z.coerce.number().int().min(1).max(366).default(30),
});
export const statsOut = z.object({
  from: z.string(),
  to: z.string(),
  /** Per currency: revenue counts completed orders (refunded ones are subtracted on their day). */
  days: z.array(
    z.object({
      date: z.string(),
      orders: z.number(),
      revenue: z.record(z.string(), z.number()),
    }),
  ),
  totals: z.object({ orders: z.number(), revenue: z.record(z.string(), z.number()) }),
});

/** Sandbox webhook body (API.md "Commerce"). */
export const SANDBOX_EVENT_TYPES = [
  'checkout.completed',
  'subscription.cancelled',
  'payment.failed',
  'refund',
] as const;
export const sandboxEvent = z.object({
  id: z.string().min(1).max(200),
  type: z.enum(SANDBOX_EVENT_TYPES),
  created: z.number().int().nonnegative(),
  data: z.object({
    order_id: z.number().int().positive().optional(),
    subscription_id: z.number().int().positive().optional(),
  }),
});
export type SandboxEvent = z.infer<typeof sandboxEvent>;

export const sandboxSettingsOut = z.object({ secret: z.string(), webhook_url: z.string() });

export const stripeSettingsBody = z.object({
  secret_key: z
    .string()
    .trim()
    .max(255, 'must be at most 255 characters')
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, 'A Stripe secret key starts with sk_test_, sk_live_ or rk_.')
    .optional(),
  publishable_key: z
    .string()
    .trim()
    .max(255, 'must be at most 255 characters')
    .regex(/^pk_(test|live)_[A-Za-z0-9]+$/, 'A Stripe publishable key starts with pk_test_ or pk_live_.')
    .optional(),
  webhook_secret: z
    .string()
    .trim()
    .max(255, 'must be at most 255 characters')
    .regex(/^whsec_[A-Za-z0-9]+$/, 'A Stripe webhook signing secret starts with whsec_.')
    .optional(),
});
export type StripeSettingsInput = z.infer<typeof stripeSettingsBody>;
export const stripeSettingsOut = z.object({
  configured: z.boolean(),
  /** Only the last 4 characters of secrets are ever shown again. */
  secret_key_last4: z.string().nullable(),
  publishable_key: z.string().nullable(),
  webhook_secret_set: z.boolean(),
  mode: z.enum(['test', 'live']).nullable(),
  webhook_url: z.string(),
});
export const gatewaysOut = z.object({
  sandbox: sandboxSettingsOut,
  stripe: stripeSettingsOut,
});

export const refundBody = z.object({}).optional();
export const cancelBody = z.object({}).optional();

export const chainLink = z.object({
  step: z.enum(['order', 'lead', 'tag', 'automation', 'membership']),
  ok: z.boolean(),
  state: z.string(),
  detail: z.string(),
  id: z.number().nullable(),
});
export const testPurchaseOut = z.object({
  order_id: z.number(),
  email: z.string(),
  ok: z.boolean(),
  chain: z.array(chainLink),
});
export const healthCheck = z.object({
  check: z.enum(['tag', 'automation', 'membership', 'gateway', 'pending_orders']),
  ok: z.boolean(),
  message: z.string(),
  fix: z.string().nullable(),
});
export const healthOut = z.object({ product_id: z.number(), ok: z.boolean(), checks: z.array(healthCheck) });
