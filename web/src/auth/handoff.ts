/**
 * Hands the temporary password from the reset page to the forced-change screen, so the user
 * does not have to type it twice. Memory only: never in the URL or in storage, and dropped
 * as soon as the new password is set.
 */
let temporaryPassword: string | null = null;

export function handOffTemporaryPassword(password: string) {
  temporaryPassword = password;
}

export const handedOffPassword = () => temporaryPassword;

export function forgetHandedOffPassword() {
  temporaryPassword = null;
}
