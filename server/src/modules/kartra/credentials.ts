import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { runPrepared } from '../../db/prepared.js';
import type { Account, KartraAppStatus } from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import { iso } from '../../lib/clock.js';
import { safeEqual, sha256 } from '../../lib/crypto.js';
import { conflict, notFound } from '../../lib/errors.js';
import type { AppOut, CredentialsOut } from './schema.js';

/**
 * API credentials (one api_key/api_password pair per account, stored as SHA-256 only, shown once)
 * and apps (the app ids that called, or that the owner registered). Kartra's keys are long random
 * strings: SHA-256 is the right hash for them (argon2 is for passwords a person chooses, and would
 * cost 50 ms a call).
 */

export const RATE_LIMIT_PER_SECOND = 20;

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
const randomKey = (length: number) => {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
};

const hintOf = (key: string) => `${key.slice(0, 4)}…${key.slice(-4)}`;

export async function getCredentials(deps: Pick<AppDeps, 'db'>, accountId: number): Promise<CredentialsOut> {
  const row = await deps.db
    .selectFrom('kartra_credentials')
    .select(['api_key_hint', 'restrict_apps', 'created_at', 'updated_at'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return {
    configured: !!row,
    api_key: row ? row.api_key_hint : null,
    api_password: row ? '••••••••' : null,
    restrict_apps: row?.restrict_apps === 1,
    created_at: row?.updated_at ?? null,
  };
}

/** A new pair, shown once; the old pair stops working with this commit. */
export async function regenerateCredentials(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  accountId: number,
): Promise<{ api_key: string; api_password: string }> {
  const apiKey = randomKey(24);
  const apiPassword = randomKey(32);
  const now = iso(deps.clock.now());
  await deps.db
    .insertInto('kartra_credentials')
    .values({
      account_id: accountId,
      api_key_hash: sha256(apiKey),
      api_password_hash: sha256(apiPassword),
      api_key_hint: hintOf(apiKey),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('account_id').doUpdateSet({
        api_key_hash: sha256(apiKey),
        api_password_hash: sha256(apiPassword),
        api_key_hint: hintOf(apiKey),
        updated_at: now,
      }),
    )
    .execute();
  return { api_key: apiKey, api_password: apiPassword };
}

export async function setRestrictApps(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  accountId: number,
  restrict: boolean,
): Promise<CredentialsOut> {
  const res = await deps.db
    .updateTable('kartra_credentials')
    .set({ restrict_apps: restrict ? 1 : 0 })
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!Number(res.numUpdatedRows))
    throw conflict(
      'no_credentials',
      'Create the API key first (Regenerate), then choose which apps may call.',
    );
  return getCredentials(deps, accountId);
}

export type ResolvedCaller =
  | { ok: true; account: Account; restrictApps: boolean }
  | { ok: false; type: 202 | 203 | 233 | 204 };

/** Kartra's first checks, in its order: key empty (202), key unknown (203), password (233), account (204). */
export async function resolveCaller(
  deps: Pick<AppDeps, 'db'>,
  apiKey: string,
  apiPassword: string,
): Promise<ResolvedCaller> {
  if (!apiKey) return { ok: false, type: 202 };
  const [row] = await runPrepared(
    deps.db,
    'resolveCaller',
    (p) =>
      deps.db
        .selectFrom('kartra_credentials as c')
        .innerJoin('accounts as a', 'a.id', 'c.account_id')
        .selectAll('a')
        .select(['c.api_password_hash', 'c.restrict_apps'])
        .where('c.api_key_hash', '=', p(0)),
    [sha256(apiKey)],
  );
  if (!row) return { ok: false, type: 203 };
  if (!apiPassword || !safeEqual(sha256(apiPassword), row.api_password_hash)) return { ok: false, type: 233 };
  const { api_password_hash: _h, restrict_apps, ...account } = row;
  if (account.active !== 1) return { ok: false, type: 204 };
  return { ok: true, account: account as Account, restrictApps: restrict_apps === 1 };
}

export type AppCheck = { status: KartraAppStatus; windowCount: number };

/**
 * Records one call of an app and counts it in the app's current one-second window, in one
 * statement (the app row is created on its first call, as a `seen` app). Returns the app's status
 * and the calls in the window, this one included.
 */
export async function countAppCall(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  accountId: number,
  appId: string,
): Promise<AppCheck> {
  const now = deps.clock.now();
  const second = Math.floor(now.getTime() / 1000);
  const t = iso(now);
  const [row] = await runPrepared(
    deps.db,
    'countAppCall',
    (p) =>
      deps.db
        .insertInto('kartra_apps')
        .values({
          account_id: p(0),
          app_id: p(1),
          name: null,
          status: 'seen',
          calls: 1,
          window_start: p(2),
          window_count: 1,
          first_seen_at: p(3),
          last_seen_at: p(3),
          created_at: p(3),
        })
        .onConflict((oc) =>
          oc.columns(['account_id', 'app_id']).doUpdateSet({
            calls: sql`kartra_apps.calls + 1`,
            window_count: sql`case when kartra_apps.window_start = ${p(2)} then kartra_apps.window_count + 1 else 1 end`,
            window_start: p(2),
            last_seen_at: p(3),
            first_seen_at: sql`coalesce(kartra_apps.first_seen_at, ${p(3)})`,
          }),
        )
        .returning(['status', 'window_count']),
    [accountId, appId, second, t],
  );
  if (!row) throw new Error('the app row was not written');
  return { status: row.status, windowCount: Number(row.window_count) };
}

/** Counts a call the app checks refused (unregistered or blocked app). */
export async function countRefused(deps: Pick<AppDeps, 'db'>, accountId: number, appId: string) {
  await deps.db
    .updateTable('kartra_apps')
    .set({ refused: sql`refused + 1` })
    .where('account_id', '=', accountId)
    .where('app_id', '=', appId)
    .execute();
}

const appOut = (r: {
  id: number;
  app_id: string;
  name: string | null;
  status: KartraAppStatus;
  calls: number;
  refused: number;
  first_seen_at: string | null;
  last_seen_at: string | null;
  created_at: string;
}): AppOut => ({
  id: r.id,
  app_id: r.app_id,
  name: r.name,
  status: r.status,
  calls: Number(r.calls),
  refused: Number(r.refused),
  first_seen_at: r.first_seen_at,
  last_seen_at: r.last_seen_at,
  created_at: r.created_at,
});

const appColumns = [
  'id',
  'app_id',
  'name',
  'status',
  'calls',
  'refused',
  'first_seen_at',
  'last_seen_at',
  'created_at',
] as const;

export async function listApps(deps: Pick<AppDeps, 'db'>, accountId: number): Promise<AppOut[]> {
  const rows = await deps.db
    .selectFrom('kartra_apps')
    .select(appColumns)
    .where('account_id', '=', accountId)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(appOut);
}

/** Registers an app id (or renames a registered one); a seen or blocked app becomes registered. */
export async function registerApp(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  accountId: number,
  body: { app_id: string; name?: string | null | undefined },
): Promise<AppOut> {
  const t = iso(deps.clock.now());
  const row = await deps.db
    .insertInto('kartra_apps')
    .values({
      account_id: accountId,
      app_id: body.app_id,
      name: body.name ?? null,
      status: 'registered',
      created_at: t,
    })
    .onConflict((oc) =>
      oc
        .columns(['account_id', 'app_id'])
        .doUpdateSet({ status: 'registered', name: sql`coalesce(${body.name ?? null}, kartra_apps.name)` }),
    )
    .returning(appColumns)
    .executeTakeFirstOrThrow();
  return appOut(row);
}

export async function setAppStatus(
  deps: Pick<AppDeps, 'db'>,
  accountId: number,
  id: number,
  patch: { status?: KartraAppStatus | undefined; name?: string | null | undefined },
): Promise<AppOut> {
  const set: { status?: KartraAppStatus; name?: string | null } = {};
  if (patch.status) set.status = patch.status;
  if (patch.name !== undefined) set.name = patch.name;
  const q = Object.keys(set).length
    ? deps.db.updateTable('kartra_apps').set(set).where('id', '=', id).where('account_id', '=', accountId)
    : undefined;
  if (q) await q.execute();
  const row = await deps.db
    .selectFrom('kartra_apps')
    .select(appColumns)
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!row) throw notFound('This app');
  return appOut(row);
}

export async function deleteApp(deps: Pick<AppDeps, 'db'>, accountId: number, id: number): Promise<void> {
  const res = await deps.db
    .deleteFrom('kartra_apps')
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!Number(res.numDeletedRows)) throw notFound('This app');
}
