import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { sessionKey } from './session';
import type { Account, AccountPatch, Session } from './types';

/** The account lives inside the cached session; every account write refreshes it there. */
function useSetAccount() {
  const qc = useQueryClient();
  return (account: Account) =>
    qc.setQueryData<Session | null>(sessionKey, (s) => (s ? { ...s, account } : s));
}

export function useUpdateAccount() {
  const setAccount = useSetAccount();
  return useMutation({
    mutationFn: (body: AccountPatch) => unwrap(api.PATCH('/api/v1/me', { body })),
    onSuccess: setAccount,
  });
}

export function useRegenerateSupportCode() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/me/support-code')),
    onSuccess: ({ support_code }) =>
      qc.setQueryData<Session | null>(sessionKey, (s) =>
        s ? { ...s, account: { ...s.account, support_code } } : s,
      ),
  });
}

export function useConfirmEmailChange() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (token: string) =>
      unwrap(api.POST('/api/v1/email-change/{token}', { params: { path: { token } } })),
    // The confirming browser may or may not be logged in (or as someone else): re-read the session.
    onSuccess: () => qc.invalidateQueries({ queryKey: sessionKey }),
  });
}
