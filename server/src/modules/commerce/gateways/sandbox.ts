import { createHmac } from 'node:crypto';
import type { AppDeps } from '../../../deps.js';
import { safeEqual } from '../../../lib/crypto.js';
import { AppError, badRequest } from '../../../lib/errors.js';
import { type SandboxEvent, sandboxEvent } from '../schema.js';
import { existingSandboxSecret, sandboxSecret } from '../settings.js';
import type { Fact, Gateway } from './types.js';

/**
 * The built-in test gateway. Its pay page (served by the checkout routes) completes or declines
 * a payment by signing a webhook with the account's sandbox secret and handing it to the same
 * function the `POST /webhooks/sandbox/{username}` route calls — exactly what an outside
 * gateway does. Signature: `Atrium-Signature: t=<unix seconds>,v1=hex(hmac_sha256(secret, t + "." + body))`.
 */

export const SANDBOX_SIGNATURE_HEADER = 'atrium-signature';
/** Signatures older or newer than this are refused (replay protection). */
export const SIGNATURE_TOLERANCE_S = 300;

export const signSandbox = (secret: string, body: string, t: number): string =>
  `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;

function parseSignature(header: string): { t: number; v1: string[] } | undefined {
  let t: number | undefined;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && v && /^\d{1,12}$/.test(v)) t = Number(v);
    if (k === 'v1' && v && /^[0-9a-f]{64}$/.test(v)) v1.push(v);
  }
  return t !== undefined && v1.length ? { t, v1 } : undefined;
}

const parseBody = (raw: string): SandboxEvent | undefined => {
  try {
    const parsed = sandboxEvent.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

export function sandboxFact(e: SandboxEvent): Fact {
  const { order_id: orderId, subscription_id: subscriptionId } = e.data;
  switch (e.type) {
    case 'checkout.completed':
      return { kind: 'completed', orderId };
    case 'payment.failed':
      return { kind: 'failed', orderId, subscriptionId };
    case 'refund':
      return { kind: 'refund', orderId };
    case 'subscription.cancelled':
      return { kind: 'cancelled', orderId, subscriptionId };
  }
}

/** A signed sandbox webhook, as the pay page, the test purchase and the benchmark send it. */
export async function signedSandboxWebhook(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  accountId: number,
  event: SandboxEvent,
): Promise<{ body: string; signature: string }> {
  const body = JSON.stringify(event);
  const secret = await sandboxSecret(deps, accountId);
  return { body, signature: signSandbox(secret, body, Math.floor(deps.clock.now().getTime() / 1000)) };
}

export const sandboxGateway: Gateway = {
  name: 'sandbox',
  async startPayment(_deps, p) {
    return { url: `/checkout/${p.product.slug}/pay/${p.order.public_token}` };
  },
  async verifyWebhook(deps, accountId, raw, headers) {
    const header = headers[SANDBOX_SIGNATURE_HEADER];
    const sig = typeof header === 'string' ? parseSignature(header) : undefined;
    if (!sig)
      throw badRequest(
        'signature_missing',
        'The Atrium-Signature header is missing or malformed (expected t=<seconds>,v1=<hex>).',
      );
    const secret = await existingSandboxSecret(deps.db, accountId);
    const now = Math.floor(deps.clock.now().getTime() / 1000);
    const expected = secret ? signSandbox(secret, raw, sig.t).split('v1=')[1]! : '';
    if (!secret || !sig.v1.some((v) => safeEqual(v, expected)))
      throw new AppError(
        401,
        'bad_signature',
        'The webhook signature does not match this account’s sandbox secret.',
      );
    if (Math.abs(now - sig.t) > SIGNATURE_TOLERANCE_S)
      throw new AppError(
        401,
        'stale_signature',
        'The webhook signature is too old or from the future (5 minutes at most).',
      );
    const event = parseBody(raw);
    if (!event)
      throw badRequest(
        'bad_webhook',
        'The webhook body is not a sandbox event {id, type, created, data: {order_id?, subscription_id?}}.',
      );
    return { eventId: event.id, type: event.type, created: new Date(event.created * 1000) };
  },
  factOf(raw) {
    const event = parseBody(raw);
    return event ? sandboxFact(event) : null;
  },
  async refund() {},
  async cancelSubscription() {},
  async ready() {
    return { ok: true, message: 'The built-in sandbox gateway needs no set-up (no money moves).', fix: null };
  },
};
