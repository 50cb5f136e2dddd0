/**
 * The CSRF token of the current session. The server hands it out in every reply that opens or
 * renews a session (session, signup, login, password change); the client echoes it on writes.
 * Kept in memory only: a reload re-reads it from `GET /api/v1/session`.
 */
let token: string | null = null;

export const getCsrfToken = () => token;

export function setCsrfToken(next: string | null) {
  token = next;
}

/** Picks `csrf_token` out of any reply that carries one. */
export function rememberCsrfFrom(data: unknown) {
  if (typeof data === 'object' && data !== null && 'csrf_token' in data) {
    const t = (data as { csrf_token: unknown }).csrf_token;
    if (typeof t === 'string') token = t;
  }
}
