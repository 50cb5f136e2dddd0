import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { setCsrfToken } from './csrf';
import { ApiError } from './errors';
import type { Account, RequestOf, Session } from './types';

export const sessionKey = ['session'] as const;

/** The current session, or null when nobody is logged in (401 is an answer here, not an error). */
async function fetchSession(): Promise<Session | null> {
  try {
    return await unwrap(api.GET('/api/v1/session'), { quiet401: true });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

// A minute of freshness: navigation re-validates now and then, so an expired session is noticed.
export const sessionQuery = queryOptions({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });

export const useSession = () => useQuery(sessionQuery);

/** The logged-in account. Only for screens behind the auth guard, which guarantees a session. */
export function useAccount(): Account {
  const { data } = useQuery(sessionQuery);
  if (!data) throw new Error('useAccount() used outside an authenticated screen');
  return data.account;
}

/** Replaces the cached session; a different person may now be logged in, so drop everything else. */
function useStartSession() {
  const qc = useQueryClient();
  return (session: Session) => {
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
    qc.setQueryData(sessionKey, session);
  };
}

export function useLogin() {
  const start = useStartSession();
  return useMutation({
    mutationFn: (body: RequestOf<'/api/v1/login', 'post'>) => unwrap(api.POST('/api/v1/login', { body })),
    onSuccess: start,
  });
}

export function useSignup() {
  const start = useStartSession();
  return useMutation({
    mutationFn: (body: RequestOf<'/api/v1/signup', 'post'>) => unwrap(api.POST('/api/v1/signup', { body })),
    onSuccess: start,
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/logout')),
    // Forget the session locally even if the server could not be reached.
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(sessionKey, null);
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestOf<'/api/v1/me/password', 'post'>) =>
      unwrap(api.POST('/api/v1/me/password', { body })),
    onSuccess: (session) => qc.setQueryData(sessionKey, session),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) => unwrap(api.POST('/api/v1/password-reset', { body: { email } })),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (token: string) =>
      unwrap(api.POST('/api/v1/password-reset/{token}', { params: { path: { token } } })),
  });
}
