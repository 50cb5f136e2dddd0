import { z } from 'zod';
import { runPrepared } from '../../db/prepared.js';
import type { DbOrTrx } from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import { iso } from '../../lib/clock.js';
import { randomToken } from '../../lib/crypto.js';
import { siteUrl } from '../memberships/urls.js';
import type { StripeSettingsInput } from './schema.js';

/**
 * Gateway settings per account (`gateway_settings`, JSON per provider). The sandbox's signing
 * secret is generated on first use; Stripe's keys are the owner's. Secrets are stored as given
 * (the database is the trust boundary, like the SMTP password in the environment) and never
 * shown again in full.
 */

const sandboxSettings = z.object({ secret: z.string().min(16) });
const stripeSettings = z.object({
  secret_key: z.string().optional(),
  publishable_key: z.string().optional(),
  webhook_secret: z.string().optional(),
});
export type StripeSettings = z.infer<typeof stripeSettings>;

async function read(db: DbOrTrx, accountId: number, provider: string): Promise<unknown> {
  const [row] = await runPrepared(
    db,
    'commerce.gatewaySettings',
    (p) =>
      db
        .selectFrom('gateway_settings')
        .select('settings')
        .where('account_id', '=', p(0))
        .where('provider', '=', p(1)),
    [accountId, provider],
  );
  if (!row) return undefined;
  try {
    return JSON.parse(row.settings);
  } catch {
    return undefined;
  }
}

/** The account's sandbox signing secret, created on first use. */
export async function sandboxSecret(deps: Pick<AppDeps, 'db' | 'clock'>, accountId: number): Promise<string> {
  const parsed = sandboxSettings.safeParse(await read(deps.db, accountId, 'sandbox'));
  if (parsed.success) return parsed.data.secret;
  const secret = `sbx_${randomToken(24)}`;
  await deps.db
    .insertInto('gateway_settings')
    .values({
      account_id: accountId,
      provider: 'sandbox',
      settings: JSON.stringify({ secret }),
      updated_at: iso(deps.clock.now()),
    })
    .onConflict((oc) => oc.columns(['account_id', 'provider']).doNothing())
    .execute();
  const again = sandboxSettings.parse(await read(deps.db, accountId, 'sandbox'));
  return again.secret;
}

/** Sandbox secrets read, per database: one never changes once created, so it is kept. */
const knownSandboxSecrets = new WeakMap<object, Map<number, string>>();

/** The existing sandbox secret without creating one (webhook verification: once per delivery). */
export async function existingSandboxSecret(db: DbOrTrx, accountId: number): Promise<string | undefined> {
  let known = knownSandboxSecrets.get(db);
  const hit = known?.get(accountId);
  if (hit) return hit;
  const parsed = sandboxSettings.safeParse(await read(db, accountId, 'sandbox'));
  if (!parsed.success) return undefined;
  if (!known) {
    known = new Map();
    knownSandboxSecrets.set(db, known);
  }
  if (known.size >= 10_000) known.clear();
  known.set(accountId, parsed.data.secret);
  return parsed.data.secret;
}

export async function stripeSettingsOf(db: DbOrTrx, accountId: number): Promise<StripeSettings> {
  const parsed = stripeSettings.safeParse(await read(db, accountId, 'stripe'));
  return parsed.success ? parsed.data : {};
}

export async function saveStripeSettings(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  accountId: number,
  input: StripeSettingsInput,
): Promise<void> {
  const merged = { ...(await stripeSettingsOf(deps.db, accountId)) };
  for (const k of ['secret_key', 'publishable_key', 'webhook_secret'] as const)
    if (input[k] !== undefined) merged[k] = input[k];
  const settings = JSON.stringify(merged);
  const now = iso(deps.clock.now());
  await deps.db
    .insertInto('gateway_settings')
    .values({ account_id: accountId, provider: 'stripe', settings, updated_at: now })
    .onConflict((oc) => oc.columns(['account_id', 'provider']).doUpdateSet({ settings, updated_at: now }))
    .execute();
}

export async function clearStripeSettings(deps: Pick<AppDeps, 'db'>, accountId: number): Promise<void> {
  await deps.db
    .deleteFrom('gateway_settings')
    .where('account_id', '=', accountId)
    .where('provider', '=', 'stripe')
    .execute();
}

export const webhookUrl = (deps: Pick<AppDeps, 'config'>, provider: string, username: string) =>
  `${new URL(deps.config.adminUrl).origin}/webhooks/${provider}/${username}`;

export function stripeSettingsView(deps: Pick<AppDeps, 'config'>, username: string, s: StripeSettings) {
  return {
    configured: !!s.secret_key && !!s.webhook_secret,
    secret_key_last4: s.secret_key ? s.secret_key.slice(-4) : null,
    publishable_key: s.publishable_key ?? null,
    webhook_secret_set: !!s.webhook_secret,
    mode: s.secret_key ? (s.secret_key.includes('_live_') ? ('live' as const) : ('test' as const)) : null,
    webhook_url: webhookUrl(deps, 'stripe', username),
  };
}

export { siteUrl };
