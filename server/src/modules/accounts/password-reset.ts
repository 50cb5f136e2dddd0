import type { AppDeps } from '../../deps.js';
import { HOUR, iso } from '../../lib/clock.js';
import { hashSecret, randomToken, readablePassword, sha256 } from '../../lib/crypto.js';
import { AppError } from '../../lib/errors.js';
import { queueMail } from '../mail/service.js';
import { passwordResetMail } from '../mail/templates.js';
import { normalizeEmail } from './service.js';

/**
 * Password reset: a one-time link by mail; opening it sets a temporary password that must be
 * changed before anything else. The request always answers the same, so it reveals nothing.
 */

const VALID_HOURS = 2;
// At most this many reset mails per account per hour, so nobody can flood an owner's inbox.
const MAX_MAILS_PER_HOUR = 5;

export async function requestPasswordReset(deps: AppDeps, email: string): Promise<void> {
  const now = deps.clock.now();
  const queued = await deps.db.transaction().execute(async (trx) => {
    const account = await trx
      .selectFrom('accounts')
      .selectAll()
      .where('email_normalized', '=', normalizeEmail(email))
      .executeTakeFirst();
    if (!account) return false;
    const recent = await trx
      .selectFrom('one_time_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', account.id)
      .where('purpose', '=', 'password_reset')
      .where('created_at', '>', iso(new Date(now.getTime() - HOUR)))
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= MAX_MAILS_PER_HOUR) return false;
    const token = randomToken();
    await trx
      .insertInto('one_time_tokens')
      .values({
        token_hash: sha256(token),
        account_id: account.id,
        purpose: 'password_reset',
        data: null,
        created_at: iso(now),
        expires_at: iso(new Date(now.getTime() + VALID_HOURS * HOUR)),
        used_at: null,
      })
      .execute();
    const link = `${deps.config.adminUrl}/reset/${token}`;
    await queueMail(trx, passwordResetMail(account.email, account.name, link, VALID_HOURS), {
      accountId: account.id,
      at: now,
    });
    return true;
  });
  if (queued) deps.wake();
}

/** Redeems a reset link: returns the temporary password and ends the account's sessions. */
export async function redeemPasswordReset(
  deps: AppDeps,
  token: string,
): Promise<{ temporaryPassword: string; login: string }> {
  const temporaryPassword = readablePassword();
  const hash = await hashSecret(temporaryPassword);
  const now = iso(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('one_time_tokens')
      .select(['token_hash', 'account_id', 'used_at', 'expires_at'])
      .where('token_hash', '=', sha256(token))
      .where('purpose', '=', 'password_reset')
      .executeTakeFirst();
    if (!row || row.used_at || row.expires_at <= now) {
      throw new AppError(
        404,
        'reset_link_invalid',
        'This reset link is invalid, used or expired. Ask for a new one.',
      );
    }
    // Every outstanding reset link of the account dies with this one.
    await trx
      .updateTable('one_time_tokens')
      .set({ used_at: now })
      .where('account_id', '=', row.account_id)
      .where('purpose', '=', 'password_reset')
      .where('used_at', 'is', null)
      .execute();
    await trx.deleteFrom('sessions').where('account_id', '=', row.account_id).execute();
    const account = await trx
      .updateTable('accounts')
      .set({ password_hash: hash, must_change_password: 1, updated_at: now })
      .where('id', '=', row.account_id)
      .returning(['username'])
      .executeTakeFirstOrThrow();
    return { temporaryPassword, login: account.username };
  });
}
