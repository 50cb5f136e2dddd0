import { ApiError } from '../api/errors';

/**
 * The server names nested fields with dots (`gdpr.ip`, `custom_fields.size`); a flat form names
 * them its own way. Returns the error with its field names mapped, for `applyServerError`.
 */
export function renameFieldErrors(error: unknown, rename: (field: string) => string): unknown {
  if (!(error instanceof ApiError)) return error;
  const fields = Object.fromEntries(Object.entries(error.fields).map(([f, m]) => [rename(f), m]));
  return new ApiError(error.status, error.code, error.message, fields);
}
