import { runPrepared } from '../../db/prepared.js';
import type { Account, DbOrTrx, Dialect } from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import { addMs, DAY, iso } from '../../lib/clock.js';
import { conflict } from '../../lib/errors.js';
import { type EnqueueOptions, enqueueJob } from '../../worker/jobs.js';
import { emitEvent } from '../../worker/outbox.js';
import {
  PRODUCT_PURCHASED,
  type ProductPurchasedPayload,
  SUBSCRIPTION_CANCELLED,
  type SubscriptionCancelledPayload,
} from '../automations/events.js';
import { normalizeEmail } from '../leads/fields.js';
import { type Actor, addTimeline, applyTags, LEAD_EVENTS, removeTag } from '../leads/service.js';
import { templateMailJob } from '../mail/service.js';
import type { Gateways } from './gateways/index.js';
import type { Fact } from './gateways/types.js';
import { RECEIPT_TEMPLATE, type ReceiptData } from './receipt.js';
import {
  getOrder,
  getSubscription,
  type OrderRow,
  orderRow,
  parseBuyer,
  type SubscriptionRow,
  subscriptionRow,
} from './service.js';

/**
 * Changing orders and subscriptions. A gateway's facts (paid, failed, refunded, cancelled) are
 * recorded on the order first; `converge` then applies every effect the facts call for that is
 * not applied yet, each guarded by a compare-and-set on the row, in the caller's transaction.
 * So a duplicate fact changes nothing, and facts in any order end in the same state.
 */

/** Besides `product.purchased` (an order completed) and `subscription.cancelled` (automations/events.ts). */
export const ORDER_EVENTS = {
  refunded: 'order.refunded',
  failed: 'order.failed',
} as const;

export type FulfilCtx = { accountId: number; dialect: Dialect; now: Date; actor: Actor };

export const checkoutActor = (orderId: number): Actor => ({ source: 'checkout', sourceId: String(orderId) });

/** Reads the order with a row lock on PostgreSQL (parallel workers), plainly on SQLite. */
export async function lockOrder(trx: DbOrTrx, dialect: Dialect, accountId: number, id: number) {
  const [row] = await runPrepared(
    trx,
    `commerce.lockOrder:${dialect}`,
    (p) =>
      trx
        .selectFrom('orders')
        .selectAll()
        .where('account_id', '=', p(0))
        .where('id', '=', p(1))
        .$if(dialect === 'postgres', (q) => q.forUpdate()),
    [accountId, id],
  );
  return row;
}

/** `product.purchased` of a completed order (its buyer's lead, the checkout as the source). */
export function purchasedPayload(order: OrderRow, leadId: number): ProductPurchasedPayload {
  const actor = checkoutActor(order.id);
  return {
    lead_id: leadId,
    product_id: order.product_id,
    order_id: order.id,
    price_id: order.price_id,
    amount: Number(order.amount),
    currency: order.currency,
    source: actor.source,
    source_id: actor.sourceId ?? null,
  };
}

/** The lead fields a checkout fills from its order (names and the billing address). */
export function buyerFieldsOf(order: OrderRow, buyer: ReturnType<typeof parseBuyer>) {
  return {
    first_name: order.first_name,
    last_name: order.last_name,
    phone: buyer.phone ?? null,
    address: buyer.address ?? null,
    city: buyer.city ?? null,
    zip: buyer.zip ?? null,
    state: buyer.state ?? null,
    country: buyer.country ?? null,
  };
}

/**
 * The buyer's lead, created or updated (only empty fields are filled; a deleted lead is restored),
 * with its timeline entry and `lead.created`/`lead.updated` event.
 */
export async function upsertBuyerLead(
  trx: DbOrTrx,
  order: OrderRow,
  now: Date,
): Promise<{ id: number; created: boolean }> {
  const actor = checkoutActor(order.id);
  const buyer = parseBuyer(order.buyer);
  const fields = buyerFieldsOf(order, buyer);
  const gdpr = buyer.gdpr_consent ? { gdpr_status: 'consented', gdpr_date: iso(now), gdpr_ip: order.ip } : {};
  const emailNorm = normalizeEmail(order.email);
  const t = iso(now);
  const findLead = async () =>
    (
      await runPrepared(
        trx,
        'commerce.leadByEmail',
        (p) =>
          trx
            .selectFrom('leads')
            .selectAll()
            .where('account_id', '=', p(0))
            .where('email_normalized', '=', p(1)),
        [order.account_id, emailNorm],
      )
    )[0];
  let existing = await findLead();
  const emit = (type: string, payload: Record<string, unknown>) =>
    emitEvent(trx, {
      accountId: order.account_id,
      type,
      payload: { ...payload, source: actor.source, source_id: actor.sourceId },
      at: now,
    });
  if (!existing) {
    // Two purchases by one new buyer may complete at once (parallel workers on PostgreSQL): the
    // unique (account, email) index decides, and the second finds the first's lead.
    const values = {
      account_id: order.account_id,
      email: order.email,
      email_normalized: emailNorm,
      ...fields,
      ...gdpr,
      source: actor.source,
      source_id: actor.sourceId ?? null,
      created_at: t,
      updated_at: t,
    };
    const cols = Object.keys(values) as (keyof typeof values)[];
    const [row] = await runPrepared(
      trx,
      `commerce.insertLead:${buyer.gdpr_consent ? 'gdpr' : 'plain'}`,
      (p) =>
        trx
          .insertInto('leads')
          .values(Object.fromEntries(cols.map((c, i) => [c, p(i)])) as typeof values)
          .onConflict((oc) => oc.columns(['account_id', 'email_normalized']).doNothing())
          .returning('id'),
      cols.map((c) => values[c]),
    );
    if (row) {
      await addTimeline(trx, order.account_id, actor, now, [{ leadId: row.id, kind: 'created', detail: {} }]);
      await emit(LEAD_EVENTS.created, { lead_id: row.id });
      return { id: row.id, created: true };
    }
    existing = await findLead();
    if (!existing) throw new Error('the buyer’s lead was neither created nor found');
  }
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v && !existing[k as keyof typeof existing]) set[k] = v;
  if (buyer.gdpr_consent && existing.gdpr_status !== 'consented') Object.assign(set, gdpr);
  if (existing.deleted_at !== null) {
    await trx
      .updateTable('leads')
      .set({ ...set, deleted_at: null, updated_at: t })
      .where('id', '=', existing.id)
      .where('account_id', '=', order.account_id)
      .execute();
    await addTimeline(trx, order.account_id, actor, now, [
      { leadId: existing.id, kind: 'restored', detail: {} },
    ]);
    await emit(LEAD_EVENTS.created, { lead_id: existing.id });
    return { id: existing.id, created: true };
  }
  if (Object.keys(set).length) {
    await trx
      .updateTable('leads')
      .set({ ...set, updated_at: t })
      .where('id', '=', existing.id)
      .where('account_id', '=', order.account_id)
      .execute();
    const changes = Object.fromEntries(
      Object.entries(set).map(([k, v]) => [k, { from: existing[k as keyof typeof existing] ?? null, to: v }]),
    );
    await addTimeline(trx, order.account_id, actor, now, [
      { leadId: existing.id, kind: 'updated', detail: { changes } },
    ]);
    await emit(LEAD_EVENTS.updated, { lead_id: existing.id, fields: Object.keys(set) });
  }
  return { id: existing.id, created: false };
}

/** The seller's name on receipts: the company, else the owner's name. */
export async function sellerName(trx: DbOrTrx, accountId: number): Promise<string> {
  const [account] = await runPrepared(
    trx,
    'commerce.accountName',
    (p) => trx.selectFrom('accounts').select(['name', 'company']).where('id', '=', p(0)),
    [accountId],
  );
  if (!account) throw new Error('the order’s account is gone');
  return account.company || account.name;
}

/** The receipt of a completed order, in the order's language, as its mail job (keyed by the order). */
export function receiptJob(
  order: OrderRow,
  leadName: string | null,
  business: string,
  now: Date,
): EnqueueOptions {
  const data: ReceiptData = {
    to: order.email,
    lang: order.language,
    name: leadName,
    seller: business,
    product: order.product_name,
    amount: Number(order.amount),
    currency: order.currency,
    orderId: order.id,
    subscription: order.price_type === 'subscription',
    at: iso(now),
  };
  return templateMailJob(RECEIPT_TEMPLATE, data, {
    accountId: order.account_id,
    at: now,
    key: `commerce.receipt:${order.id}`,
  });
}

async function receiptMail(trx: DbOrTrx, order: OrderRow, leadName: string | null, now: Date) {
  await enqueueJob(trx, receiptJob(order, leadName, await sellerName(trx, order.account_id), now));
}

async function productTagOf(trx: DbOrTrx, accountId: number, productId: number) {
  const [row] = await runPrepared(
    trx,
    'commerce.productTag',
    (p) =>
      trx
        .selectFrom('products')
        .innerJoin('tags', 'tags.id', 'products.tag_id')
        .select(['tags.id', 'tags.name'])
        .where('products.account_id', '=', p(0))
        .where('products.id', '=', p(1)),
    [accountId, productId],
  );
  return row;
}

/** The product's tag name for applying: the tag by id, else (deleted tag) the product's stored name. */
export async function productTagName(
  trx: DbOrTrx,
  accountId: number,
  productId: number,
): Promise<string | undefined> {
  const tag = await productTagOf(trx, accountId, productId);
  if (tag) return tag.name;
  const product = await trx
    .selectFrom('products')
    .select('tag')
    .where('account_id', '=', accountId)
    .where('id', '=', productId)
    .executeTakeFirst();
  return product?.tag;
}

/**
 * Whether the lead still holds the product through something other than `except`: a completed,
 * unrefunded one-time order, or a subscription that is not cancelled.
 */
async function stillEntitled(
  trx: DbOrTrx,
  accountId: number,
  leadId: number,
  productId: number,
  except: { orderId: number },
): Promise<boolean> {
  const order = await trx
    .selectFrom('orders')
    .select('id')
    .where('account_id', '=', accountId)
    .where('lead_id', '=', leadId)
    .where('product_id', '=', productId)
    .where('status', '=', 'completed')
    .where('price_type', '=', 'one_time')
    .where('id', '!=', except.orderId)
    .limit(1)
    .executeTakeFirst();
  if (order) return true;
  const sub = await trx
    .selectFrom('subscriptions')
    .select('id')
    .where('account_id', '=', accountId)
    .where('lead_id', '=', leadId)
    .where('product_id', '=', productId)
    .where('status', '!=', 'cancelled')
    .where('order_id', '!=', except.orderId)
    .limit(1)
    .executeTakeFirst();
  return !!sub;
}

async function removeProductTag(
  trx: DbOrTrx,
  ctx: FulfilCtx,
  leadId: number,
  productId: number,
  orderId: number,
) {
  if (await stillEntitled(trx, ctx.accountId, leadId, productId, { orderId })) return;
  const tag = await productTagOf(trx, ctx.accountId, productId);
  if (tag) await removeTag(trx, ctx.accountId, [leadId], tag, ctx.actor, ctx.now);
}

async function complete(trx: DbOrTrx, ctx: FulfilCtx, order: OrderRow): Promise<OrderRow> {
  const [claimed] = await runPrepared(
    trx,
    'commerce.completeOrder',
    (p) =>
      trx
        .updateTable('orders')
        .set({ completed_at: p(0), status: 'completed', updated_at: p(0) })
        .where('account_id', '=', p(1))
        .where('id', '=', p(2))
        .where('completed_at', 'is', null)
        .returningAll(),
    [iso(ctx.now), ctx.accountId, order.id],
  );
  if (!claimed) return (await lockOrder(trx, ctx.dialect, ctx.accountId, order.id))!;
  const lead = await upsertBuyerLead(trx, claimed, ctx.now);
  await runPrepared(
    trx,
    'commerce.orderLead',
    (p) =>
      trx
        .updateTable('orders')
        .set({ lead_id: p(0) })
        .where('account_id', '=', p(1))
        .where('id', '=', p(2)),
    [lead.id, ctx.accountId, order.id],
  );
  const actor = checkoutActor(order.id);
  await addTimeline(trx, ctx.accountId, actor, ctx.now, [
    {
      leadId: lead.id,
      kind: 'purchase',
      detail: {
        order_id: order.id,
        product_id: order.product_id,
        product: order.product_name,
        amount: Number(order.amount),
        currency: order.currency,
      },
    },
  ]);
  if (order.price_type !== 'one_time') {
    const price = await trx
      .selectFrom('prices')
      .selectAll()
      .where('account_id', '=', ctx.accountId)
      .where('id', '=', order.price_id)
      .executeTakeFirst();
    await trx
      .insertInto('subscriptions')
      .values({
        account_id: ctx.accountId,
        product_id: order.product_id,
        price_id: order.price_id,
        order_id: order.id,
        lead_id: lead.id,
        status: 'active',
        amount: Number(order.amount),
        currency: order.currency,
        interval: price?.interval ?? 'month',
        interval_count: price?.interval_count ?? 1,
        installments: price?.installments ?? null,
        gateway: order.gateway,
        gateway_ref: null,
        trial_ends_at: price && price.trial_days > 0 ? iso(addMs(ctx.now, price.trial_days * DAY)) : null,
        cancelled_at: null,
        cancel_source: null,
        created_at: iso(ctx.now),
        updated_at: iso(ctx.now),
      })
      .onConflict((oc) => oc.column('order_id').doNothing())
      .execute();
  }
  const tagName = await productTagName(trx, ctx.accountId, order.product_id);
  if (tagName) await applyTags(trx, ctx.accountId, [lead.id], [tagName], actor, ctx.now);
  const purchased = purchasedPayload(order, lead.id);
  await emitEvent(trx, {
    accountId: ctx.accountId,
    type: PRODUCT_PURCHASED,
    payload: purchased,
    at: ctx.now,
  });
  await receiptMail(trx, claimed, claimed.first_name, ctx.now);
  return { ...claimed, lead_id: lead.id };
}

async function cancelSubscriptionRow(
  trx: DbOrTrx,
  ctx: FulfilCtx,
  sub: SubscriptionRow,
  source: string,
): Promise<boolean> {
  const done = await trx
    .updateTable('subscriptions')
    .set({ status: 'cancelled', cancelled_at: iso(ctx.now), cancel_source: source, updated_at: iso(ctx.now) })
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', sub.id)
    .where('status', '!=', 'cancelled')
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) return false;
  await addTimeline(trx, ctx.accountId, ctx.actor, ctx.now, [
    {
      leadId: sub.lead_id,
      kind: 'subscription_cancelled',
      detail: { subscription_id: sub.id, order_id: sub.order_id, product_id: sub.product_id, by: source },
    },
  ]);
  await removeProductTag(trx, ctx, sub.lead_id, sub.product_id, sub.order_id);
  const payload: SubscriptionCancelledPayload = {
    lead_id: sub.lead_id,
    product_id: sub.product_id,
    subscription_id: sub.id,
    source: ctx.actor.source,
    source_id: ctx.actor.sourceId ?? null,
  };
  await emitEvent(trx, { accountId: ctx.accountId, type: SUBSCRIPTION_CANCELLED, payload, at: ctx.now });
  return true;
}

async function refund(trx: DbOrTrx, ctx: FulfilCtx, order: OrderRow): Promise<void> {
  const done = await trx
    .updateTable('orders')
    .set({ refunded_at: iso(ctx.now), status: 'refunded', updated_at: iso(ctx.now) })
    .where('account_id', '=', ctx.accountId)
    .where('id', '=', order.id)
    .where('refunded_at', 'is', null)
    .where('completed_at', 'is not', null)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0 || order.lead_id === null) return;
  await addTimeline(trx, ctx.accountId, ctx.actor, ctx.now, [
    {
      leadId: order.lead_id,
      kind: 'order_refunded',
      detail: {
        order_id: order.id,
        product_id: order.product_id,
        amount: Number(order.amount),
        currency: order.currency,
      },
    },
  ]);
  const sub = await trx
    .selectFrom('subscriptions')
    .selectAll()
    .where('account_id', '=', ctx.accountId)
    .where('order_id', '=', order.id)
    .executeTakeFirst();
  if (sub && sub.status !== 'cancelled') await cancelSubscriptionRow(trx, ctx, sub, 'refund');
  else await removeProductTag(trx, ctx, order.lead_id, order.product_id, order.id);
  await emitEvent(trx, {
    accountId: ctx.accountId,
    type: ORDER_EVENTS.refunded,
    payload: {
      lead_id: order.lead_id,
      product_id: order.product_id,
      order_id: order.id,
      amount: Number(order.amount),
      currency: order.currency,
      source: ctx.actor.source,
      source_id: ctx.actor.sourceId ?? null,
    },
    at: ctx.now,
  });
}

/**
 * Applies what the order's recorded facts call for and is not applied yet: completion (lead,
 * tag, `product.purchased`, receipt, subscription), refund, the subscription's cancellation,
 * failure. Safe to call any number of times.
 */
/** Returns the order as read before its last effects (re-read it for its final state). */
export async function converge(trx: DbOrTrx, ctx: FulfilCtx, id: number): Promise<OrderRow | undefined> {
  let order = await lockOrder(trx, ctx.dialect, ctx.accountId, id);
  if (!order) return undefined;
  if (order.paid_at && !order.completed_at) order = await complete(trx, ctx, order);
  if (order.refund_requested_at && order.completed_at && !order.refunded_at) await refund(trx, ctx, order);
  if (order.cancel_requested_at && order.completed_at) {
    const sub = await trx
      .selectFrom('subscriptions')
      .selectAll()
      .where('account_id', '=', ctx.accountId)
      .where('order_id', '=', order.id)
      .executeTakeFirst();
    if (sub && sub.status !== 'cancelled') await cancelSubscriptionRow(trx, ctx, sub, ctx.actor.source);
  }
  if (!order.paid_at && order.failed_at && order.status === 'pending') {
    await trx
      .updateTable('orders')
      .set({ status: 'failed', updated_at: iso(ctx.now) })
      .where('account_id', '=', ctx.accountId)
      .where('id', '=', order.id)
      .where('status', '=', 'pending')
      .execute();
    await emitEvent(trx, {
      accountId: ctx.accountId,
      type: ORDER_EVENTS.failed,
      payload: {
        order_id: order.id,
        product_id: order.product_id,
        source: ctx.actor.source,
        source_id: ctx.actor.sourceId ?? null,
      },
      at: ctx.now,
    });
  }
  return order;
}

/** Finds the order a fact is about (by our id, else by the gateway's reference), within the account. */
async function orderOfFact(
  trx: DbOrTrx,
  accountId: number,
  gateway: string,
  fact: Fact,
): Promise<OrderRow | undefined> {
  if ('orderId' in fact && fact.orderId) {
    const [o] = await runPrepared(
      trx,
      'commerce.orderById',
      (p) => trx.selectFrom('orders').selectAll().where('account_id', '=', p(0)).where('id', '=', p(1)),
      [accountId, fact.orderId],
    );
    if (o) return o;
  }
  if ('subscriptionId' in fact && fact.subscriptionId) {
    const s = await trx
      .selectFrom('subscriptions')
      .select('order_id')
      .where('account_id', '=', accountId)
      .where('id', '=', fact.subscriptionId)
      .executeTakeFirst();
    if (s)
      return trx
        .selectFrom('orders')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', s.order_id)
        .executeTakeFirst();
  }
  if ('subscriptionRef' in fact && fact.subscriptionRef && fact.kind !== 'completed') {
    const s = await trx
      .selectFrom('subscriptions')
      .select('order_id')
      .where('account_id', '=', accountId)
      .where('gateway', '=', gateway)
      .where('gateway_ref', '=', fact.subscriptionRef)
      .executeTakeFirst();
    if (s)
      return trx
        .selectFrom('orders')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', s.order_id)
        .executeTakeFirst();
  }
  if ('orderRef' in fact && fact.orderRef) {
    return trx
      .selectFrom('orders')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('gateway', '=', gateway)
      .where('gateway_ref', '=', fact.orderRef)
      .executeTakeFirst();
  }
  return undefined;
}

/**
 * Records a gateway fact on its order (first time wins: a repeated fact changes nothing) and
 * converges. Returns the order id, or a reason the fact was set aside.
 */
export async function applyFact(
  trx: DbOrTrx,
  ctx: FulfilCtx,
  gateway: string,
  fact: Fact,
  at: Date,
): Promise<{ orderId: number | null; result: string }> {
  const order = await orderOfFact(trx, ctx.accountId, gateway, fact);
  if (!order) return { orderId: null, result: 'no matching order in this account' };
  const t = iso(at);
  const set = (col: 'paid_at' | 'failed_at' | 'refund_requested_at' | 'cancel_requested_at') =>
    runPrepared(
      trx,
      `commerce.orderFact:${col}`,
      (p) =>
        trx
          .updateTable('orders')
          .set({ [col]: p(0), updated_at: p(1) })
          .where('account_id', '=', p(2))
          .where('id', '=', p(3))
          .where(col, 'is', null),
      [t, iso(ctx.now), ctx.accountId, order.id],
    );
  let result: string = fact.kind;
  switch (fact.kind) {
    case 'completed': {
      await set('paid_at');
      if (fact.orderRef && !order.gateway_ref)
        await trx
          .updateTable('orders')
          .set({ gateway_ref: fact.orderRef })
          .where('account_id', '=', ctx.accountId)
          .where('id', '=', order.id)
          .execute();
      break;
    }
    case 'failed': {
      const sub = await trx
        .selectFrom('subscriptions')
        .select(['id', 'status'])
        .where('account_id', '=', ctx.accountId)
        .where('order_id', '=', order.id)
        .executeTakeFirst();
      const aboutSubscription =
        ('subscriptionId' in fact && fact.subscriptionId) ||
        ('subscriptionRef' in fact && fact.subscriptionRef);
      if (aboutSubscription && sub) {
        if (sub.status === 'active')
          await trx
            .updateTable('subscriptions')
            .set({ status: 'past_due', updated_at: iso(ctx.now) })
            .where('account_id', '=', ctx.accountId)
            .where('id', '=', sub.id)
            .where('status', '=', 'active')
            .execute();
        result = 'subscription past due';
      } else {
        await set('failed_at');
      }
      break;
    }
    case 'refund':
      await set('refund_requested_at');
      break;
    case 'cancelled':
      await set('cancel_requested_at');
      break;
    case 'renewed':
      await trx
        .updateTable('subscriptions')
        .set({ status: 'active', updated_at: iso(ctx.now) })
        .where('account_id', '=', ctx.accountId)
        .where('order_id', '=', order.id)
        .where('status', '=', 'past_due')
        .execute();
      result = 'subscription renewed';
      break;
  }
  await converge(trx, ctx, order.id);
  // The gateway's subscription id, on the subscription the completion has just made (or had made).
  if (fact.kind === 'completed' && fact.subscriptionRef)
    await trx
      .updateTable('subscriptions')
      .set({ gateway_ref: fact.subscriptionRef })
      .where('account_id', '=', ctx.accountId)
      .where('order_id', '=', order.id)
      .where('gateway_ref', 'is', null)
      .execute();
  return { orderId: order.id, result };
}

// ---------------------------------------------------------------------------------------------
// The owner's (and the API's) actions

export const actorCtx = (
  deps: Pick<AppDeps, 'dialect' | 'clock'>,
  accountId: number,
  actor: Actor,
): FulfilCtx => ({
  accountId,
  dialect: deps.dialect,
  now: deps.clock.now(),
  actor,
});

/**
 * Refunds a completed order: asks the gateway first (Stripe refunds the payment), then marks the
 * order refunded, ends its subscription and removes the product's tag unless another purchase
 * still entitles the lead. Refunding a refunded order changes nothing.
 */
export async function refundOrder(
  deps: AppDeps,
  gateways: Gateways,
  account: Account,
  orderId: number,
  actor: Actor,
) {
  const order = await orderRow(deps.db, account.id, orderId);
  if (order.status === 'refunded') return getOrder(deps, account.id, orderId);
  if (order.status !== 'completed')
    throw conflict('not_refundable', `Only a completed order can be refunded; this one is ${order.status}.`);
  await gateways[order.gateway as keyof Gateways].refund(deps, account, order);
  const ctx = actorCtx(deps, account.id, actor);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('orders')
      .set({ refund_requested_at: iso(ctx.now) })
      .where('account_id', '=', account.id)
      .where('id', '=', orderId)
      .where('refund_requested_at', 'is', null)
      .execute();
    await converge(trx, ctx, orderId);
  });
  deps.wake();
  return getOrder(deps, account.id, orderId);
}

/**
 * Cancels a subscription (owner, API): the gateway stops charging, the subscription ends, the
 * product's tag is removed (so a `tag_removed` automation revokes access) and
 * `subscription.cancelled` is raised. Cancelling a cancelled subscription changes nothing.
 */
export async function cancelSubscription(
  deps: AppDeps,
  gateways: Gateways,
  account: Account,
  subscriptionId: number,
  actor: Actor,
) {
  const sub = await subscriptionRow(deps.db, account.id, subscriptionId);
  if (sub.status === 'cancelled') return getSubscription(deps, account.id, subscriptionId);
  await gateways[sub.gateway as keyof Gateways].cancelSubscription(deps, account, sub);
  const ctx = actorCtx(deps, account.id, actor);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('orders')
      .set({ cancel_requested_at: iso(ctx.now) })
      .where('account_id', '=', account.id)
      .where('id', '=', sub.order_id)
      .where('cancel_requested_at', 'is', null)
      .execute();
    const current = await subscriptionRow(trx, account.id, subscriptionId);
    await cancelSubscriptionRow(trx, ctx, current, actor.source);
  });
  deps.wake();
  return getSubscription(deps, account.id, subscriptionId);
}
