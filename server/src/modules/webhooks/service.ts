import { z } from 'zod';
import type { Config } from '../../config.js';
import { runPrepared } from '../../db/prepared.js';
import type { DbOrTrx, EventRow, WebhookDeliveryStatus } from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import { iso } from '../../lib/clock.js';
import { randomToken } from '../../lib/crypto.js';
import { AppError, notFound, unprocessable } from '../../lib/errors.js';
import { enqueueJob } from '../../worker/jobs.js';
import type { EventSubscriber, JobHandler } from '../../worker/types.js';
import { PRODUCT_PURCHASED, SUBSCRIPTION_CANCELLED } from '../automations/events.js';
import { checkWebhookUrl, WebhookRefused } from '../automations/webhook.js';
import { ORDER_EVENTS } from '../commerce/fulfil.js';
import type { OrderRow } from '../commerce/service.js';
import { kartraLeadObject } from '../kartra/details.js';
import { type TransactionType, transactionDetails } from '../kartra/transactions.js';
import { LEAD_EVENTS, loadCustomFields } from '../leads/service.js';
import { MEMBERSHIP_EVENTS } from '../memberships/access.js';
import { postOut, signature } from './post.js';
import type { DeliveryOut, WebhookEvent, WebhookOut } from './schema.js';

/**
 * Kartra's outbound API: the owner subscribes URLs to events; each matching event is posted as
 * Kartra's raw JSON `{lead, action, action_details}` with an `Atrium-Signature` header. Every
 * delivery is a row (the log) and a job (retried with the worker's backoff, dead after its last
 * attempt, retryable by hand). Delivery is at least once: a receiver dedupes on the
 * `Idempotency-Key` header (the delivery id).
 */

export const DELIVER_JOB = 'webhooks.deliver';
export const SUBSCRIBER = 'webhooks';

/** The commerce events that make transactions (webhooks and IPN). */
export const COMMERCE_EVENTS = {
  purchased: PRODUCT_PURCHASED,
  cancelled: SUBSCRIPTION_CANCELLED,
  refunded: ORDER_EVENTS.refunded,
} as const;

/** Atrium events → Kartra `action` names. */
const ACTION_OF: Record<string, WebhookEvent> = {
  [PRODUCT_PURCHASED]: 'buy_product',
  [SUBSCRIPTION_CANCELLED]: 'cancel_subscription',
  [ORDER_EVENTS.refunded]: 'refund_product',
  [LEAD_EVENTS.created]: 'lead_created',
  [LEAD_EVENTS.tagApplied]: 'assign_tag',
  [LEAD_EVENTS.tagRemoved]: 'unassign_tag',
  [LEAD_EVENTS.listSubscribed]: 'list_subscription',
  [LEAD_EVENTS.listUnsubscribed]: 'list_unsubscription',
  [MEMBERSHIP_EVENTS.granted]: 'membership_granted',
  [MEMBERSHIP_EVENTS.revoked]: 'membership_revoked',
};

const eventPayload = z.looseObject({
  lead_id: z.number().int().positive(),
  tag_id: z.number().int().optional(),
  list_id: z.number().int().optional(),
  membership_id: z.number().int().optional(),
  level_id: z.number().int().optional(),
  order_id: z.number().int().optional(),
  subscription_id: z.number().int().optional(),
});

/** The order (and kind of transaction) a commerce event is about, for transaction_details. */
export async function commerceTransaction(
  trx: DbOrTrx,
  accountId: number,
  type: string,
  p: { order_id?: number | undefined; subscription_id?: number | undefined },
): Promise<{ order: OrderRow; kind: TransactionType; at: string | null } | null> {
  let orderId = p.order_id;
  let at: string | null = null;
  if (type === SUBSCRIPTION_CANCELLED && p.subscription_id !== undefined) {
    const sub = await trx
      .selectFrom('subscriptions')
      .select(['order_id', 'cancelled_at'])
      .where('account_id', '=', accountId)
      .where('id', '=', p.subscription_id)
      .executeTakeFirst();
    orderId = sub?.order_id;
    at = sub?.cancelled_at ?? null;
  }
  if (orderId === undefined) return null;
  const order = await trx
    .selectFrom('orders')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', orderId)
    .executeTakeFirst();
  if (!order) return null;
  const kind: TransactionType =
    type === SUBSCRIPTION_CANCELLED ? 'cancellation' : type === ORDER_EVENTS.refunded ? 'refund' : 'sale';
  if (kind === 'refund') at = order.refunded_at;
  return { order, kind, at };
}

async function detailsOf(
  trx: DbOrTrx,
  accountId: number,
  type: string,
  action: WebhookEvent,
  p: z.infer<typeof eventPayload>,
): Promise<Record<string, unknown> | null> {
  if (action === 'buy_product' || action === 'cancel_subscription' || action === 'refund_product') {
    const tx = await commerceTransaction(trx, accountId, type, p);
    if (!tx) return null;
    return { transaction_details: await transactionDetails(trx, accountId, tx.order, tx.kind, tx.at) };
  }
  if ((action === 'assign_tag' || action === 'unassign_tag') && p.tag_id !== undefined) {
    const tag = await trx
      .selectFrom('tags')
      .select('name')
      .where('account_id', '=', accountId)
      .where('id', '=', p.tag_id)
      .executeTakeFirst();
    return { tag: { tag_id: String(p.tag_id), tag_name: tag?.name ?? String(p.tag ?? '') } };
  }
  if ((action === 'list_subscription' || action === 'list_unsubscription') && p.list_id !== undefined) {
    const list = await trx
      .selectFrom('lists')
      .select('name')
      .where('account_id', '=', accountId)
      .where('id', '=', p.list_id)
      .executeTakeFirst();
    return { list: { list_id: String(p.list_id), list_name: list?.name ?? String(p.list ?? '') } };
  }
  if ((action === 'membership_granted' || action === 'membership_revoked') && p.membership_id !== undefined) {
    const m = await trx
      .selectFrom('memberships')
      .select('name')
      .where('account_id', '=', accountId)
      .where('id', '=', p.membership_id)
      .executeTakeFirst();
    const level =
      p.level_id === undefined
        ? undefined
        : await trx
            .selectFrom('membership_levels')
            .select('name')
            .where('account_id', '=', accountId)
            .where('id', '=', p.level_id)
            .executeTakeFirst();
    return {
      membership: {
        membership_id: String(p.membership_id),
        membership_name: m?.name ?? '',
        level_id: p.level_id === undefined ? '' : String(p.level_id),
        level_name: level?.name ?? '',
      },
    };
  }
  return {};
}

/** The Kartra JSON for one event, or null when its lead is gone. */
export async function kartraPayload(
  trx: DbOrTrx,
  accountId: number,
  event: Pick<EventRow, 'type' | 'payload'>,
): Promise<{ action: WebhookEvent; body: Record<string, unknown> } | null> {
  const raw = JSON.parse(event.payload) as Record<string, unknown>;
  const parsed = eventPayload.safeParse(raw);
  if (!parsed.success) return null;
  const action = ACTION_OF[event.type];
  if (!action) return null;
  const lead = await trx
    .selectFrom('leads')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', parsed.data.lead_id)
    .executeTakeFirst();
  if (!lead) return null;
  const details = await detailsOf(trx, accountId, event.type, action, parsed.data);
  if (details === null) return null;
  const defs = await loadCustomFields(trx, accountId);
  return { action, body: { lead: kartraLeadObject(lead, defs), action, action_details: details } };
}

/** Every Atrium event type a subscription can react to. */
export const subscribedEventTypes = () => Object.keys(ACTION_OF);

type ActiveSub = { id: number; url: string; events: string };

const activeSubscriptions = (trx: DbOrTrx, accountId: number) =>
  runPrepared(
    trx,
    'webhookSubscriptions',
    (p) =>
      trx
        .selectFrom('webhook_subscriptions')
        .select(['id', 'url', 'events'])
        .where('account_id', '=', p(0))
        .where('active', '=', 1),
    [accountId],
  ) as Promise<ActiveSub[]>;

/** The deliveries of one event, given its account's active subscriptions. */
async function fanOutTo(trx: DbOrTrx, event: EventRow, subs: readonly ActiveSub[], now: Date) {
  if (event.account_id === null) return;
  const action = ACTION_OF[event.type];
  if (!action) return;
  const targets = subs.filter((s) => (JSON.parse(s.events) as string[]).includes(action));
  if (!targets.length) return;
  const built = await kartraPayload(trx, event.account_id, event);
  if (!built) return;
  const body = JSON.stringify(built.body);
  for (const s of targets)
    await queueDelivery(trx, {
      accountId: event.account_id,
      kind: 'webhook',
      targetId: s.id,
      eventId: event.id,
      action,
      url: s.url,
      payload: body,
      now,
    });
}

/**
 * Turns an event into one delivery (row + job) per active subscription to its action. The batch
 * form reads each account's subscriptions once per dispatch batch (one query for all of the
 * batch's accounts) and skips, without a statement, the events of accounts that have none.
 */
export const webhookSubscriber = (): EventSubscriber => ({
  name: SUBSCRIBER,
  events: subscribedEventTypes(),
  async fanOutBatch(trx, events, now) {
    const accounts = [
      ...new Set(events.flatMap((e) => (e.account_id !== null && ACTION_OF[e.type] ? [e.account_id] : []))),
    ];
    if (!accounts.length) return;
    const rows = await trx
      .selectFrom('webhook_subscriptions')
      .select(['id', 'url', 'events', 'account_id'])
      .where('account_id', 'in', accounts)
      .where('active', '=', 1)
      .orderBy('id')
      .execute();
    if (!rows.length) return;
    const byAccount = new Map<number, ActiveSub[]>();
    for (const r of rows) {
      const list = byAccount.get(r.account_id) ?? [];
      list.push(r);
      byAccount.set(r.account_id, list);
    }
    for (const event of events) {
      const subs = event.account_id === null ? undefined : byAccount.get(event.account_id);
      if (subs) await fanOutTo(trx, event, subs, now);
    }
  },
  async fanOut(trx, event, now) {
    if (event.account_id === null) return;
    const action = ACTION_OF[event.type];
    if (!action) return;
    await fanOutTo(trx, event, await activeSubscriptions(trx, event.account_id), now);
  },
});

/** A delivery row and its job; the same (kind, target, event, action) again adds nothing. */
export async function queueDelivery(
  trx: DbOrTrx,
  d: {
    accountId: number;
    kind: 'webhook' | 'ipn';
    targetId: number;
    eventId: number;
    action: string;
    url: string;
    payload: string;
    now: Date;
  },
): Promise<void> {
  const row = await trx
    .insertInto('webhook_deliveries')
    .values({
      account_id: d.accountId,
      kind: d.kind,
      target_id: d.targetId,
      event_id: d.eventId,
      action: d.action,
      url: d.url,
      payload: d.payload,
      status: 'pending',
      attempts: 0,
      response_status: null,
      error: null,
      created_at: iso(d.now),
      updated_at: iso(d.now),
      delivered_at: null,
    })
    .onConflict((oc) => oc.columns(['kind', 'target_id', 'event_id', 'action']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return;
  await enqueueJob(trx, {
    type: DELIVER_JOB,
    accountId: d.accountId,
    payload: { delivery_id: row.id },
    key: `webhook-delivery:${row.id}:0`,
    at: d.now,
  });
}

// ---------------------------------------------------------------------------------------------
// Delivering

const deliverPayload = z.object({ delivery_id: z.number().int().positive() });

export function deliverHandler(
  config: Pick<Config, 'webhookAllowPrivate'>,
): JobHandler<z.infer<typeof deliverPayload>> {
  return {
    type: DELIVER_JOB,
    transactional: false,
    parse: (p) => deliverPayload.parse(p),
    async run({ db, job, now }, p) {
      const d = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('id', '=', p.delivery_id)
        .executeTakeFirst();
      if (!d || d.status === 'delivered') return;
      const secret =
        d.kind === 'webhook'
          ? (
              await db
                .selectFrom('webhook_subscriptions')
                .select('secret')
                .where('id', '=', d.target_id)
                .where('account_id', '=', d.account_id)
                .executeTakeFirst()
            )?.secret
          : undefined;
      const headers: Record<string, string> = { 'idempotency-key': `atrium-delivery-${d.id}` };
      if (secret) headers['atrium-signature'] = signature(secret, d.payload, now);
      const record = (set: {
        status: WebhookDeliveryStatus;
        response_status?: number | null;
        error?: string | null;
        delivered_at?: string | null;
      }) =>
        db
          .updateTable('webhook_deliveries')
          .set((eb) => ({ ...set, attempts: eb('attempts', '+', 1), updated_at: iso(now) }))
          .where('id', '=', d.id)
          .execute();
      try {
        const res = await postOut(d.url, d.payload, {
          allowPrivate: config.webhookAllowPrivate,
          contentType: d.kind === 'ipn' ? 'application/x-www-form-urlencoded' : 'application/json',
          headers,
        });
        await record({
          status: 'delivered',
          response_status: res.status,
          error: null,
          delivered_at: iso(now),
        });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const status = (err as { status?: number }).status ?? null;
        if (err instanceof WebhookRefused) {
          // Retrying cannot help: the address is not allowed.
          await record({ status: 'dead', response_status: null, error: message });
          return;
        }
        const last = job.attempts >= job.max_attempts;
        await record({ status: last ? 'dead' : 'failed', response_status: status, error: message });
        throw err;
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Subscriptions (admin API)

type SubRow = {
  id: number;
  url: string;
  events: string;
  secret: string;
  active: number;
  created_at: string;
  updated_at: string;
};

const subOut = (r: SubRow): WebhookOut => ({
  id: r.id,
  url: r.url,
  events: JSON.parse(r.events) as WebhookEvent[],
  secret: r.secret,
  active: r.active === 1,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

const subColumns = ['id', 'url', 'events', 'secret', 'active', 'created_at', 'updated_at'] as const;

function checkUrl(deps: Pick<AppDeps, 'config'>, url: string) {
  try {
    checkWebhookUrl(url, deps.config.webhookAllowPrivate);
  } catch (err) {
    if (err instanceof WebhookRefused) throw unprocessable('webhook_refused', err.message, { field: 'url' });
    throw err;
  }
}

export async function listWebhooks(deps: Pick<AppDeps, 'db'>, accountId: number): Promise<WebhookOut[]> {
  const rows = await deps.db
    .selectFrom('webhook_subscriptions')
    .select(subColumns)
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
  return rows.map(subOut);
}

export const MAX_WEBHOOKS = 50;

export async function createWebhook(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  accountId: number,
  body: { url: string; events: WebhookEvent[]; active?: boolean | undefined },
): Promise<WebhookOut> {
  checkUrl(deps, body.url);
  const count = await deps.db
    .selectFrom('webhook_subscriptions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_WEBHOOKS)
    throw new AppError(422, 'too_many_webhooks', `An account can have at most ${MAX_WEBHOOKS} webhooks.`);
  const t = iso(deps.clock.now());
  const row = await deps.db
    .insertInto('webhook_subscriptions')
    .values({
      account_id: accountId,
      url: body.url,
      events: JSON.stringify([...new Set(body.events)]),
      secret: `whsec_${randomToken(24)}`,
      active: body.active === false ? 0 : 1,
      created_at: t,
      updated_at: t,
    })
    .returning(subColumns)
    .executeTakeFirstOrThrow();
  return subOut(row);
}

export async function patchWebhook(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  accountId: number,
  id: number,
  body: { url?: string | undefined; events?: WebhookEvent[] | undefined; active?: boolean | undefined },
): Promise<WebhookOut> {
  if (body.url !== undefined) checkUrl(deps, body.url);
  const set: { url?: string; events?: string; active?: number; updated_at: string } = {
    updated_at: iso(deps.clock.now()),
  };
  if (body.url !== undefined) set.url = body.url;
  if (body.events !== undefined) set.events = JSON.stringify([...new Set(body.events)]);
  if (body.active !== undefined) set.active = body.active ? 1 : 0;
  const row = await deps.db
    .updateTable('webhook_subscriptions')
    .set(set)
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .returning(subColumns)
    .executeTakeFirst();
  if (!row) throw notFound('This webhook');
  return subOut(row);
}

export async function deleteWebhook(deps: Pick<AppDeps, 'db'>, accountId: number, id: number): Promise<void> {
  const res = await deps.db
    .deleteFrom('webhook_subscriptions')
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!Number(res.numDeletedRows)) throw notFound('This webhook');
}

// ---------------------------------------------------------------------------------------------
// The delivery log

const deliveryColumns = [
  'id',
  'kind',
  'target_id',
  'event_id',
  'action',
  'url',
  'payload',
  'status',
  'attempts',
  'response_status',
  'error',
  'created_at',
  'updated_at',
  'delivered_at',
] as const;

export async function listDeliveries(
  deps: Pick<AppDeps, 'db'>,
  accountId: number,
  q: {
    webhook_id?: number | undefined;
    kind?: 'webhook' | 'ipn' | undefined;
    status?: WebhookDeliveryStatus | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ deliveries: DeliveryOut[]; next_cursor: string | null }> {
  let query = deps.db
    .selectFrom('webhook_deliveries')
    .select(deliveryColumns)
    .where('account_id', '=', accountId);
  if (q.webhook_id !== undefined)
    query = query.where('kind', '=', 'webhook').where('target_id', '=', q.webhook_id);
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.cursor) query = query.where('id', '<', Number(q.cursor));
  const rows = await query
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  return {
    deliveries: page.map((r) => ({ ...r, attempts: Number(r.attempts) })),
    next_cursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null,
  };
}

/** Sends a failed or dead delivery again now (a new job; the row keeps its attempt count). */
export async function retryDelivery(deps: AppDeps, accountId: number, id: number): Promise<DeliveryOut> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const d = await trx
      .selectFrom('webhook_deliveries')
      .select(['id', 'status', 'attempts'])
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (!d) throw notFound('This delivery');
    if (d.status === 'delivered' || d.status === 'pending')
      throw new AppError(409, 'not_retryable', 'Only a failed or dead delivery can be sent again.');
    await trx
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', updated_at: iso(now) })
      .where('id', '=', id)
      .execute();
    await enqueueJob(trx, {
      type: DELIVER_JOB,
      accountId,
      payload: { delivery_id: id },
      key: `webhook-delivery:${id}:${iso(now)}`,
      at: now,
    });
  });
  deps.wake();
  const row = await deps.db
    .selectFrom('webhook_deliveries')
    .select(deliveryColumns)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { ...row, attempts: Number(row.attempts) };
}
