/** The server's minimum (server/src/modules/accounts/schema.ts); checked here to save a round trip. */
export const MIN_PASSWORD_LENGTH = 8;

export const passwordHint = `At least ${MIN_PASSWORD_LENGTH} characters. Not your username.`;

export function newPasswordProblem(value: string): string | null {
  if (!value) return 'Choose a password';
  if (value.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  return null;
}
