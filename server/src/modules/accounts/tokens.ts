import type { Account } from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import { iso } from '../../lib/clock.js';
import { randomToken, sha256 } from '../../lib/crypto.js';
import { notFound } from '../../lib/errors.js';
import { findAccountById } from './service.js';

/** Personal access tokens for scripts: `Authorization: Bearer atr_…`, stored as SHA-256 only. */

export const TOKEN_PREFIX = 'atr_';

export async function createToken(deps: Pick<AppDeps, 'db' | 'clock'>, accountId: number, name: string) {
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  const row = await deps.db
    .insertInto('api_tokens')
    .values({
      account_id: accountId,
      name,
      token_hash: sha256(token),
      created_at: iso(deps.clock.now()),
      last_used_at: null,
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, token };
}

export async function listTokens(deps: Pick<AppDeps, 'db'>, accountId: number) {
  return deps.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('account_id', '=', accountId)
    .orderBy('id', 'desc')
    .execute();
}

export async function deleteToken(deps: Pick<AppDeps, 'db'>, accountId: number, id: number): Promise<void> {
  const res = await deps.db
    .deleteFrom('api_tokens')
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw notFound('The token');
}

export async function resolveToken(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  token: string,
): Promise<{ tokenId: number; account: Account } | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const row = await deps.db
    .selectFrom('api_tokens')
    .select(['id', 'account_id', 'last_used_at'])
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row) return undefined;
  const account = await findAccountById(deps.db, row.account_id);
  if (!account) return undefined;
  const now = deps.clock.now();
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await deps.db
      .updateTable('api_tokens')
      .set({ last_used_at: iso(now) })
      .where('id', '=', row.id)
      .execute();
  }
  return { tokenId: row.id, account };
}
