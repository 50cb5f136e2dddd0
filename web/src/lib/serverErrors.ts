import type { UseFormReturnType } from '@mantine/form';
import { ApiError, messageOf } from '../api/errors';

/**
 * Puts a failed call's messages where the user is looking: per-field messages next to their
 * inputs, and whatever is left as one message for the form's alert (returned; null if none).
 * `byCode` names the field an error code is about (e.g. `username_taken` → `username`).
 */
export function applyServerError<V extends Record<string, unknown>>(
  form: UseFormReturnType<V>,
  error: unknown,
  byCode: Record<string, keyof V & string> = {},
): string | null {
  if (!(error instanceof ApiError)) return messageOf(error);
  const known = Object.keys(form.getValues());
  const fieldErrors: Record<string, string> = {};
  for (const [field, message] of Object.entries(error.fields)) {
    if (known.includes(field)) fieldErrors[field] = message;
  }
  const codeField = byCode[error.code];
  if (codeField) fieldErrors[codeField] = error.message;
  if (Object.keys(fieldErrors).length === 0) return error.message;
  form.setErrors(fieldErrors);
  form.getInputNode(Object.keys(fieldErrors)[0]!)?.focus();
  // Fields the form does not show still need saying.
  const unplaced = Object.keys(error.fields).filter((f) => !known.includes(f));
  return unplaced.length ? error.message : null;
}
