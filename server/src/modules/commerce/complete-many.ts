import { type Selectable, sql } from 'kysely';
import { runPrepared } from '../../db/prepared.js';
import type { DbOrTrx, Dialect, GatewayWebhooksTable } from '../../db/types.js';
import { iso } from '../../lib/clock.js';
import { enqueueJobs } from '../../worker/jobs.js';
import { emitEvents } from '../../worker/outbox.js';
import { insertRows } from '../../worker/rows.js';
import { PRODUCT_PURCHASED } from '../automations/events.js';
import { normalizeEmail } from '../leads/fields.js';
import { type Actor, applyTagsEach, LEAD_EVENTS } from '../leads/service.js';
import {
  buyerFieldsOf,
  checkoutActor,
  productTagName,
  purchasedPayload,
  receiptJob,
  sellerName,
  upsertBuyerLead,
} from './fulfil.js';
import type { Gateways } from './gateways/index.js';
import type { Fact } from './gateways/types.js';
import type { GatewayName } from './schema.js';
import { type OrderRow, parseBuyer } from './service.js';
import { processWebhook } from './webhooks.js';

/**
 * Many stored webhooks at once, for a burst of purchases. The common case — a gateway says a
 * pending one-time order is paid — is done for a run of such webhooks together: each step of
 * `fulfil.ts`'s `complete` (order claimed, buyer lead created, timeline, tag, events, receipt,
 * webhook marked) is one statement for the run instead of one per order. Everything else, and
 * anything the run's statements find changed, goes through `processWebhook` one at a time, in
 * arrival order. A run never holds two webhooks of one order or one buyer, so the result is the
 * one `processWebhook` gives webhook by webhook (commerce.test.ts compares them).
 */

type Hook = Selectable<GatewayWebhooksTable>;
type Completion = Extract<Fact, { kind: 'completed' }>;
type Item = { hook: Hook; fact: Completion; order: OrderRow };

/** Processes the webhooks (ids in arrival order) in the caller's transaction; processed ones are skipped. */
export async function processWebhooks(
  trx: DbOrTrx,
  dialect: Dialect,
  gateways: Gateways,
  webhookIds: readonly number[],
  now: Date,
): Promise<void> {
  if (!webhookIds.length) return;
  const hooks = new Map(
    (
      await trx
        .selectFrom('gateway_webhooks')
        .selectAll()
        .where('id', 'in', [...webhookIds])
        .where('processed_at', 'is', null)
        .execute()
    ).map((h) => [h.id, h]),
  );
  const facts = new Map<number, Fact | null>();
  for (const h of hooks.values())
    facts.set(h.id, gateways[h.provider as GatewayName]?.factOf(h.body) ?? null);
  // The orders the completions name, read within each webhook's own account.
  const orderIdsOf = new Map<number, number[]>();
  for (const h of hooks.values()) {
    const f = facts.get(h.id);
    if (f?.kind === 'completed' && f.orderId)
      orderIdsOf.set(h.account_id, [...(orderIdsOf.get(h.account_id) ?? []), f.orderId]);
  }
  const orders = new Map<number, OrderRow>();
  for (const [accountId, ids] of orderIdsOf)
    for (const o of await trx
      .selectFrom('orders')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('id', 'in', ids)
      .execute())
      orders.set(o.id, o);

  let run: Item[] = [];
  const inRun = new Set<string>();
  const flush = async () => {
    if (run.length) await completeRun(trx, dialect, gateways, run, now);
    run = [];
    inRun.clear();
  };
  for (const id of webhookIds) {
    const hook = hooks.get(id);
    if (!hook) continue;
    const fact = facts.get(id);
    const order = fact?.kind === 'completed' && fact.orderId ? orders.get(fact.orderId) : undefined;
    if (fact?.kind === 'completed' && order && isPlainCompletion(hook, fact, order)) {
      const keys = [`order:${order.id}`, `buyer:${order.account_id}:${normalizeEmail(order.email)}`];
      if (!keys.some((k) => inRun.has(k))) {
        run.push({ hook, fact, order });
        for (const k of keys) inRun.add(k);
        continue;
      }
    }
    await flush();
    await processWebhook(trx, dialect, gateways, id, now);
  }
  await flush();
}

/** Paid, one-time, still open, nothing else asked of it: all `converge` would do is `complete`. */
function isPlainCompletion(hook: Hook, fact: Completion, order: OrderRow): boolean {
  return (
    order.account_id === hook.account_id &&
    !fact.subscriptionRef &&
    order.price_type === 'one_time' &&
    order.completed_at === null &&
    order.refund_requested_at === null &&
    order.cancel_requested_at === null
  );
}

/**
 * `CASE id WHEN … THEN … END` over the items: one value per row in a single UPDATE (cast for
 * PostgreSQL, which types the parameters of a CASE as text).
 */
const byId = <T = string>(pairs: readonly [number, unknown][], type: 'text' | 'bigint' = 'text') =>
  sql<T>`cast(case id ${sql.join(
    pairs.map(([id, value]) => sql`when ${id} then ${value}`),
    sql` `,
  )} end as ${sql.raw(type)})`;

async function completeRun(trx: DbOrTrx, dialect: Dialect, gateways: Gateways, items: Item[], now: Date) {
  const byAccount = new Map<number, Item[]>();
  for (const item of items) {
    const list = byAccount.get(item.order.account_id);
    if (list) list.push(item);
    else byAccount.set(item.order.account_id, [item]);
  }
  for (const [accountId, list] of byAccount) {
    const left = await completeForAccount(trx, accountId, list, now);
    // What the run's statements found changed meanwhile (a parallel worker on PostgreSQL).
    for (const item of left) await processWebhook(trx, dialect, gateways, item.hook.id, now);
  }
}

/** Completes the account's items; returns those whose order was no longer open. */
async function completeForAccount(
  trx: DbOrTrx,
  accountId: number,
  items: Item[],
  now: Date,
): Promise<Item[]> {
  const t = iso(now);
  // Facts first (paid, first time wins, at the provider's time), then the completion's claim:
  // only orders still open are claimed, exactly once (compare-and-set on completed_at).
  // Compiled once per run length (runPrepared): these run for every chunk of a burst.
  const n = items.length;
  const paidAt = (i: Item) => iso(i.hook.provider_created ? new Date(i.hook.provider_created) : now);
  const claimed = await runPrepared(
    trx,
    `commerce.claimRun:${n}`,
    (p) =>
      trx
        .updateTable('orders')
        .set({
          paid_at: sql`coalesce(paid_at, ${byId(items.map((_, k) => [p(2 + 2 * k), p(3 + 2 * k)]))})`,
          completed_at: p(0),
          status: 'completed',
          updated_at: p(0),
        })
        .where('account_id', '=', p(1))
        .where(
          'id',
          'in',
          items.map((_, k) => p(2 + 2 * n + k)),
        )
        .where('completed_at', 'is', null)
        .where('refund_requested_at', 'is', null)
        .where('cancel_requested_at', 'is', null)
        .returningAll(),
    [t, accountId, ...items.flatMap((i) => [i.order.id, paidAt(i)]), ...items.map((i) => i.order.id)],
  );
  const claimedById = new Map(claimed.map((o) => [o.id, o]));
  const left = items.filter((i) => !claimedById.has(i.order.id));
  const done = items.flatMap((i) => {
    const order = claimedById.get(i.order.id);
    return order ? [{ ...i, order }] : [];
  });
  if (!done.length) return left;
  for (const { fact, order } of done)
    if (fact.orderRef)
      await trx
        .updateTable('orders')
        .set({ gateway_ref: fact.orderRef })
        .where('account_id', '=', accountId)
        .where('id', '=', order.id)
        .where('gateway_ref', 'is', null)
        .execute();

  const leadOf = await buyerLeads(
    trx,
    accountId,
    done.map((d) => d.order),
    now,
  );
  const m = done.length;
  await runPrepared(
    trx,
    `commerce.runLeads:${m}`,
    (p) =>
      trx
        .updateTable('orders')
        .set({
          lead_id: byId<number>(
            done.map((_, k) => [p(1 + 2 * k), p(2 + 2 * k)]),
            'bigint',
          ),
        })
        .where('account_id', '=', p(0))
        .where(
          'id',
          'in',
          done.map((_, k) => p(1 + 2 * m + k)),
        ),
    [
      accountId,
      ...done.flatMap((d) => [d.order.id, leadOf.get(d.order.id)!]),
      ...done.map((d) => d.order.id),
    ],
  );
  await insertRows(
    trx,
    'lead_timeline',
    done.map(({ order }) =>
      timelineRow(accountId, leadOf.get(order.id)!, t, 'purchase', checkoutActor(order.id), {
        order_id: order.id,
        product_id: order.product_id,
        product: order.product_name,
        amount: Number(order.amount),
        currency: order.currency,
      }),
    ),
  );

  // The product's tag on each buyer, one statement per product.
  const byProduct = new Map<number, OrderRow[]>();
  for (const { order } of done)
    byProduct.set(order.product_id, [...(byProduct.get(order.product_id) ?? []), order]);
  for (const [productId, orders] of byProduct) {
    const tagName = await productTagName(trx, accountId, productId);
    if (tagName)
      await applyTagsEach(
        trx,
        accountId,
        orders.map((o) => ({ leadId: leadOf.get(o.id)!, actor: checkoutActor(o.id) })),
        [tagName],
        now,
      );
  }
  await emitEvents(
    trx,
    done.map(({ order }) => ({
      accountId,
      type: PRODUCT_PURCHASED,
      payload: purchasedPayload(order, leadOf.get(order.id)!),
      at: now,
    })),
  );
  const business = await sellerName(trx, accountId);
  await enqueueJobs(
    trx,
    done.map(({ order }) => receiptJob(order, order.first_name, business, now)),
  );
  await runPrepared(
    trx,
    `commerce.runHooks:${m}`,
    (p) =>
      trx
        .updateTable('gateway_webhooks')
        .set({
          status: 'processed',
          result: 'completed',
          order_id: byId<number>(
            done.map((_, k) => [p(2 + 2 * k), p(3 + 2 * k)]),
            'bigint',
          ),
          processed_at: p(0),
        })
        .where('account_id', '=', p(1))
        .where(
          'id',
          'in',
          done.map((_, k) => p(2 + 2 * m + k)),
        )
        .where('processed_at', 'is', null),
    [t, accountId, ...done.flatMap((d) => [d.hook.id, d.order.id]), ...done.map((d) => d.hook.id)],
  );
  return left;
}

const timelineRow = (
  accountId: number,
  leadId: number,
  at: string,
  kind: string,
  actor: Actor,
  detail: Record<string, unknown>,
) => ({
  account_id: accountId,
  lead_id: leadId,
  at,
  kind,
  detail: JSON.stringify(detail),
  source: actor.source,
  source_id: actor.sourceId ?? null,
});

/**
 * Each order's buyer lead: new buyers' leads created in one statement (with their `created`
 * timeline entries and `lead.created` events); a buyer who has a lead already (fields to fill, a
 * deleted lead to restore) goes through `upsertBuyerLead`, as one order would.
 */
async function buyerLeads(
  trx: DbOrTrx,
  accountId: number,
  orders: OrderRow[],
  now: Date,
): Promise<Map<number, number>> {
  const t = iso(now);
  const leadOf = new Map<number, number>();
  const emailOf = new Map(orders.map((o) => [o.id, normalizeEmail(o.email)]));
  const known = new Set(
    (
      await trx
        .selectFrom('leads')
        .select('email_normalized')
        .where('account_id', '=', accountId)
        .where('email_normalized', 'in', [...new Set(emailOf.values())])
        .execute()
    ).map((l) => l.email_normalized),
  );
  const fresh = orders.filter((o) => !known.has(emailOf.get(o.id)!));
  const created = await insertRows<'leads', { id: number; email_normalized: string }>(
    trx,
    'leads',
    fresh.map((order) => {
      const buyer = parseBuyer(order.buyer);
      const actor = checkoutActor(order.id);
      return {
        account_id: accountId,
        email: order.email,
        email_normalized: emailOf.get(order.id)!,
        ...buyerFieldsOf(order, buyer),
        gdpr_status: buyer.gdpr_consent ? 'consented' : 'unknown',
        gdpr_date: buyer.gdpr_consent ? t : null,
        gdpr_ip: buyer.gdpr_consent ? order.ip : null,
        source: actor.source,
        source_id: actor.sourceId ?? null,
        created_at: t,
        updated_at: t,
      };
    }),
    { conflict: '("account_id", "email_normalized") do nothing', returning: ['id', 'email_normalized'] },
  );
  const createdFor = new Map(created.map((l) => [l.email_normalized, Number(l.id)]));
  const news = fresh.filter((o) => createdFor.has(emailOf.get(o.id)!));
  for (const o of news) leadOf.set(o.id, createdFor.get(emailOf.get(o.id)!)!);
  await insertRows(
    trx,
    'lead_timeline',
    news.map((o) => timelineRow(accountId, leadOf.get(o.id)!, t, 'created', checkoutActor(o.id), {})),
  );
  await emitEvents(
    trx,
    news.map((o) => {
      const actor = checkoutActor(o.id);
      return {
        accountId,
        type: LEAD_EVENTS.created,
        payload: { lead_id: leadOf.get(o.id)!, source: actor.source, source_id: actor.sourceId },
        at: now,
      };
    }),
  );
  // Existing buyers (and any lead a parallel worker created meanwhile), one at a time.
  for (const o of orders) if (!leadOf.has(o.id)) leadOf.set(o.id, (await upsertBuyerLead(trx, o, now)).id);
  return leadOf;
}
