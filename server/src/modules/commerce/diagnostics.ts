import { z } from 'zod';
import type { Account, DbOrTrx } from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import { HOUR, iso } from '../../lib/clock.js';
import { randomToken } from '../../lib/crypto.js';
import { unprocessable } from '../../lib/errors.js';
import { createPendingOrder } from './checkout/orders.js';
import type { Gateways } from './gateways/index.js';
import { SANDBOX_SIGNATURE_HEADER, signedSandboxWebhook } from './gateways/sandbox.js';
import type { GatewayName } from './schema.js';
import { type OrderRow, orderRow, productRow } from './service.js';
import { receiveWebhook } from './webhooks.js';

/**
 * The "does selling this product end in access?" tools: a test purchase through the sandbox that
 * reports each link of the chain (order → lead → tag → automation run → membership access), and
 * a health check of the product's set-up that says what to fix.
 */

const grantStep = z.looseObject({
  type: z.literal('grant_membership'),
  membership_id: z.number(),
  level_id: z.number(),
});
const stepsOf = (json: string) => {
  try {
    const raw = JSON.parse(json);
    return Array.isArray(raw) ? raw : [];
  } catch {
    return [];
  }
};

/** Active automations started by buying this product (its tag applied, or the purchase itself). */
async function reactingAutomations(db: DbOrTrx, accountId: number, productId: number, tagId: number) {
  const rows = await db
    .selectFrom('automations')
    .select(['id', 'name', 'active', 'trigger_type', 'trigger_ref', 'steps'])
    .where('account_id', '=', accountId)
    .where((eb) =>
      eb.or([
        eb.and([eb('trigger_type', '=', 'tag_applied'), eb('trigger_ref', '=', tagId)]),
        eb.and([eb('trigger_type', '=', 'product_purchased'), eb('trigger_ref', '=', productId)]),
      ]),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...r,
    grants: stepsOf(r.steps).flatMap((s) => {
      const g = grantStep.safeParse(s);
      return g.success ? [g.data] : [];
    }),
  }));
}

export type ChainLink = {
  step: 'order' | 'lead' | 'tag' | 'automation' | 'membership';
  ok: boolean;
  state: string;
  detail: string;
  id: number | null;
};

/** Each link of the purchase → access chain for one order, as it stands now. */
export async function purchaseChain(
  deps: Pick<AppDeps, 'db'>,
  accountId: number,
  order: OrderRow,
): Promise<ChainLink[]> {
  const db = deps.db;
  const links: ChainLink[] = [];
  links.push({
    step: 'order',
    ok: order.status === 'completed',
    state: order.status,
    detail:
      order.status === 'completed'
        ? `Order ${order.id} completed.`
        : order.status === 'pending'
          ? `Order ${order.id} waits for the gateway's completed event.`
          : `Order ${order.id} is ${order.status}.`,
    id: order.id,
  });
  const product = await db
    .selectFrom('products')
    .select(['id', 'tag_id', 'tag'])
    .where('account_id', '=', accountId)
    .where('id', '=', order.product_id)
    .executeTakeFirst();
  const lead = order.lead_id
    ? await db
        .selectFrom('leads')
        .select(['id', 'email'])
        .where('account_id', '=', accountId)
        .where('id', '=', order.lead_id)
        .executeTakeFirst()
    : undefined;
  links.push({
    step: 'lead',
    ok: !!lead,
    state: lead ? 'created' : 'missing',
    detail: lead ? `Lead ${lead.email}.` : 'No lead yet: it is created when the order completes.',
    id: lead?.id ?? null,
  });
  const tagged =
    lead && product
      ? await db
          .selectFrom('lead_tags')
          .select('tag_id')
          .where('account_id', '=', accountId)
          .where('lead_id', '=', lead.id)
          .where('tag_id', '=', product.tag_id)
          .executeTakeFirst()
      : undefined;
  links.push({
    step: 'tag',
    ok: !!tagged,
    state: tagged ? 'applied' : 'missing',
    detail: tagged ? `Tag "${product!.tag}" applied.` : `Tag "${product?.tag ?? '?'}" is not on the lead.`,
    id: product?.tag_id ?? null,
  });
  const autos = product ? await reactingAutomations(db, accountId, product.id, product.tag_id) : [];
  const active = autos.filter((a) => a.active === 1);
  const runs =
    lead && active.length
      ? await db
          .selectFrom('automation_runs as r')
          .leftJoin('jobs as j', (j) => j.onRef('j.dedupe_key', '=', 'r.job_key'))
          .select([
            'r.id',
            'r.automation_id',
            'r.automation_name',
            'r.status',
            'r.error',
            'j.status as job_status',
          ])
          .where('r.account_id', '=', accountId)
          .where('r.lead_id', '=', lead.id)
          .where(
            'r.automation_id',
            'in',
            active.map((a) => a.id),
          )
          .orderBy('r.id', 'desc')
          .execute()
      : [];
  const run = runs[0];
  const runState = run
    ? run.status === 'pending' && run.job_status === 'dead'
      ? 'dead'
      : run.status
    : 'missing';
  links.push({
    step: 'automation',
    ok: runState === 'done',
    state: runState,
    detail: !active.length
      ? `No active automation starts when tag "${product?.tag ?? '?'}" is applied or the product is bought.`
      : run
        ? `Run ${run.id} of "${run.automation_name}" is ${runState}${run.error ? `: ${run.error}` : '.'}`
        : 'No automation run for this lead yet.',
    id: run?.id ?? null,
  });
  const grants = active.flatMap((a) => a.grants);
  const access =
    lead && grants.length
      ? await db
          .selectFrom('membership_access as a')
          .innerJoin('memberships as m', 'm.id', 'a.membership_id')
          .select(['a.id', 'a.status', 'm.name'])
          .where('a.account_id', '=', accountId)
          .where('a.lead_id', '=', lead.id)
          .where(
            'a.membership_id',
            'in',
            grants.map((g) => g.membership_id),
          )
          .execute()
      : [];
  const granted = access.find((a) => a.status === 'active');
  links.push({
    step: 'membership',
    ok: !!granted,
    state: granted ? 'active' : (access[0]?.status ?? 'missing'),
    detail: !grants.length
      ? 'No automation of this product grants membership access.'
      : granted
        ? `Access to "${granted.name}" is active.`
        : 'The lead has no active membership access yet.',
    id: granted?.id ?? null,
  });
  return links;
}

const settled = (chain: ChainLink[]) =>
  chain.every((l) => l.ok) || chain.some((l) => ['failed', 'dead', 'refunded'].includes(l.state));

/**
 * Buys the product through the sandbox as a test buyer (the owner's address with a `+test-…`
 * part): a pending order, then a signed `checkout.completed` webhook through the webhook path.
 * Waits up to `waitMs` for the worker to carry the chain through, then reports it.
 */
export async function testPurchase(
  deps: AppDeps,
  gateways: Gateways,
  account: Account,
  productId: number,
  waitMs: number,
) {
  const product = await productRow(deps.db, account.id, productId);
  const price = await deps.db
    .selectFrom('prices')
    .selectAll()
    .where('account_id', '=', account.id)
    .where('product_id', '=', product.id)
    .where('active', '=', 1)
    .orderBy('position')
    .executeTakeFirst();
  if (!price) throw unprocessable('no_price', 'This product has no active price to buy.');
  const [local, domain] = account.email.split('@');
  const email = `${local}+test-${randomToken(4)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}@${domain}`;
  const { order } = await createPendingOrder(deps, account, product, price, {
    checkoutToken: `test-${randomToken(18)}`,
    email,
    firstName: 'Test',
    lastName: 'Buyer',
    buyer: {},
    language: 'en',
    ip: null,
    gateway: 'sandbox',
  });
  const event = {
    id: `evt_test_${order.id}_${randomToken(6)}`,
    type: 'checkout.completed' as const,
    created: Math.floor(deps.clock.now().getTime() / 1000),
    data: { order_id: order.id },
  };
  const signed = await signedSandboxWebhook(deps, account.id, event);
  await receiveWebhook(deps, gateways, 'sandbox', account.id, signed.body, {
    [SANDBOX_SIGNATURE_HEADER]: signed.signature,
  });
  const deadline = Date.now() + waitMs;
  let chain = await purchaseChain(deps, account.id, await orderRow(deps.db, account.id, order.id));
  while (!settled(chain) && Date.now() < deadline) {
    deps.wake();
    await new Promise((r) => setTimeout(r, 50));
    chain = await purchaseChain(deps, account.id, await orderRow(deps.db, account.id, order.id));
  }
  return { order_id: order.id, email, ok: chain.every((l) => l.ok), chain };
}

export async function testPurchaseState(deps: AppDeps, account: Account, orderId: number) {
  const order = await orderRow(deps.db, account.id, orderId);
  const chain = await purchaseChain(deps, account.id, order);
  return { order_id: order.id, email: order.email, ok: chain.every((l) => l.ok), chain };
}

export const STUCK_PENDING_MS = HOUR;

/** Seed 004's list for one product: tag, automation, membership, gateway, stuck orders. */
export async function productHealth(deps: AppDeps, gateways: Gateways, account: Account, productId: number) {
  const product = await productRow(deps.db, account.id, productId);
  const checks: {
    check: 'tag' | 'automation' | 'membership' | 'gateway' | 'pending_orders';
    ok: boolean;
    message: string;
    fix: string | null;
  }[] = [];
  const tag = await deps.db
    .selectFrom('tags')
    .select(['id', 'name'])
    .where('account_id', '=', account.id)
    .where('id', '=', product.tag_id)
    .executeTakeFirst();
  checks.push(
    tag
      ? { check: 'tag', ok: true, message: `Buyers get the tag "${tag.name}".`, fix: null }
      : {
          check: 'tag',
          ok: false,
          message: `The tag "${product.tag}" was deleted.`,
          fix: `Save the product again (it re-creates "${product.tag}") and point your automation at the new tag.`,
        },
  );
  const autos = await reactingAutomations(deps.db, account.id, product.id, product.tag_id);
  const active = autos.filter((a) => a.active === 1);
  checks.push(
    active.length
      ? {
          check: 'automation',
          ok: true,
          message: `${active.map((a) => `"${a.name}"`).join(', ')} react${active.length === 1 ? 's' : ''} to the purchase.`,
          fix: null,
        }
      : {
          check: 'automation',
          ok: false,
          message: autos.length
            ? `The automations that react to "${product.tag}" are paused.`
            : `No automation reacts when "${product.tag}" is applied or this product is bought.`,
          fix: autos.length
            ? 'Turn the automation on in Automations.'
            : `Create an automation with the trigger "Tag applied: ${product.tag}" and a "Grant membership access" step.`,
        },
  );
  const grants = active.flatMap((a) => a.grants);
  if (!grants.length) {
    checks.push({
      check: 'membership',
      ok: false,
      message: 'No active automation of this product grants membership access.',
      fix: 'Add a "Grant membership access" step to the automation (skip this if the product is not a membership).',
    });
  } else {
    const levels = await deps.db
      .selectFrom('membership_levels as l')
      .innerJoin('memberships as m', 'm.id', 'l.membership_id')
      .select(['l.id', 'l.membership_id', 'm.name'])
      .where('l.account_id', '=', account.id)
      .where(
        'l.id',
        'in',
        grants.map((g) => g.level_id),
      )
      .execute();
    const missing = grants.filter(
      (g) => !levels.some((l) => l.id === g.level_id && l.membership_id === g.membership_id),
    );
    checks.push(
      missing.length
        ? {
            check: 'membership',
            ok: false,
            message: 'An automation grants access to a membership or level that no longer exists.',
            fix: 'Edit the automation’s "Grant membership access" step and choose an existing membership and level.',
          }
        : {
            check: 'membership',
            ok: true,
            message: `Buyers get access to ${[...new Set(levels.map((l) => `"${l.name}"`))].join(', ')}.`,
            fix: null,
          },
    );
  }
  const ready = await gateways[product.gateway as GatewayName].ready(deps, account);
  checks.push({ check: 'gateway', ...ready });
  const stuck = await deps.db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', account.id)
    .where('product_id', '=', product.id)
    .where('status', '=', 'pending')
    .where('paid_at', 'is not', null)
    .executeTakeFirstOrThrow();
  const old = await deps.db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', account.id)
    .where('product_id', '=', product.id)
    .where('status', '=', 'pending')
    .where('created_at', '<', iso(new Date(deps.clock.now().getTime() - STUCK_PENDING_MS)))
    .executeTakeFirstOrThrow();
  const n = Number(stuck.n) + Number(old.n);
  checks.push(
    n === 0
      ? { check: 'pending_orders', ok: true, message: 'No order is stuck pending.', fix: null }
      : {
          check: 'pending_orders',
          ok: false,
          message: `${n} order${n === 1 ? ' has' : 's have'} waited more than an hour for the gateway's completed event.`,
          fix:
            product.gateway === 'stripe'
              ? 'Check in Stripe that the webhook endpoint shown in Settings → Payment gateways receives checkout.session.completed, and resend failed deliveries.'
              : 'Buyers who left the sandbox pay page leave pending orders; nothing to fix unless they paid.',
        },
  );
  return { product_id: product.id, ok: checks.every((c) => c.ok), checks };
}
