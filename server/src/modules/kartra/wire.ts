import qs from 'qs';

/**
 * Kartra's wire format: how a call's parameters arrive and how answers are shaped.
 *
 * A call may carry its parameters as a PHP-style nested form (`lead[email]=…&actions[0][cmd]=…`,
 * brackets raw or percent-encoded, as PHP's http_build_query and WordPress send them), as JSON,
 * and in the query string, all at once; they are merged like PHP's `$_REQUEST` (the body wins
 * over the query string, key by key, nested keys included).
 */

/** A parsed parameter value: what a PHP array can hold. */
export type Param = string | Param[] | { [key: string]: Param };
export type Params = Record<string, Param>;

const QS_OPTIONS = {
  depth: 6,
  arrayLimit: 1000,
  parameterLimit: 2000,
  allowPrototypes: false,
  // `a[]=1&a[]=2` and `a[0]=1&a[1]=2` both give arrays; keys beyond arrayLimit become object keys.
} as const;

/** Turns any JSON value into Param (numbers and booleans become strings, as PHP would see them). */
function fromJson(v: unknown): Param | undefined {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (Array.isArray(v)) return v.map((x) => fromJson(x) ?? '');
  if (typeof v === 'object') {
    const out: Record<string, Param> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
      const p = fromJson(x);
      if (p !== undefined) out[k] = p;
    }
    return out;
  }
  return undefined;
}

export function parseForm(text: string): Params {
  return fromJson(qs.parse(text, QS_OPTIONS)) as Params;
}

/** Parses a request body by its content type; an unreadable body counts as no parameters. */
export function parseBody(contentType: string | undefined, body: unknown): Params {
  if (body === undefined || body === null) return {};
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  if (!text.trim()) return {};
  const type = (contentType ?? '').toLowerCase();
  const looksJson = /^\s*[{[]/.test(text);
  if (type.includes('json') || (looksJson && !type.includes('x-www-form-urlencoded'))) {
    try {
      const v = fromJson(JSON.parse(text));
      return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
    } catch {
      if (type.includes('json')) return {};
    }
  }
  return parseForm(text);
}

const isObject = (v: Param | undefined): v is Record<string, Param> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge of PHP arrays: `over` wins key by key. */
export function mergeParams(under: Params, over: Params): Params {
  const out: Params = { ...under };
  for (const [k, v] of Object.entries(over)) {
    const u = out[k];
    if ((isObject(u) || Array.isArray(u)) && (isObject(v) || Array.isArray(v)))
      out[k] = mergeParams(toRecord(u), toRecord(v));
    else out[k] = v;
  }
  return out;
}

/** An array's or object's entries as a record (arrays keyed "0", "1", …). */
export function toRecord(v: Param): Record<string, Param> {
  if (Array.isArray(v)) return Object.fromEntries(v.map((x, i) => [String(i), x]));
  if (isObject(v)) return v;
  return {};
}

/**
 * A PHP list: an array, or an object with numeric keys (as qs gives for sparse or long lists),
 * in key order. Undefined when the value is not an array at all.
 */
export function asList(v: Param | undefined): Param[] | undefined {
  if (Array.isArray(v)) return v;
  if (!isObject(v)) return undefined;
  return Object.entries(v)
    .sort(([a], [b]) => (/^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a < b ? -1 : 1))
    .map(([, x]) => x);
}

/** An associative array (a PHP array that is not a string); a one-element list unwraps to its element. */
export function asMap(v: Param | undefined): Record<string, Param> | undefined {
  if (Array.isArray(v)) {
    if (v.length === 1 && isObject(v[0])) return v[0];
    return toRecord(v);
  }
  return isObject(v) ? v : undefined;
}

/** A scalar parameter as trimmed text ('' when absent or not a scalar). */
export const str = (v: Param | undefined): string => (typeof v === 'string' ? v.trim() : '');

// ---------------------------------------------------------------------------------------------
// Answers

/** One answer object: `status` "Success"/"Error", `message`, `type` as a string, and more keys. */
export type Answer = { status: 'Success' | 'Error'; message?: string; type?: string } & Record<
  string,
  unknown
>;

export const success = (message?: string, type?: string, extra: Record<string, unknown> = {}): Answer => ({
  status: 'Success',
  ...(message !== undefined ? { message } : {}),
  ...(type !== undefined ? { type } : {}),
  ...extra,
});

/** Kartra's errors by type, with its exact messages (kartra-api.md §1.2, §2). */
export const KARTRA_ERRORS = {
  201: 'Connection not secure',
  202: 'API key cannot be empty. Please get an API key first',
  203: 'API key not valid. Please get an API key first',
  204: 'API Account inactive',
  206: 'email or lead id is required. Nothing done',
  207: 'List cannot be empty',
  208: 'List cannot be empty',
  209: 'List does not exist',
  211: 'Tag cannot be empty',
  212: 'Tag does not exist',
  213: 'Tag cannot be empty',
  214: 'Tag does not exist',
  215: 'Points cannot be empty',
  217: 'Points cannot be empty',
  219: 'Sequence does not exist',
  220: 'Sequence does not exist',
  223: "'lead' not an array",
  224: "'actions' not an array",
  225: 'Step cannot be empty',
  226: 'Sequence cannot be empty',
  227: 'Points is not a number',
  228: 'Points is not a number',
  229: 'Step has to be alphanumeric',
  231: 'List does not exist',
  233: 'API password not valid. Please get an API password first',
  234: 'No lead found',
  236: "'get_lead' not an array",
  238: 'App Id cannot be empty. Please get an App Id first',
  239: 'App Id is not valid. The app does not exists or is inactive',
  240: 'App Account inactive',
  243: 'No lead found',
  244: 'Lead already exists',
  245: 'Lead is deleted',
  247: "Transaction doesn't exist",
  248: "Subscription doesn't exist",
  249: 'Transaction is not linked to a subscription',
  250: 'Transaction is outside the refund period',
  251: 'Transaction already refunded',
  252: 'Subscription already cancelled',
  253: 'This transaction type cannot be refunded or cancelled',
  254: "'cmd' is required",
  255: 'Calendar cannot be empty',
  256: 'Class cannot be empty',
  257: 'Calendar does not exist',
  258: 'Class does not exist',
  259: 'No active/pending calendar subscription for this lead',
  260: 'Invalid date format',
  261: 'Date is in the past',
  263: 'Custom field identifier can only contain letters, numbers, dashes and underscores',
  264: 'Custom field identifier already exists',
  265: 'Custom field identifier cannot be empty',
  266: 'Refund has failed',
  267: 'Cancellation has failed',
  268: 'Invalid amount',
  269: 'Custom field type not valid',
  270: 'Options not an array',
  271: 'Wrong custom field format',
  272: 'Option cannot be empty',
  273: 'Options must have two or more elements',
  274: 'Wrong status',
  275: 'Cancelled or terminated subscriptions cannot be updated',
  284: 'Paypal transactions cannot be modified',
} as const;

export type KartraErrorType = keyof typeof KARTRA_ERRORS;

export const error = (type: KartraErrorType): Answer => ({
  status: 'Error',
  message: KARTRA_ERRORS[type],
  type: String(type),
});

/** Thrown inside a command to answer with a Kartra error (the action's changes are rolled back). */
export class KartraError extends Error {
  constructor(readonly kartraType: KartraErrorType) {
    super(KARTRA_ERRORS[kartraType]);
  }
  get answer(): Answer {
    return error(this.kartraType);
  }
}

export const fail = (type: KartraErrorType): never => {
  throw new KartraError(type);
};
