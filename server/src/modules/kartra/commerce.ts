import { type CommandCtx, liveLead } from './context.js';
import { type Answer, fail, type Param, str, success } from './wire.js';

/**
 * Transaction and subscription commands (kartra-api.md §2.4). Parameter checks come first, in
 * Kartra's order; then the transaction or subscription is looked up in the account.
 */

type Command = (ctx: CommandCtx, action: Record<string, Param>) => Promise<Answer>;

const idParam = (v: Param | undefined): number | null => {
  const s = str(v);
  return /^\d+$/.test(s) ? Number(s) : null;
};

/** A transaction id that names none of the account's transactions: 247. */
const transactionCommand: Command = async (_ctx, a) => {
  idParam(a.transaction_id);
  return fail(247);
};

const cancelTransaction: Command = async (_ctx, a) => {
  if (str(a.transaction_id)) return fail(247);
  return fail(248);
};

const subscriptionCommand: Command = async (_ctx, a) => {
  idParam(a.subscription_id);
  return fail(248);
};

const requireLead = (ctx: CommandCtx) => liveLead(ctx);

const transactionsFromLead: Command = async (ctx) => {
  await requireLead(ctx);
  return success(undefined, undefined, { transaction_list: [] });
};

const subscriptionsFromLead: Command = async (ctx) => {
  await requireLead(ctx);
  return success(undefined, undefined, { subscriptions_list: [] });
};

const legacySubscriptionsFromLead: Command = async (ctx) => {
  await requireLead(ctx);
  return success(undefined, undefined, { subscription_list: [] });
};

export const commerceCommands: Record<string, Command> = {
  search_transaction: transactionCommand,
  get_transaction_details: transactionCommand,
  refund_transaction: transactionCommand,
  cancel_transaction: cancelTransaction,
  modify_subscription_status: subscriptionCommand,
  edit_subscription: subscriptionCommand,
  search_subscription: subscriptionCommand,
  get_subscription_details: subscriptionCommand,
  retrieve_transactions_from_lead: transactionsFromLead,
  retrieve_subscriptions_from_lead: subscriptionsFromLead,
  get_subscriptions_from_lead: legacySubscriptionsFromLead,
};
