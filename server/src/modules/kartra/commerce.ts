import { AppError } from '../../lib/errors.js';
import { cancelSubscription, refundOrder } from '../commerce/fulfil.js';
import type { OrderRow, SubscriptionRow } from '../commerce/service.js';
import { type CommandCtx, liveLead } from './context.js';
import { subscriptionDetails, subscriptionStatusWord, transactionDetails } from './transactions.js';
import { type Answer, error, fail, type Param, str, success } from './wire.js';

/**
 * Transaction and subscription commands (kartra-api.md §2.4) over the commerce module's orders and
 * subscriptions. Reads run in the call's transaction. A refund or a cancellation also has to tell
 * the gateway, so it is checked in the transaction and carried out right after the commit, through
 * commerce's own refundOrder / cancelSubscription (which also remove the product's tag, so a
 * `tag_removed` automation revokes access); a gateway failure turns its answer into 266 / 267.
 */

type Command = (ctx: CommandCtx, action: Record<string, Param>) => Promise<Answer>;

const idOf = (v: Param | undefined): number | null => {
  const s = str(v);
  return /^\d{1,15}$/.test(s) ? Number(s) : null;
};

async function orderOf(ctx: CommandCtx, v: Param | undefined): Promise<OrderRow> {
  const id = idOf(v);
  if (id === null) return fail(247);
  const row = await ctx.trx
    .selectFrom('orders')
    .selectAll()
    .where('account_id', '=', ctx.account.id)
    .where('id', '=', id)
    .where('status', '!=', 'pending')
    .executeTakeFirst();
  return row ?? fail(247);
}

async function subscriptionOf(ctx: CommandCtx, v: Param | undefined): Promise<SubscriptionRow> {
  const id = idOf(v);
  if (id === null) return fail(248);
  const row = await ctx.trx
    .selectFrom('subscriptions')
    .selectAll()
    .where('account_id', '=', ctx.account.id)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? fail(248);
}

const typeOfOrder = (o: OrderRow) => (o.status === 'failed' ? 'failed' : 'sale');

const searchTransaction: Command = async (ctx, a) => {
  await orderOf(ctx, a.transaction_id);
  return success('Transaction exists');
};

const getTransactionDetails: Command = async (ctx, a) => {
  const order = await orderOf(ctx, a.transaction_id);
  return success(undefined, undefined, {
    transaction_details: await transactionDetails(ctx.trx, ctx.account.id, order, typeOfOrder(order)),
  });
};

/** Runs commerce's effect after the commit; its refusals become Kartra's error. */
const afterCommit =
  (ctx: CommandCtx, run: () => Promise<unknown>, ok: Answer, failure: 266 | 267) =>
  async (): Promise<Answer> => {
    try {
      await run();
      return ok;
    } catch (err) {
      ctx.deps.log.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'Kartra API: gateway refused',
      );
      if (err instanceof AppError) return error(failure);
      return error(failure);
    }
  };

const refundTransaction: Command = async (ctx, a) => {
  const order = await orderOf(ctx, a.transaction_id);
  if (order.status === 'refunded') return fail(251);
  if (order.status !== 'completed') return fail(253);
  const raw = str(a.refund_amount);
  if (raw) {
    if (!/^\d+(\.\d{1,2})?$/.test(raw)) return fail(268);
    const minor = Math.round(Number(raw) * 100);
    if (minor <= 0 || minor > Number(order.amount)) return fail(268);
    // Atrium refunds whole orders only.
    if (minor !== Number(order.amount)) return fail(266);
  }
  if (!ctx.gateways) return fail(266);
  const gateways = ctx.gateways;
  const ok = success(undefined, undefined, { transaction_refunded: String(order.id) });
  ctx.deferred = afterCommit(
    ctx,
    () => refundOrder(ctx.deps, gateways, ctx.account, order.id, ctx.actor),
    ok,
    266,
  );
  return ok;
};

function cancelLater(ctx: CommandCtx, sub: SubscriptionRow, ok: Answer) {
  if (!ctx.gateways) return fail(267);
  const gateways = ctx.gateways;
  ctx.deferred = afterCommit(
    ctx,
    () => cancelSubscription(ctx.deps, gateways, ctx.account, sub.id, ctx.actor),
    ok,
    267,
  );
  return ok;
}

const cancelTransaction: Command = async (ctx, a) => {
  let sub: SubscriptionRow | undefined;
  if (str(a.transaction_id)) {
    const order = await orderOf(ctx, a.transaction_id);
    if (order.price_type === 'one_time') return fail(253);
    sub = await ctx.trx
      .selectFrom('subscriptions')
      .selectAll()
      .where('account_id', '=', ctx.account.id)
      .where('order_id', '=', order.id)
      .executeTakeFirst();
    if (!sub) return fail(249);
  } else {
    const internal = a.transaction_internal_subscription_id ?? a.subscription_id;
    if (str(internal)) sub = await subscriptionOf(ctx, internal);
    else {
      // The 2020 docs named the gateway's id: transaction_subscription_id.
      const ref = str(a.transaction_subscription_id);
      if (!ref) return fail(248);
      sub = await ctx.trx
        .selectFrom('subscriptions')
        .selectAll()
        .where('account_id', '=', ctx.account.id)
        .where('gateway_ref', '=', ref)
        .executeTakeFirst();
      if (!sub) return fail(248);
    }
  }
  if (sub.status === 'cancelled') return fail(252);
  return cancelLater(
    ctx,
    sub,
    success(undefined, undefined, {
      transaction_subscription_id: sub.gateway_ref ?? '',
      transaction_internal_subscription_id: String(sub.id),
    }),
  );
};

const modifySubscriptionStatus: Command = async (ctx, a) => {
  const sub = await subscriptionOf(ctx, a.subscription_id);
  const change = str(a.subscription_status_modification).toLowerCase();
  if (!['cancel', 'pause', 'unpause'].includes(change)) return fail(274);
  if (change === 'cancel') {
    if (sub.status === 'cancelled') return fail(252);
    return cancelLater(ctx, sub, success('Subscription modified', '115'));
  }
  if (sub.status === 'cancelled') return fail(275);
  // Atrium's subscriptions cannot be paused.
  return fail(274);
};

const editSubscription: Command = async (ctx, a) => {
  const sub = await subscriptionOf(ctx, a.subscription_id);
  if (sub.status === 'cancelled') return fail(275);
  return {
    status: 'Error',
    message: 'Editing subscriptions is not supported by this server',
    type: '299',
  };
};

const searchSubscription: Command = async (ctx, a) => {
  await subscriptionOf(ctx, a.subscription_id ?? a.transaction_internal_subscription_id);
  return success('Subscription exists');
};

const INTERVAL_MS: Record<string, number> = { day: 86_400_000, week: 7 * 86_400_000 };

/** The next charge after now, from the start (or the trial's end) by whole intervals. */
function nextPayment(sub: SubscriptionRow, now: Date): string | null {
  if (sub.status === 'cancelled') return null;
  let d = new Date(sub.trial_ends_at ?? sub.created_at);
  for (let i = 0; i < 2000 && d <= now; i++) {
    if (sub.interval === 'month' || sub.interval === 'year') {
      const months = (sub.interval === 'year' ? 12 : 1) * sub.interval_count;
      d = new Date(
        Date.UTC(
          d.getUTCFullYear(),
          d.getUTCMonth() + months,
          d.getUTCDate(),
          d.getUTCHours(),
          d.getUTCMinutes(),
          d.getUTCSeconds(),
        ),
      );
    } else d = new Date(d.getTime() + (INTERVAL_MS[sub.interval] ?? INTERVAL_MS.day!) * sub.interval_count);
  }
  return d.toISOString();
}

const getSubscriptionDetails: Command = async (ctx, a) => {
  const sub = await subscriptionOf(ctx, a.subscription_id);
  const prices = await ctx.trx
    .selectFrom('prices')
    .select('id')
    .where('account_id', '=', ctx.account.id)
    .where('product_id', '=', sub.product_id)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const point = Math.max(1, prices.findIndex((p) => p.id === sub.price_id) + 1);
  return success(undefined, undefined, {
    subscription_details: subscriptionDetails(sub, point, nextPayment(sub, ctx.now)),
  });
};

const transactionsFromLead: Command = async (ctx) => {
  const lead = await liveLead(ctx);
  const orders = await ctx.trx
    .selectFrom('orders')
    .selectAll()
    .where('account_id', '=', ctx.account.id)
    .where('lead_id', '=', lead.id)
    .where('status', '!=', 'pending')
    .orderBy('id')
    .execute();
  const subs = await ctx.trx
    .selectFrom('subscriptions')
    .select(['order_id', 'status'])
    .where('account_id', '=', ctx.account.id)
    .where('lead_id', '=', lead.id)
    .execute();
  const cancelled = new Set(subs.filter((s) => s.status === 'cancelled').map((s) => s.order_id));
  const list: Record<string, string>[] = [];
  const row = (o: OrderRow, transaction_type: string) => ({
    transaction_id: String(o.id),
    lead_id: String(lead.id),
    lead_email: lead.email,
    transaction_type,
  });
  for (const o of orders) {
    list.push(row(o, typeOfOrder(o)));
    if (o.status === 'refunded') list.push(row(o, 'refund'));
    if (cancelled.has(o.id)) list.push(row(o, 'cancellation'));
  }
  return success(undefined, undefined, { transaction_list: list });
};

async function subscriptionsOfLead(ctx: CommandCtx) {
  const lead = await liveLead(ctx);
  const subs = await ctx.trx
    .selectFrom('subscriptions')
    .select(['id', 'status', 'gateway_ref'])
    .where('account_id', '=', ctx.account.id)
    .where('lead_id', '=', lead.id)
    .orderBy('id')
    .execute();
  return { lead, subs };
}

const subscriptionsFromLead: Command = async (ctx) => {
  const { lead, subs } = await subscriptionsOfLead(ctx);
  return success(undefined, undefined, {
    subscriptions_list: subs.map((s) => ({
      subscription_id: String(s.id),
      lead_id: String(lead.id),
      lead_email: lead.email,
      subscription_status: subscriptionStatusWord(s.status),
    })),
  });
};

/** The 2021 name and shape (subscription_list with transaction_* and buyer_* keys). */
const legacySubscriptionsFromLead: Command = async (ctx) => {
  const { lead, subs } = await subscriptionsOfLead(ctx);
  return success(undefined, undefined, {
    subscription_list: subs.map((s) => ({
      transaction_subscription_id: s.gateway_ref ?? String(s.id),
      transaction_internal_subscription_id: String(s.id),
      transaction_subscription_status: subscriptionStatusWord(s.status),
      buyer_id: String(lead.id),
      buyer_email: lead.email,
    })),
  });
};

export const commerceCommands: Record<string, Command> = {
  search_transaction: searchTransaction,
  get_transaction_details: getTransactionDetails,
  refund_transaction: refundTransaction,
  cancel_transaction: cancelTransaction,
  modify_subscription_status: modifySubscriptionStatus,
  edit_subscription: editSubscription,
  search_subscription: searchSubscription,
  get_subscription_details: getSubscriptionDetails,
  retrieve_transactions_from_lead: transactionsFromLead,
  retrieve_subscriptions_from_lead: subscriptionsFromLead,
  get_subscriptions_from_lead: legacySubscriptionsFromLead,
};
