import Stripe from 'stripe';
import { z } from 'zod';
import type { Account } from '../../../db/types.js';
import type { AppDeps } from '../../../deps.js';
import { AppError, badRequest, unprocessable } from '../../../lib/errors.js';
import { stripeSettingsOf } from '../settings.js';
import type { Fact, Gateway } from './types.js';

/**
 * Stripe through the official SDK: a Checkout Session per order (our order id in
 * `client_reference_id` and in the metadata of the session, its payment intent and its
 * subscription), webhooks verified with the account's signing secret by
 * `stripe.webhooks.constructEvent`. Which Stripe event means what:
 *
 * | Stripe event | fact |
 * |---|---|
 * | `checkout.session.completed` (payment_status paid or no_payment_required), `checkout.session.async_payment_succeeded` | completed |
 * | `checkout.session.async_payment_failed`, `checkout.session.expired` | failed (only a pending order) |
 * | `charge.refunded` (fully refunded) | refund |
 * | `customer.subscription.deleted` | subscription cancelled |
 * | `invoice.payment_failed` | subscription past due |
 * | `invoice.paid` (of a subscription) | a past-due subscription active again |
 */

export const STRIPE_SIGNATURE_HEADER = 'stripe-signature';
const TOLERANCE_S = 300;

/** Where the SDK sends its requests; tests point it at a local HTTP server. */
export type StripeApi = { host?: string; port?: number; protocol?: 'http' | 'https' };

export function stripeClient(secretKey: string, api: StripeApi = {}): Stripe {
  return new Stripe(secretKey, {
    maxNetworkRetries: 2,
    timeout: 10_000,
    ...(api.host ? { host: api.host } : {}),
    ...(api.port ? { port: api.port } : {}),
    ...(api.protocol ? { protocol: api.protocol } : {}),
  });
}

/** Used only for verifying signatures, which needs no key. */
const verifier = new Stripe('sk_test_signature_verification_only');

const idOf = (v: unknown): string | undefined =>
  typeof v === 'string'
    ? v
    : v && typeof v === 'object' && 'id' in v
      ? String((v as { id: unknown }).id)
      : undefined;
const orderIdOf = (metadata: unknown): number | undefined => {
  const parsed = z.object({ atrium_order_id: z.coerce.number().int().positive() }).safeParse(metadata);
  return parsed.success ? parsed.data.atrium_order_id : undefined;
};

const eventShape = z.looseObject({
  id: z.string(),
  type: z.string(),
  created: z.number(),
  data: z.looseObject({ object: z.looseObject({}) }),
});

export function stripeFact(raw: string): Fact | null {
  let event: z.infer<typeof eventShape>;
  try {
    const parsed = eventShape.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    event = parsed.data;
  } catch {
    return null;
  }
  const o = event.data.object as Record<string, unknown>;
  const orderId =
    orderIdOf(o.metadata) ??
    (typeof o.client_reference_id === 'string' && /^\d+$/.test(o.client_reference_id)
      ? Number(o.client_reference_id)
      : undefined);
  switch (event.type) {
    case 'checkout.session.completed':
      if (o.payment_status !== 'paid' && o.payment_status !== 'no_payment_required') return null;
      return { kind: 'completed', orderId, orderRef: idOf(o.id), subscriptionRef: idOf(o.subscription) };
    case 'checkout.session.async_payment_succeeded':
      return { kind: 'completed', orderId, orderRef: idOf(o.id), subscriptionRef: idOf(o.subscription) };
    case 'checkout.session.async_payment_failed':
    case 'checkout.session.expired':
      return { kind: 'failed', orderId, orderRef: idOf(o.id) };
    case 'charge.refunded':
      if (o.refunded !== true) return null; // partial refunds leave the order completed
      return { kind: 'refund', orderId };
    case 'customer.subscription.deleted':
      return { kind: 'cancelled', orderId, subscriptionRef: idOf(o.id) };
    case 'invoice.paid': {
      const parent = o.parent as { subscription_details?: { subscription?: unknown } } | undefined;
      const subscriptionRef = idOf(o.subscription) ?? idOf(parent?.subscription_details?.subscription);
      return subscriptionRef ? { kind: 'renewed', subscriptionRef } : null;
    }
    case 'invoice.payment_failed': {
      const parent = o.parent as { subscription_details?: { subscription?: unknown } } | undefined;
      const subscriptionRef = idOf(o.subscription) ?? idOf(parent?.subscription_details?.subscription);
      return subscriptionRef ? { kind: 'failed', subscriptionRef } : null;
    }
    default:
      return null;
  }
}

async function client(deps: AppDeps, account: Account, api: StripeApi): Promise<Stripe> {
  const s = await stripeSettingsOf(deps.db, account.id);
  if (!s.secret_key)
    throw unprocessable(
      'gateway_not_configured',
      'Stripe is not set up for this account: add your secret key and webhook signing secret in Settings → Payment gateways.',
    );
  return stripeClient(s.secret_key, api);
}

export function stripeGateway(api: StripeApi = {}): Gateway {
  return {
    name: 'stripe',
    async startPayment(deps, { account, product, price, order, origin }) {
      const stripe = await client(deps, account, api);
      const recurring = price.type !== 'one_time';
      const metadata = { atrium_order_id: String(order.id), atrium_account: account.username };
      const session = await stripe.checkout.sessions.create(
        {
          mode: recurring ? 'subscription' : 'payment',
          client_reference_id: String(order.id),
          customer_email: order.email,
          metadata,
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: price.currency.toLowerCase(),
                unit_amount: Number(price.amount),
                product_data: { name: product.name },
                ...(recurring
                  ? {
                      recurring: {
                        interval: price.interval as 'day' | 'week' | 'month' | 'year',
                        interval_count: price.interval_count,
                      },
                    }
                  : {}),
              },
            },
          ],
          ...(recurring
            ? {
                subscription_data: {
                  metadata: {
                    ...metadata,
                    ...(price.installments ? { installments: String(price.installments) } : {}),
                  },
                  ...(price.trial_days > 0 ? { trial_period_days: price.trial_days } : {}),
                },
              }
            : { payment_intent_data: { metadata } }),
          success_url: `${origin}/checkout/${product.slug}/thank-you/${order.public_token}`,
          cancel_url: `${origin}/checkout/${product.slug}`,
          locale: 'auto',
        },
        // The checkout token is the idempotency key end to end: a repeated POST makes one session.
        { idempotencyKey: `atrium-order-${order.id}-${order.checkout_token.slice(0, 40)}` },
      );
      if (!session.url) throw new AppError(422, 'gateway_error', 'Stripe did not return a payment page.');
      return { url: session.url, ref: session.id };
    },
    async verifyWebhook(deps, accountId, raw, headers) {
      const header = headers[STRIPE_SIGNATURE_HEADER];
      if (typeof header !== 'string' || !header.includes('v1='))
        throw badRequest('signature_missing', 'The Stripe-Signature header is missing or malformed.');
      const { webhook_secret: secret } = await stripeSettingsOf(deps.db, accountId);
      if (!secret)
        throw new AppError(
          401,
          'bad_signature',
          'This account has no Stripe webhook signing secret to check the signature with.',
        );
      let event: Stripe.Event;
      try {
        event = verifier.webhooks.constructEvent(
          raw,
          header,
          secret,
          TOLERANCE_S,
          undefined,
          deps.clock
            .now()
            .getTime(), // milliseconds (the SDK divides by 1000)
        );
      } catch (err) {
        if (err instanceof Stripe.errors.StripeSignatureVerificationError)
          throw new AppError(
            401,
            'bad_signature',
            'The Stripe signature does not match this account’s signing secret.',
          );
        throw badRequest('bad_webhook', 'The webhook body is not a Stripe event.');
      }
      return { eventId: event.id, type: event.type, created: new Date(event.created * 1000) };
    },
    factOf: stripeFact,
    async refund(deps, account, order) {
      const stripe = await client(deps, account, api);
      if (!order.gateway_ref)
        throw unprocessable('gateway_error', 'This order has no Stripe checkout session to refund.');
      const session = await stripe.checkout.sessions.retrieve(order.gateway_ref);
      const intent = idOf(session.payment_intent);
      if (intent) {
        await stripe.refunds.create(
          { payment_intent: intent },
          { idempotencyKey: `atrium-refund-${order.id}` },
        );
        return;
      }
      const invoice = idOf((session as unknown as { invoice?: unknown }).invoice);
      if (!invoice) throw unprocessable('gateway_error', 'Stripe has no payment for this order to refund.');
      const inv = await stripe.invoices.retrieve(invoice, { expand: ['payments'] });
      const payment = (
        inv as unknown as { payments?: { data?: { payment?: { payment_intent?: unknown } }[] } }
      ).payments?.data?.[0]?.payment?.payment_intent;
      if (!idOf(payment))
        throw unprocessable('gateway_error', 'Stripe has no payment for this order to refund.');
      await stripe.refunds.create(
        { payment_intent: idOf(payment)! },
        { idempotencyKey: `atrium-refund-${order.id}` },
      );
    },
    async cancelSubscription(deps, account, sub) {
      if (!sub.gateway_ref) return;
      const stripe = await client(deps, account, api);
      try {
        await stripe.subscriptions.cancel(sub.gateway_ref);
      } catch (err) {
        // Already cancelled on Stripe's side: nothing more to ask.
        if (err instanceof Stripe.errors.StripeInvalidRequestError && err.code === 'resource_missing') return;
        throw err;
      }
    },
    async ready(deps, account) {
      const s = await stripeSettingsOf(deps.db, account.id);
      if (!s.secret_key)
        return {
          ok: false,
          message: 'Stripe has no secret key.',
          fix: 'Add your Stripe secret key (sk_live_… or sk_test_…) in Settings → Payment gateways.',
        };
      if (!s.webhook_secret)
        return {
          ok: false,
          message: 'Stripe has no webhook signing secret, so payments could not complete orders.',
          fix: 'In Stripe, add a webhook endpoint for the URL shown in Settings → Payment gateways and paste its signing secret (whsec_…) there.',
        };
      return {
        ok: true,
        message: `Stripe is set up (${s.secret_key.includes('_live_') ? 'live' : 'test'} mode).`,
        fix: null,
      };
    },
  };
}
