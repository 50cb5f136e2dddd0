import type { Account } from '../../../db/types.js';
import type { AppDeps } from '../../../deps.js';
import { iso } from '../../../lib/clock.js';
import { randomToken } from '../../../lib/crypto.js';
import type { BuyerFields, GatewayName } from '../schema.js';
import type { OrderRow, PriceRow, ProductRow } from '../service.js';

export type PendingOrderInput = {
  /** The idempotency key: one order per account and token, however often it is posted. */
  checkoutToken: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  buyer: BuyerFields;
  language: string;
  ip: string | null;
  gateway?: GatewayName;
};

/** Creates the pending order of a checkout attempt, or returns the one this token already made. */
export async function createPendingOrder(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  account: Account,
  product: ProductRow,
  price: PriceRow,
  input: PendingOrderInput,
): Promise<{ order: OrderRow; created: boolean }> {
  const now = iso(deps.clock.now());
  const inserted = await deps.db
    .insertInto('orders')
    .values({
      account_id: account.id,
      product_id: product.id,
      price_id: price.id,
      product_name: product.name,
      lead_id: null,
      status: 'pending',
      amount: Number(price.amount),
      currency: price.currency,
      price_type: price.type,
      gateway: input.gateway ?? product.gateway,
      gateway_ref: null,
      checkout_token: input.checkoutToken,
      public_token: randomToken(18),
      email: input.email,
      first_name: input.firstName,
      last_name: input.lastName,
      buyer: JSON.stringify(input.buyer),
      language: input.language,
      ip: input.ip,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['account_id', 'checkout_token']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { order: inserted, created: true };
  const existing = await deps.db
    .selectFrom('orders')
    .selectAll()
    .where('account_id', '=', account.id)
    .where('checkout_token', '=', input.checkoutToken)
    .executeTakeFirstOrThrow();
  return { order: existing, created: false };
}
