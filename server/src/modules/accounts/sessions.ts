import type { Account, DbOrTrx } from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import { DAY, iso } from '../../lib/clock.js';
import { hashSecret, randomToken, sha256, verifySecret } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import { findAccountById, findAccountByLogin } from './service.js';
import { assertIpNotBlocked, clearLoginFailures, recordLoginFailure } from './throttle.js';

/** Browser sessions: an opaque cookie whose SHA-256 is the row id, plus a CSRF token. */

export type SessionRecord = { id: string; account_id: number; csrf_token: string; expires_at: string };
export type OpenedSession = { cookie: string; csrfToken: string; account: Account };

export const inactiveError = () => new AppError(403, 'account_inactive', 'This account is not active');

// Verifying against a fixed hash when the login is unknown keeps the timing the same,
// so response time does not reveal which logins exist.
let dummyHash: Promise<string> | undefined;
const timingDummy = () => {
  dummyHash ??= hashSecret('timing-equaliser');
  return dummyHash;
};

export async function openSession(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  account: Account,
  meta: { ip: string; userAgent?: string },
  db: DbOrTrx = deps.db,
): Promise<OpenedSession> {
  const cookie = randomToken();
  const csrfToken = randomToken(24);
  const now = deps.clock.now();
  await db
    .insertInto('sessions')
    .values({
      id: sha256(cookie),
      account_id: account.id,
      csrf_token: csrfToken,
      created_at: iso(now),
      expires_at: iso(new Date(now.getTime() + deps.config.sessionDays * DAY)),
      last_seen_at: iso(now),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { cookie, csrfToken, account };
}

export async function login(
  deps: AppDeps,
  input: { login: string; password: string },
  meta: { ip: string; userAgent?: string },
): Promise<OpenedSession> {
  await assertIpNotBlocked(deps, meta.ip);
  const account = await findAccountByLogin(deps.db, input.login);
  const ok = account
    ? await verifySecret(account.password_hash, input.password)
    : await verifySecret(await timingDummy(), input.password).then(() => false);
  if (!account || !ok) {
    const blocked = await recordLoginFailure(deps, meta.ip, input.login);
    throw blocked ?? new AppError(401, 'invalid_credentials', 'The login or the password is not correct.');
  }
  await clearLoginFailures(deps, meta.ip);
  if (account.active !== 1) throw inactiveError();
  return openSession(deps, account, meta);
}

/** The session and its account for a cookie value, or undefined when unknown or expired. */
export async function resolveSession(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  cookie: string,
): Promise<{ session: SessionRecord; account: Account } | undefined> {
  const now = deps.clock.now();
  const session = await deps.db
    .selectFrom('sessions')
    .select(['id', 'account_id', 'csrf_token', 'expires_at', 'last_seen_at'])
    .where('id', '=', sha256(cookie))
    .executeTakeFirst();
  if (!session || session.expires_at <= iso(now)) return undefined;
  const account = await findAccountById(deps.db, session.account_id);
  if (!account) return undefined;
  // Touch at most once a minute: a write per request would serialise reads on SQLite.
  if (now.getTime() - Date.parse(session.last_seen_at) > 60_000) {
    await deps.db
      .updateTable('sessions')
      .set({ last_seen_at: iso(now) })
      .where('id', '=', session.id)
      .execute();
  }
  return { session, account };
}

export async function closeSession(deps: Pick<AppDeps, 'db'>, sessionId: string): Promise<void> {
  await deps.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Sets a new password chosen by the owner; ends every other session of the account. */
export async function changePassword(
  deps: AppDeps,
  account: Account,
  input: { current_password: string; new_password: string },
  keepSessionId: string | undefined,
): Promise<Account> {
  if (!(await verifySecret(account.password_hash, input.current_password))) {
    throw new AppError(403, 'invalid_password', 'The current password is not correct. Nothing was changed.');
  }
  if (input.new_password === input.current_password) {
    throw new AppError(400, 'weak_password', 'Choose a new password that differs from the current one.', {
      field: 'new_password',
    });
  }
  if (input.new_password.toLowerCase().includes(account.username)) {
    throw new AppError(
      400,
      'weak_password',
      'The password may not contain the username. Choose another password.',
      { field: 'new_password' },
    );
  }
  const hash = await hashSecret(input.new_password);
  const now = iso(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    let others = trx.deleteFrom('sessions').where('account_id', '=', account.id);
    if (keepSessionId) others = others.where('id', '!=', keepSessionId);
    await others.execute();
    return trx
      .updateTable('accounts')
      .set({ password_hash: hash, must_change_password: 0, updated_at: now })
      .where('id', '=', account.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}
