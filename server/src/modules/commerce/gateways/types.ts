import type { Account } from '../../../db/types.js';
import type { AppDeps } from '../../../deps.js';
import type { GatewayName } from '../schema.js';
import type { OrderRow, PriceRow, ProductRow, SubscriptionRow } from '../service.js';

/**
 * What a gateway told us, reduced to the one fact commerce acts on. Orders are found by our id
 * (`orderId`, set by us in the gateway's metadata) or the gateway's reference; subscriptions
 * likewise.
 */
export type Fact =
  | { kind: 'completed'; orderId?: number; orderRef?: string; subscriptionRef?: string }
  | { kind: 'failed'; orderId?: number; orderRef?: string; subscriptionId?: number; subscriptionRef?: string }
  | { kind: 'refund'; orderId?: number; orderRef?: string }
  | { kind: 'cancelled'; orderId?: number; subscriptionId?: number; subscriptionRef?: string }
  /** A renewal was paid: a past-due subscription is active again. */
  | { kind: 'renewed'; subscriptionRef: string };

/** A verified webhook: the provider's event id (unique), its type and time, and the raw body. */
export type VerifiedWebhook = {
  eventId: string;
  type: string;
  created: Date | null;
};

export type StartPayment = {
  account: Account;
  product: ProductRow;
  price: PriceRow;
  order: OrderRow;
  /** Scheme and host the buyer is on, for the gateway's return addresses. */
  origin: string;
};

export interface Gateway {
  name: GatewayName;
  /** Where the buyer pays for a pending order (and the gateway's reference for it, if any). */
  startPayment(deps: AppDeps, p: StartPayment): Promise<{ url: string; ref?: string }>;
  /** Checks the signature; throws AppError 400 (malformed) or 401 (wrong or stale signature). */
  verifyWebhook(
    deps: AppDeps,
    accountId: number,
    raw: string,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<VerifiedWebhook>;
  /** The fact in a stored webhook body (already verified); null when the type does not concern us. */
  factOf(raw: string): Fact | null;
  /** Asks the gateway to refund a completed order (the sandbox has nothing to ask). */
  refund(deps: AppDeps, account: Account, order: OrderRow): Promise<void>;
  /** Asks the gateway to stop charging a subscription. */
  cancelSubscription(deps: AppDeps, account: Account, sub: SubscriptionRow): Promise<void>;
  /** Whether the account has what this gateway needs (health check), with what to fix. */
  ready(deps: AppDeps, account: Account): Promise<{ ok: boolean; message: string; fix: string | null }>;
}
