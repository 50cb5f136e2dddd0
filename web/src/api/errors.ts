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

function fieldsOf(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(details) || !Array.isArray(details.fields)) return out;
  for (const f of details.fields) {
    if (isRecord(f) && typeof f.field === 'string' && typeof f.message === 'string' && !(f.field in out)) {
      out[f.field] = f.message;
    }
  }
  return out;
}

/** Turns any error reply (JSON in our shape, or a proxy's HTML page) into an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  const err = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (err && typeof err.code === 'string' && typeof err.message === 'string') {
    return new ApiError(status, err.code, err.message, fieldsOf(err.details));
  }
  return new ApiError(status, 'http_error', `Something went wrong (HTTP ${status}). Please try again.`);
}

export const networkError = () =>
  new ApiError(0, 'network_error', "Can't reach the Atrium server. Check your connection and try again.");

/** A message for any thrown value, for places that only show text. */
export const messageOf = (e: unknown): string =>
  e instanceof Error ? e.message : 'Something went wrong. Please try again.';
