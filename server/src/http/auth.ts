import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../db/types.js';
import type { AppDeps } from '../deps.js';
import { safeEqual } from '../lib/crypto.js';
import { AppError } from '../lib/errors.js';
import { inactiveError, resolveSession, type SessionRecord } from '../modules/accounts/sessions.js';
import { resolveToken } from '../modules/accounts/tokens.js';

/**
 * Who is calling an /api/v1 route. Each route says how much it needs in `config.auth`:
 * - `public`: anyone (signup, login, password reset);
 * - `password_change`: a signed-in owner, even one who must change a temporary password first;
 * - `account` (default): a signed-in, active owner who has no password change pending.
 * Cookie sessions must send X-CSRF-Token on state changes; bearer tokens need not.
 */

export type AuthMode = 'public' | 'password_change' | 'account';
export type Auth =
  | { via: 'session'; account: Account; session: SessionRecord }
  | { via: 'token'; account: Account; tokenId: number };

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthMode;
  }
  interface FastifyRequest {
    auth: Auth | null;
  }
}

export const SESSION_COOKIE = 'atrium_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authHook(deps: AppDeps) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const mode: AuthMode = req.routeOptions.config?.auth ?? 'account';
    req.auth = null;
    const header = req.headers.authorization;
    if (header?.toLowerCase().startsWith('bearer ')) {
      const found = await resolveToken(deps, header.slice(7).trim());
      if (!found)
        throw new AppError(
          401,
          'invalid_token',
          'The access token is not valid. Create a new one in Settings → API tokens.',
        );
      req.auth = { via: 'token', account: found.account, tokenId: found.tokenId };
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      const found = cookie ? await resolveSession(deps, cookie) : undefined;
      if (found) {
        req.auth = { via: 'session', account: found.account, session: found.session };
        if (mode !== 'public' && !SAFE_METHODS.has(req.method)) {
          const sent = req.headers['x-csrf-token'];
          if (typeof sent !== 'string' || !safeEqual(sent, found.session.csrf_token)) {
            throw new AppError(
              403,
              'csrf_failed',
              'The request is missing its security token. Reload the page and try again.',
            );
          }
        }
      }
    }
    if (mode === 'public') return;
    if (!req.auth) throw new AppError(401, 'not_authenticated', 'Please log in first.');
    if (req.auth.account.active !== 1) throw inactiveError();
    if (mode === 'account' && req.auth.account.must_change_password === 1) {
      throw new AppError(403, 'password_change_required', 'Choose a new password before you continue.');
    }
  };
}

/** The caller of a route that is not public. */
export function callerOf(req: FastifyRequest): Auth {
  if (!req.auth) throw new AppError(401, 'not_authenticated', 'Please log in first.');
  return req.auth;
}
