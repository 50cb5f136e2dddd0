import { type Selectable, sql } from 'kysely';
import type {
  Account,
  DbOrTrx,
  OrdersTable,
  PricesTable,
  ProductsTable,
  SubscriptionsTable,
} from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import { DAY, iso } from '../../lib/clock.js';
import { conflict, notFound } from '../../lib/errors.js';
import { ensureNamed } from '../leads/service.js';
import { siteUrl } from '../memberships/urls.js';
import {
  type BuyerFields,
  buyerFields,
  type GatewayName,
  type OrderOut,
  type OrdersQuery,
  type PriceInput,
  type PriceOut,
  type ProductCreate,
  type ProductOut,
  type ProductPatch,
  type SubscriptionOut,
  type SubscriptionsQuery,
} from './schema.js';

/**
 * Products, prices, and reading orders and subscriptions. Changing orders (completion, refunds,
 * cancellations) lives in `fulfil.ts`; gateways and webhooks in `gateways/` and `webhooks.ts`.
 * Every query is scoped by account.
 */

export type ProductRow = Selectable<ProductsTable>;
export type PriceRow = Selectable<PricesTable>;
export type OrderRow = Selectable<OrdersTable>;
export type SubscriptionRow = Selectable<SubscriptionsTable>;

export const slugify = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '') || 'product';

export const checkoutPath = (slug: string) => `/checkout/${slug}`;
export const checkoutUrl = (deps: Pick<AppDeps, 'config'>, username: string, slug: string) =>
  `${siteUrl(deps.config, username)}${checkoutPath(slug)}`;

export const toPriceOut = (p: PriceRow): PriceOut => ({
  id: p.id,
  type: p.type,
  amount: Number(p.amount),
  currency: p.currency,
  interval: p.interval as PriceOut['interval'],
  interval_count: p.interval_count,
  trial_days: p.trial_days,
  installments: p.installments,
  active: p.active === 1,
});

async function pricesOf(db: DbOrTrx, accountId: number, productIds: number[]) {
  if (!productIds.length) return new Map<number, PriceRow[]>();
  const rows = await db
    .selectFrom('prices')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('product_id', 'in', productIds)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const by = new Map<number, PriceRow[]>();
  for (const r of rows) by.set(r.product_id, [...(by.get(r.product_id) ?? []), r]);
  return by;
}

function toProductOut(
  deps: Pick<AppDeps, 'config'>,
  account: Account,
  p: ProductRow,
  prices: PriceRow[],
): ProductOut {
  return {
    id: p.id,
    name: p.name,
    slug: p.slug,
    description: p.description,
    image_url: p.image_url,
    tag: p.tag,
    tag_id: p.tag_id,
    thank_you_url: p.thank_you_url,
    gateway: p.gateway as GatewayName,
    checkout_language: p.checkout_language,
    ask_gdpr_consent: p.ask_gdpr_consent === 1,
    active: p.active === 1,
    checkout_url: checkoutUrl(deps, account.username, p.slug),
    prices: prices.map(toPriceOut),
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}

export async function listProducts(deps: AppDeps, account: Account): Promise<ProductOut[]> {
  const rows = await deps.db
    .selectFrom('products')
    .selectAll()
    .where('account_id', '=', account.id)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const prices = await pricesOf(
    deps.db,
    account.id,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toProductOut(deps, account, r, prices.get(r.id) ?? []));
}

export async function productRow(db: DbOrTrx, accountId: number, id: number): Promise<ProductRow> {
  const row = await db
    .selectFrom('products')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('This product');
  return row;
}

export async function getProduct(deps: AppDeps, account: Account, id: number): Promise<ProductOut> {
  const row = await productRow(deps.db, account.id, id);
  const prices = await pricesOf(deps.db, account.id, [id]);
  return toProductOut(deps, account, row, prices.get(id) ?? []);
}

/** The product behind a checkout address, with its active prices; undefined when none is on sale. */
export async function productForCheckout(db: DbOrTrx, accountId: number, slug: string) {
  const product = await db
    .selectFrom('products')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('slug', '=', slug.toLowerCase())
    .executeTakeFirst();
  if (!product) return undefined;
  const prices = (await pricesOf(db, accountId, [product.id])).get(product.id) ?? [];
  return { product, prices: prices.filter((p) => p.active === 1) };
}

const priceValues = (account: Account, p: PriceInput) => ({
  type: p.type,
  amount: p.amount,
  currency: p.currency ?? account.currency,
  interval: p.type === 'one_time' ? null : (p.interval ?? null),
  interval_count: p.type === 'one_time' ? 1 : p.interval_count,
  trial_days: p.type === 'subscription' ? p.trial_days : 0,
  installments: p.type === 'payment_plan' ? (p.installments ?? null) : null,
  active: p.active ? 1 : 0,
});

async function slugTaken(db: DbOrTrx, accountId: number, slug: string, exceptId?: number) {
  const row = await db
    .selectFrom('products')
    .select('id')
    .where('account_id', '=', accountId)
    .where('slug', '=', slug)
    .executeTakeFirst();
  return !!row && row.id !== exceptId;
}

/** The tag a product applies, by exact name (case and spaces aside), created when missing. */
async function productTag(trx: DbOrTrx, accountId: number, name: string, now: Date) {
  const tags = await ensureNamed(trx, 'tags', accountId, [name], now);
  return [...tags.values()][0]!;
}

export async function createProduct(
  deps: AppDeps,
  account: Account,
  body: ProductCreate,
): Promise<ProductOut> {
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    let slug = body.slug ?? slugify(body.name);
    if (await slugTaken(trx, account.id, slug)) {
      if (body.slug)
        throw conflict('slug_taken', `Another product already uses the address /checkout/${slug}.`, { slug });
      let n = 2;
      while (await slugTaken(trx, account.id, `${slug.slice(0, 55)}-${n}`)) n++;
      slug = `${slug.slice(0, 55)}-${n}`;
    }
    const tag = await productTag(trx, account.id, body.tag, now);
    const row = await trx
      .insertInto('products')
      .values({
        account_id: account.id,
        name: body.name,
        slug,
        description: body.description ?? '',
        image_url: body.image_url ?? null,
        tag: tag.name,
        tag_id: tag.id,
        thank_you_url: body.thank_you_url ?? null,
        gateway: body.gateway,
        checkout_language: body.checkout_language ?? null,
        ask_gdpr_consent: body.ask_gdpr_consent ? 1 : 0,
        active: body.active ? 1 : 0,
        created_at: iso(now),
        updated_at: iso(now),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('prices')
      .values(
        body.prices.map((p, i) => ({
          ...priceValues(account, p),
          account_id: account.id,
          product_id: row.id,
          position: i,
          created_at: iso(now),
        })),
      )
      .execute();
    return row.id;
  });
  return getProduct(deps, account, id);
}

export async function patchProduct(
  deps: AppDeps,
  account: Account,
  id: number,
  patch: ProductPatch,
): Promise<ProductOut> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const before = await productRow(trx, account.id, id);
    const set: Partial<Record<keyof ProductsTable, unknown>> = {};
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.slug !== undefined && patch.slug !== before.slug) {
      if (await slugTaken(trx, account.id, patch.slug, id))
        throw conflict('slug_taken', `Another product already uses the address /checkout/${patch.slug}.`, {
          slug: patch.slug,
        });
      set.slug = patch.slug;
    }
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.image_url !== undefined) set.image_url = patch.image_url;
    if (patch.tag !== undefined) {
      const tag = await productTag(trx, account.id, patch.tag, now);
      set.tag = tag.name;
      set.tag_id = tag.id;
    }
    if (patch.thank_you_url !== undefined) set.thank_you_url = patch.thank_you_url;
    if (patch.gateway !== undefined) set.gateway = patch.gateway;
    if (patch.checkout_language !== undefined) set.checkout_language = patch.checkout_language;
    if (patch.ask_gdpr_consent !== undefined) set.ask_gdpr_consent = patch.ask_gdpr_consent ? 1 : 0;
    if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
    await trx
      .updateTable('products')
      .set({ ...(set as object), updated_at: iso(now) })
      .where('account_id', '=', account.id)
      .where('id', '=', id)
      .execute();
    if (patch.prices) {
      const existing = (await pricesOf(trx, account.id, [id])).get(id) ?? [];
      const known = new Set(existing.map((p) => p.id));
      for (const p of patch.prices)
        if (p.id !== undefined && !known.has(p.id)) throw notFound(`Price ${p.id} of this product`);
      const kept = new Set<number>();
      for (const [i, p] of patch.prices.entries()) {
        if (p.id !== undefined) {
          kept.add(p.id);
          await trx
            .updateTable('prices')
            .set({ ...priceValues(account, p), position: i })
            .where('account_id', '=', account.id)
            .where('id', '=', p.id)
            .execute();
        } else {
          await trx
            .insertInto('prices')
            .values({
              ...priceValues(account, p),
              account_id: account.id,
              product_id: id,
              position: i,
              created_at: iso(now),
            })
            .execute();
        }
      }
      // Prices left out are retired, not deleted: orders keep pointing at them.
      const retired = existing.filter((p) => !kept.has(p.id)).map((p) => p.id);
      if (retired.length)
        await trx
          .updateTable('prices')
          .set({ active: 0, position: 1000 })
          .where('account_id', '=', account.id)
          .where('id', 'in', retired)
          .execute();
    }
  });
  return getProduct(deps, account, id);
}

/** Deletes a product and its prices; its orders and subscriptions stay (with the product's name). */
export async function deleteProduct(deps: AppDeps, accountId: number, id: number): Promise<void> {
  const res = await deps.db
    .deleteFrom('products')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('This product');
}

// ---------------------------------------------------------------------------------------------
// Orders and subscriptions (reading)

export function parseBuyer(json: string): BuyerFields {
  try {
    const parsed = buyerFields.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

async function subscriptionIdsOf(db: DbOrTrx, accountId: number, orderIds: number[]) {
  if (!orderIds.length) return new Map<number, number>();
  const rows = await db
    .selectFrom('subscriptions')
    .select(['id', 'order_id'])
    .where('account_id', '=', accountId)
    .where('order_id', 'in', orderIds)
    .execute();
  return new Map(rows.map((r) => [r.order_id, r.id]));
}

async function toOrderOuts(db: DbOrTrx, accountId: number, rows: OrderRow[]): Promise<OrderOut[]> {
  const subs = await subscriptionIdsOf(
    db,
    accountId,
    rows.map((r) => r.id),
  );
  return rows.map((o) => ({
    id: o.id,
    product_id: o.product_id,
    product_name: o.product_name,
    price_id: o.price_id,
    price_type: o.price_type,
    lead_id: o.lead_id,
    status: o.status,
    amount: Number(o.amount),
    currency: o.currency,
    gateway: o.gateway as GatewayName,
    gateway_ref: o.gateway_ref,
    email: o.email,
    first_name: o.first_name,
    last_name: o.last_name,
    buyer: parseBuyer(o.buyer),
    language: o.language,
    subscription_id: subs.get(o.id) ?? null,
    created_at: o.created_at,
    paid_at: o.paid_at,
    completed_at: o.completed_at,
    failed_at: o.failed_at,
    refunded_at: o.refunded_at,
  }));
}

export async function orderRow(db: DbOrTrx, accountId: number, id: number): Promise<OrderRow> {
  const row = await db
    .selectFrom('orders')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('This order');
  return row;
}

export async function getOrder(deps: Pick<AppDeps, 'db'>, accountId: number, id: number): Promise<OrderOut> {
  return (await toOrderOuts(deps.db, accountId, [await orderRow(deps.db, accountId, id)]))[0]!;
}

export async function listOrders(
  deps: Pick<AppDeps, 'db'>,
  accountId: number,
  q: Partial<OrdersQuery> = {},
): Promise<{ orders: OrderOut[]; next_cursor: number | null }> {
  const limit = q.limit ?? 50;
  const rows = await deps.db
    .selectFrom('orders')
    .selectAll()
    .where('account_id', '=', accountId)
    .$if(!!q.status, (qb) => qb.where('status', '=', q.status!))
    .$if(!!q.product_id, (qb) => qb.where('product_id', '=', q.product_id!))
    .$if(!!q.lead_id, (qb) => qb.where('lead_id', '=', q.lead_id!))
    .$if(!!q.cursor, (qb) => qb.where('id', '<', q.cursor!))
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    orders: await toOrderOuts(deps.db, accountId, page),
    next_cursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

/** A lead's orders, newest first (for the Kartra-compatible API's transaction commands). */
export async function findOrdersByLead(deps: Pick<AppDeps, 'db'>, accountId: number, leadId: number) {
  return (await listOrders(deps, accountId, { lead_id: leadId, limit: 200 })).orders;
}

async function toSubscriptionOuts(
  db: DbOrTrx,
  accountId: number,
  rows: SubscriptionRow[],
): Promise<SubscriptionOut[]> {
  const orderIds = rows.map((r) => r.order_id);
  const orders = orderIds.length
    ? await db
        .selectFrom('orders')
        .select(['id', 'email', 'product_name'])
        .where('account_id', '=', accountId)
        .where('id', 'in', orderIds)
        .execute()
    : [];
  const byOrder = new Map(orders.map((o) => [o.id, o]));
  return rows.map((s) => ({
    id: s.id,
    product_id: s.product_id,
    product_name: byOrder.get(s.order_id)?.product_name ?? '',
    price_id: s.price_id,
    order_id: s.order_id,
    lead_id: s.lead_id,
    email: byOrder.get(s.order_id)?.email ?? '',
    status: s.status,
    amount: Number(s.amount),
    currency: s.currency,
    interval: s.interval as SubscriptionOut['interval'],
    interval_count: s.interval_count,
    installments: s.installments,
    gateway: s.gateway as GatewayName,
    gateway_ref: s.gateway_ref,
    trial_ends_at: s.trial_ends_at,
    cancelled_at: s.cancelled_at,
    cancel_source: s.cancel_source,
    created_at: s.created_at,
  }));
}

export async function subscriptionRow(db: DbOrTrx, accountId: number, id: number): Promise<SubscriptionRow> {
  const row = await db
    .selectFrom('subscriptions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('This subscription');
  return row;
}

export async function getSubscription(
  deps: Pick<AppDeps, 'db'>,
  accountId: number,
  id: number,
): Promise<SubscriptionOut> {
  return (await toSubscriptionOuts(deps.db, accountId, [await subscriptionRow(deps.db, accountId, id)]))[0]!;
}

export async function listSubscriptions(
  deps: Pick<AppDeps, 'db'>,
  accountId: number,
  q: Partial<SubscriptionsQuery> = {},
): Promise<{ subscriptions: SubscriptionOut[]; next_cursor: number | null }> {
  const limit = q.limit ?? 50;
  const rows = await deps.db
    .selectFrom('subscriptions')
    .selectAll()
    .where('account_id', '=', accountId)
    .$if(!!q.status, (qb) => qb.where('status', '=', q.status!))
    .$if(!!q.product_id, (qb) => qb.where('product_id', '=', q.product_id!))
    .$if(!!q.lead_id, (qb) => qb.where('lead_id', '=', q.lead_id!))
    .$if(!!q.cursor, (qb) => qb.where('id', '<', q.cursor!))
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    subscriptions: await toSubscriptionOuts(deps.db, accountId, page),
    next_cursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

/** Revenue and completed orders per UTC day over the last `days` days (the dashboard chart). */
export async function orderStats(deps: Pick<AppDeps, 'db' | 'clock'>, accountId: number, days: number) {
  const end = deps.clock.now();
  const startDay = new Date(
    Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate()) - (days - 1) * DAY,
  );
  const from = iso(startDay);
  const completed = await deps.db
    .selectFrom('orders')
    .select([
      sql<string>`substr(completed_at, 1, 10)`.as('day'),
      'currency',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>('amount').as('amount'),
    ])
    .where('account_id', '=', accountId)
    .where('completed_at', '>=', from)
    .groupBy([sql`substr(completed_at, 1, 10)`, 'currency'])
    .execute();
  const refunded = await deps.db
    .selectFrom('orders')
    .select([
      sql<string>`substr(refunded_at, 1, 10)`.as('day'),
      'currency',
      (eb) => eb.fn.sum<number>('amount').as('amount'),
    ])
    .where('account_id', '=', accountId)
    .where('refunded_at', '>=', from)
    .groupBy([sql`substr(refunded_at, 1, 10)`, 'currency'])
    .execute();
  const out = new Map<string, { date: string; orders: number; revenue: Record<string, number> }>();
  for (let i = 0; i < days; i++) {
    const date = iso(new Date(startDay.getTime() + i * DAY)).slice(0, 10);
    out.set(date, { date, orders: 0, revenue: {} });
  }
  const totals = { orders: 0, revenue: {} as Record<string, number> };
  for (const r of completed) {
    const d = out.get(r.day);
    if (!d) continue;
    d.orders += Number(r.n);
    d.revenue[r.currency] = (d.revenue[r.currency] ?? 0) + Number(r.amount);
    totals.orders += Number(r.n);
    totals.revenue[r.currency] = (totals.revenue[r.currency] ?? 0) + Number(r.amount);
  }
  for (const r of refunded) {
    const d = out.get(r.day);
    if (!d) continue;
    d.revenue[r.currency] = (d.revenue[r.currency] ?? 0) - Number(r.amount);
    totals.revenue[r.currency] = (totals.revenue[r.currency] ?? 0) - Number(r.amount);
  }
  return { from, to: iso(end), days: [...out.values()], totals };
}
