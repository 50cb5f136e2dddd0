import type { UseFormReturnType } from '@mantine/form';
import { ApiError, messageOf } from '../api/errors';

/**
 * Whether a dotted path (`name`, `steps.0.tag_id`) names a field of the form: a key of an object.
 * An array item (`options.1`) is not an input of its own, so its message stays in the alert.
 */
function hasField(values: unknown, path: string): boolean {
  const keys = path.split('.');
  let at: unknown = values;
  for (const [i, key] of keys.entries()) {
    if (typeof at !== 'object' || at === null || !(key in at)) return false;
    if (Array.isArray(at) && i === keys.length - 1) return false;
    at = (at as Record<string, unknown>)[key];
  }
  return true;
}

/**
 * Puts a failed call's messages where the user is looking: per-field messages next to their
 * inputs (nested ones by dotted path, e.g. `steps.0.tag_id`), and whatever is left as one
 * message for the form's alert (returned; null if none).
 * `byCode` names the field an error code is about (e.g. `username_taken` → `username`).
 */
export function applyServerError<V extends Record<string, unknown>>(
  form: UseFormReturnType<V>,
  error: unknown,
  byCode: Record<string, keyof V & string> = {},
): string | null {
  if (!(error instanceof ApiError)) return messageOf(error);
  const values = form.getValues();
  const known = (field: string) => hasField(values, field);
  const fieldErrors: Record<string, string> = {};
  for (const [field, message] of Object.entries(error.fields)) {
    if (known(field)) fieldErrors[field] = message;
  }
  const codeField = byCode[error.code];
  if (codeField) fieldErrors[codeField] = error.message;
  if (Object.keys(fieldErrors).length === 0) return error.message;
  form.setErrors(fieldErrors);
  form.getInputNode(Object.keys(fieldErrors)[0]!)?.focus();
  // Fields the form does not show still need saying.
  const unplaced = Object.keys(error.fields).filter((f) => !known(f));
  return unplaced.length ? error.message : null;
}
