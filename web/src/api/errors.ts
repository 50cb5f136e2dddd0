/**
 * The one error type the UI handles. Built from the server's `{error:{code,message,details?}}`
 * so pages can show `message` as-is and forms can put `fields` next to their inputs.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Per-field messages from `details.fields`, keyed by field name (dotted for nested fields). */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Server field messages are fragments ("is required"): make them read as sentences. */
const sentence = (m: string) => m.charAt(0).toUpperCase() + m.slice(1);

/**
 * Field errors come in two shapes: validation failures list `details.fields` [{field, message}];
 * rule errors about one field (e.g. `username_taken`) name it in `details.field` and the reply's
 * message says what is wrong.
 */
function fieldsOf(message: string, details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(details)) return out;
  if (typeof details.field === 'string') out[details.field] = message;
  if (Array.isArray(details.fields)) {
    for (const f of details.fields) {
      if (isRecord(f) && typeof f.field === 'string' && typeof f.message === 'string' && !(f.field in out)) {
        out[f.field] = sentence(f.message);
      }
    }
  }
  return out;
}

/** Turns any error reply (JSON in our shape, or a proxy's HTML page) into an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  const err = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (err && typeof err.code === 'string' && typeof err.message === 'string') {
    return new ApiError(status, err.code, err.message, fieldsOf(err.message, err.details));
  }
  return new ApiError(status, 'http_error', `Something went wrong (HTTP ${status}). Please try again.`);
}

export const networkError = () =>
  new ApiError(0, 'network_error', "Can't reach the Atrium server. Check your connection and try again.");

/** A message for any thrown value, for places that only show text. */
export const messageOf = (e: unknown): string =>
  e instanceof Error ? e.message : 'Something went wrong. Please try again.';
