import type { AppDeps } from '../../deps.js';
import { iso, MINUTE } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';

/**
 * Login throttling by IP, kept in the database so every replica sees it: after
 * LOGIN_MAX_FAILURES failures within LOGIN_FAILURE_WINDOW_MINUTES an IP is blocked for
 * IP_BLOCK_MINUTES. Other IPs are unaffected; an operator can lift a block early.
 */

const blockedError = (until: string) =>
  new AppError(
    429,
    'ip_blocked',
    `Too many failed logins from your network. Try again after ${until.slice(0, 16).replace('T', ' ')} UTC, or reset your password.`,
    { blocked_until: until },
  );

export async function assertIpNotBlocked(deps: Pick<AppDeps, 'db' | 'clock'>, ip: string): Promise<void> {
  const now = iso(deps.clock.now());
  const block = await deps.db
    .selectFrom('ip_blocks')
    .select('blocked_until')
    .where('ip', '=', ip)
    .executeTakeFirst();
  if (block && block.blocked_until > now) throw blockedError(block.blocked_until);
}

/** Records a failure; returns the block error when this failure crosses the threshold. */
export async function recordLoginFailure(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config' | 'log'>,
  ip: string,
  login: string,
): Promise<AppError | undefined> {
  const now = deps.clock.now();
  const { maxFailures, windowMinutes, blockMinutes } = deps.config.login;
  return deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('login_failures')
      .values({ ip, login: login.slice(0, 254), created_at: iso(now) })
      .execute();
    const since = iso(new Date(now.getTime() - windowMinutes * MINUTE));
    const { n } = await trx
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', ip)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    if (Number(n) < maxFailures) return undefined;
    const until = iso(new Date(now.getTime() + blockMinutes * MINUTE));
    await trx
      .insertInto('ip_blocks')
      .values({ ip, blocked_until: until, created_at: iso(now) })
      .onConflict((oc) => oc.column('ip').doUpdateSet({ blocked_until: until, created_at: iso(now) }))
      .execute();
    await trx.deleteFrom('login_failures').where('ip', '=', ip).execute();
    deps.log.warn({ ip, until }, 'IP blocked after repeated failed logins');
    return blockedError(until);
  });
}

export async function clearLoginFailures(deps: Pick<AppDeps, 'db'>, ip: string): Promise<void> {
  await deps.db.deleteFrom('login_failures').where('ip', '=', ip).execute();
}

/** Operator action: lifts a block. Returns whether there was one. */
export async function unblockIp(deps: Pick<AppDeps, 'db'>, ip: string): Promise<boolean> {
  const res = await deps.db.deleteFrom('ip_blocks').where('ip', '=', ip).executeTakeFirst();
  await deps.db.deleteFrom('login_failures').where('ip', '=', ip).execute();
  return Number(res.numDeletedRows) > 0;
}
