import type { Session, TestApp } from '../../../test/app.js';
import { call, type Json } from '../automations/testkit.js';

/**
 * Helpers for the Kartra compatibility suite: bodies built the way the real clients build them,
 * and an account with credentials, tags, lists and custom fields to call against.
 */

/** PHP's urlencode(): RFC 1738, spaces as '+', everything but [A-Za-z0-9_.-] percent-encoded. */
const phpUrlencode = (s: string) =>
  encodeURIComponent(s)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');

type PhpValue = string | number | PhpValue[] | { [k: string]: PhpValue };

/** PHP's http_build_query() (what WordPress's wp_remote_post and Kartra's PHP samples send). */
export function httpBuildQuery(data: Record<string, PhpValue>, prefix?: string): string {
  const parts: string[] = [];
  const entries = Array.isArray(data) ? data.map((v, i) => [String(i), v] as const) : Object.entries(data);
  for (const [k, v] of entries) {
    const key = prefix ? `${prefix}[${k}]` : k;
    if (v !== null && typeof v === 'object') parts.push(httpBuildQuery(v as Record<string, PhpValue>, key));
    else parts.push(`${phpUrlencode(key)}=${phpUrlencode(String(v))}`);
  }
  return parts.filter(Boolean).join('&');
}

export type KartraAccount = {
  session: Session;
  app_id: string;
  api_key: string;
  api_password: string;
  creds: { app_id: string; api_key: string; api_password: string };
};

/** An account with a fresh API key and password. */
export async function kartraAccount(
  t: TestApp,
  username: string,
  app_id = 'TESTAPP1',
): Promise<KartraAccount> {
  const session = await t.signup(username);
  const { api_key, api_password } = await call(t, session, 'POST', '/api-credentials/regenerate');
  return { session, app_id, api_key, api_password, creds: { app_id, api_key, api_password } };
}

/** Custom fields text1 (input_field), dropdown1 (drop_down: A, B), checkbox1 (checkbox: X, Y, Z). */
export async function seedFields(t: TestApp, s: Session) {
  await call(t, s, 'POST', '/custom-fields', { identifier: 'text1', type: 'input_field' });
  const dd = await call(t, s, 'POST', '/custom-fields', {
    identifier: 'dropdown1',
    type: 'drop_down',
    options: ['A', 'B'],
  });
  const cb = await call(t, s, 'POST', '/custom-fields', {
    identifier: 'checkbox1',
    type: 'checkbox',
    options: ['X', 'Y', 'Z'],
  });
  return {
    dropdownB: String(dd.options[1].id),
    checkboxX: String(cb.options[0].id),
    checkboxZ: String(cb.options[2].id),
  };
}

export type Wire = { status: number; json: Json; headers: Record<string, unknown> };

/** POSTs a raw body to /api (or /api/) as a client would. */
export async function post(
  t: TestApp,
  body: string,
  opts: { url?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Wire> {
  const res = await t.request({
    method: 'POST',
    url: opts.url ?? '/api',
    payload: body,
    headers: {
      'content-type': opts.contentType ?? 'application/x-www-form-urlencoded',
      ...opts.headers,
    },
  });
  return { status: res.statusCode, json: res.json() as Json, headers: res.headers };
}

/** A PHP-style call: http_build_query of the array. */
export const phpCall = (t: TestApp, data: Record<string, PhpValue>, url = '/api') =>
  post(t, httpBuildQuery(data), { url });

export async function leadByEmail(t: TestApp, s: Session, email: string): Promise<Json | undefined> {
  const page = await call(t, s, 'GET', `/leads?q=${encodeURIComponent(email)}`);
  return (page.leads as Json[]).find((l) => l.email === email);
}
