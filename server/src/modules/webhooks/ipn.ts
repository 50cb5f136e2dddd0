import { z } from 'zod';
import type { DbOrTrx, EventRow } from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import { iso } from '../../lib/clock.js';
import { randomToken } from '../../lib/crypto.js';
import { notFound, unprocessable } from '../../lib/errors.js';
import type { EventSubscriber } from '../../worker/types.js';
import { checkWebhookUrl, WebhookRefused } from '../automations/webhook.js';
import { kartraTime } from '../kartra/details.js';
import { transactionDetails } from '../kartra/transactions.js';
import { COMMERCE_EVENTS, commerceTransaction, queueDelivery } from './service.js';

/**
 * Per-product payment notifications (Kartra's IPN, kartra-api.md §4.1): a form POST of Kartra's
 * variables to the product's URL on every sale, refund and cancellation, with the notification's
 * `secret_key`, and "N/A" for every empty value. Delivered like webhooks (kind `ipn`): logged,
 * retried with backoff, SSRF-guarded.
 */

export const IPN_SUBSCRIBER = 'ipn';

export const ipnBody = z.object({
  url: z.string().trim().min(1, 'must not be empty').max(2000),
  secret_key: z.string().trim().min(8, 'must be at least 8 characters').max(200).optional(),
  active: z.boolean().optional(),
});
export const ipnOut = z.object({
  product_id: z.number(),
  url: z.string(),
  secret_key: z.string(),
  active: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type IpnOut = z.infer<typeof ipnOut>;

const GDPR: Record<string, string> = { consented: '2', not_consented: '3', unknown: '4' };

/** The IPN variables of a transaction; empty values become "N/A". */
export async function ipnVariables(
  trx: Parameters<typeof transactionDetails>[0],
  accountId: number,
  tx: NonNullable<Awaited<ReturnType<typeof commerceTransaction>>>,
  secretKey: string,
): Promise<Record<string, string>> {
  const details = await transactionDetails(trx, accountId, tx.order, tx.kind, tx.at);
  const sub = await trx
    .selectFrom('subscriptions')
    .select(['installments', 'trial_ends_at', 'created_at'])
    .where('account_id', '=', accountId)
    .where('order_id', '=', tx.order.id)
    .executeTakeFirst();
  const lead =
    tx.order.lead_id === null
      ? undefined
      : await trx
          .selectFrom('leads')
          .select(['gdpr_status', 'gdpr_date', 'gdpr_ip'])
          .where('account_id', '=', accountId)
          .where('id', '=', tx.order.lead_id)
          .executeTakeFirst();
  const trialDays =
    sub?.trial_ends_at && sub.created_at
      ? Math.round((Date.parse(sub.trial_ends_at) - Date.parse(sub.created_at)) / 86_400_000)
      : 0;
  const vars: Record<string, string> = {
    ...details,
    transaction_subscription_pay_number: sub ? '1' : '',
    trial: trialDays > 0 ? '1' : '0',
    trial_amount: trialDays > 0 ? '0.00' : '',
    trial_period: trialDays > 0 ? String(trialDays) : '',
    payments_left: sub?.installments ? String(sub.installments) : '',
    secret_key: secretKey,
    vendor_tracking_id_1: '',
    vendor_tracking_id_2: '',
    vendor_tracking_link: '',
    gdpr_lead_status: lead ? (GDPR[lead.gdpr_status] ?? '4') : '',
    gdpr_lead_status_date: kartraTime(lead?.gdpr_date),
    gdpr_lead_status_ip: lead?.gdpr_ip ?? '',
    gdpr_lead_communications: lead?.gdpr_status === 'consented' ? '1' : '0',
  };
  for (const k of Object.keys(vars)) if (vars[k] === '') vars[k] = 'N/A';
  return vars;
}

const eventIds = z.looseObject({
  product_id: z.number().int(),
  order_id: z.number().int().optional(),
  subscription_id: z.number().int().optional(),
});

async function fanOutIpn(
  trx: DbOrTrx,
  event: EventRow,
  productId: number,
  ids: z.infer<typeof eventIds>,
  now: Date,
) {
  if (event.account_id === null) return;
  const ipn = await trx
    .selectFrom('product_ipns')
    .select(['id', 'url', 'secret_key'])
    .where('account_id', '=', event.account_id)
    .where('product_id', '=', productId)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (!ipn) return;
  const tx = await commerceTransaction(trx, event.account_id, event.type, ids);
  if (!tx) return;
  const vars = await ipnVariables(trx, event.account_id, tx, ipn.secret_key);
  await queueDelivery(trx, {
    accountId: event.account_id,
    kind: 'ipn',
    targetId: ipn.id,
    eventId: event.id,
    action: tx.kind,
    url: ipn.url,
    payload: new URLSearchParams(vars).toString(),
    now,
  });
}

const parseIds = (event: EventRow) => {
  if (event.account_id === null) return undefined;
  const p = eventIds.safeParse(JSON.parse(event.payload));
  return p.success ? p.data : undefined;
};

export const ipnSubscriber = (): EventSubscriber => ({
  name: IPN_SUBSCRIBER,
  events: Object.values(COMMERCE_EVENTS),
  async fanOut(trx, event, now) {
    const ids = parseIds(event);
    if (ids) await fanOutIpn(trx, event, ids.product_id, ids, now);
  },
  /** A burst of sales: which of their products have an IPN, read once; only those are looked at. */
  async fanOutBatch(trx, events, now) {
    const parsed = events.flatMap((event) => {
      const ids = parseIds(event);
      return ids ? [{ event, ids }] : [];
    });
    if (!parsed.length) return;
    const rows = await trx
      .selectFrom('product_ipns')
      .select(['account_id', 'product_id'])
      .where('account_id', 'in', [...new Set(parsed.map((p) => p.event.account_id!))])
      .where('product_id', 'in', [...new Set(parsed.map((p) => p.ids.product_id))])
      .where('active', '=', 1)
      .execute();
    const withIpn = new Set(rows.map((r) => `${r.account_id}:${r.product_id}`));
    for (const { event, ids } of parsed)
      if (withIpn.has(`${event.account_id}:${ids.product_id}`))
        await fanOutIpn(trx, event, ids.product_id, ids, now);
  },
});

// ---------------------------------------------------------------------------------------------
// Admin API

async function ownProduct(deps: Pick<AppDeps, 'db'>, accountId: number, productId: number) {
  const p = await deps.db
    .selectFrom('products')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!p) throw notFound('This product');
}

const out = (r: {
  product_id: number;
  url: string;
  secret_key: string;
  active: number;
  created_at: string;
  updated_at: string;
}): IpnOut => ({ ...r, active: r.active === 1 });

const columns = ['product_id', 'url', 'secret_key', 'active', 'created_at', 'updated_at'] as const;

export async function getIpn(deps: Pick<AppDeps, 'db'>, accountId: number, productId: number) {
  await ownProduct(deps, accountId, productId);
  const row = await deps.db
    .selectFrom('product_ipns')
    .select(columns)
    .where('account_id', '=', accountId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  if (!row) throw notFound("This product's payment notification");
  return out(row);
}

export async function putIpn(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  accountId: number,
  productId: number,
  body: z.infer<typeof ipnBody>,
): Promise<IpnOut> {
  await ownProduct(deps, accountId, productId);
  try {
    checkWebhookUrl(body.url, deps.config.webhookAllowPrivate);
  } catch (err) {
    if (err instanceof WebhookRefused) throw unprocessable('webhook_refused', err.message, { field: 'url' });
    throw err;
  }
  const t = iso(deps.clock.now());
  const secret = body.secret_key ?? randomToken(18);
  const row = await deps.db
    .insertInto('product_ipns')
    .values({
      account_id: accountId,
      product_id: productId,
      url: body.url,
      secret_key: secret,
      active: body.active === false ? 0 : 1,
      created_at: t,
      updated_at: t,
    })
    .onConflict((oc) =>
      oc.columns(['account_id', 'product_id']).doUpdateSet({
        url: body.url,
        ...(body.secret_key ? { secret_key: body.secret_key } : {}),
        active: body.active === false ? 0 : 1,
        updated_at: t,
      }),
    )
    .returning(columns)
    .executeTakeFirstOrThrow();
  return out(row);
}

export async function deleteIpn(deps: Pick<AppDeps, 'db'>, accountId: number, productId: number) {
  const res = await deps.db
    .deleteFrom('product_ipns')
    .where('account_id', '=', accountId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  if (!Number(res.numDeletedRows)) throw notFound("This product's payment notification");
}
