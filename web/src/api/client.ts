import createClient from 'openapi-fetch';
import { getCsrfToken, rememberCsrfFrom } from './csrf';
import { ApiError, networkError, toApiError } from './errors';
// Swap point: `npm run gen:api` regenerates this file from the server's OpenAPI document.
import type { paths } from './schema';

/** Typed client for the admin API. Same origin, so the session cookie rides along. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

api.use({
  onRequest({ request }) {
    const token = getCsrfToken();
    if (token && !SAFE_METHODS.has(request.method)) request.headers.set('X-CSRF-Token', token);
    return request;
  },
});

type AuthLostListener = (reason: 'not_authenticated' | 'password_change_required' | 'csrf_failed') => void;
let onAuthLost: AuthLostListener = () => {};

/**
 * Lets the app react when any call finds the session gone, locked to a password change, or its
 * CSRF token stale (e.g. the session was renewed in another tab): re-reading the session fixes it.
 */
export function setAuthLostListener(listener: AuthLostListener) {
  onAuthLost = listener;
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/**
 * Awaits an openapi-fetch call and returns its data, or throws an ApiError whose message is
 * fit to show. Every call in the app goes through here, so CSRF bookkeeping and
 * session-loss handling live in one place.
 */
export async function unwrap<T>(call: Promise<Result<T>>, opts: { quiet401?: boolean } = {}): Promise<T> {
  let result: Result<T>;
  try {
    result = await call;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw networkError();
  }
  const { response } = result;
  if (!response.ok) {
    const err = toApiError(response.status, result.error);
    if (err.code === 'not_authenticated' && !opts.quiet401) onAuthLost('not_authenticated');
    if (err.code === 'password_change_required') onAuthLost('password_change_required');
    if (err.code === 'csrf_failed') onAuthLost('csrf_failed');
    throw err;
  }
  rememberCsrfFrom(result.data);
  return result.data as T;
}
