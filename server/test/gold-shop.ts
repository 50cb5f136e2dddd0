import type { AppDeps } from '../src/deps.js';
import { createAccount } from '../src/modules/accounts/service.js';
import { createAutomation } from '../src/modules/automations/service.js';
import { createPendingOrder } from '../src/modules/commerce/checkout/orders.js';
import { createProduct, productRow } from '../src/modules/commerce/service.js';
import { createMembership } from '../src/modules/memberships/service.js';

/**
 * A shop selling one product, "Gold" (tag Gold, one-time 49.00 EUR through the sandbox), whose
 * `tag_applied` automation grants the Gold level of its "Academy" membership — set up through
 * the services, for tests and benchmarks that drive purchases in bulk — and pending orders for it.
 */
export async function goldShop(deps: AppDeps, username: string) {
  const account = await createAccount(deps, {
    username,
    email: `owner@${username}.example.com`,
    password: 'Correct-horse-battery',
    name: 'Gold shop',
    plan: 'enterprise',
  });
  const membership = await createMembership(deps, account, {
    name: 'Academy',
    slug: 'academy',
    levels: [{ name: 'Gold' }],
  });
  const product = await createProduct(deps, account, {
    name: 'Gold',
    tag: 'Gold',
    gateway: 'sandbox',
    ask_gdpr_consent: false,
    active: true,
    prices: [
      { type: 'one_time', amount: 4900, currency: 'EUR', interval_count: 1, trial_days: 0, active: true },
    ],
  });
  await createAutomation(deps, account.id, {
    name: 'Gold access',
    active: true,
    trigger: { type: 'tag_applied', tag_id: product.tag_id },
    steps: [{ type: 'grant_membership', membership_id: membership.id, level_id: membership.levels[0]!.id }],
  });
  const row = await productRow(deps.db, account.id, product.id);
  const price = await deps.db
    .selectFrom('prices')
    .selectAll()
    .where('product_id', '=', product.id)
    .executeTakeFirstOrThrow();

  /** Pending orders number `from` … `from + count - 1` (buyer{n}@example.com), oldest first. */
  async function pendingOrders(from: number, count: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = from; i < from + count; i++) {
      const { order } = await createPendingOrder(deps, account, row, price, {
        checkoutToken: `gold-${i}`,
        email: `buyer${i}@example.com`,
        firstName: `Buyer${i}`,
        lastName: 'Gold',
        buyer: {},
        language: 'en',
        ip: null,
      });
      ids.push(order.id);
    }
    return ids;
  }

  return { account, membership, product, pendingOrders };
}
