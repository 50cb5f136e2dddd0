import fs from 'node:fs';
import path from 'node:path';
import type { Session, TestApp } from '../../../test/app.js';

// biome-ignore lint/suspicious/noExplicitAny: test JSON is checked by assertions
export type LeadJson = Record<string, any>;

/** Helpers for the leads tests: multipart uploads, imports run to the end, fixtures. */

export const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/leads');
export const fixture = (name: string): Buffer => fs.readFileSync(path.join(FIXTURES, name));

export function multipart(
  file: Buffer | string,
  options?: unknown,
  fileName = 'leads.csv',
  optionsFirst = false,
) {
  const boundary = `----atrium${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  const opt = () => {
    if (options === undefined) return;
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="options"\r\n\r\n${typeof options === 'string' ? options : JSON.stringify(options)}\r\n`,
      ),
    );
  };
  if (optionsFirst) opt();
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
  );
  parts.push(typeof file === 'string' ? Buffer.from(file) : file);
  parts.push(Buffer.from('\r\n'));
  if (!optionsFirst) opt();
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function preview(t: TestApp, s: Session, file: Buffer | string) {
  const { payload, headers } = multipart(file);
  return t.request({ method: 'POST', url: '/api/v1/imports/preview', session: s, payload, headers });
}

export async function startImport(t: TestApp, s: Session, file: Buffer | string, options: unknown = {}) {
  const { payload, headers } = multipart(file, options);
  return t.request({ method: 'POST', url: '/api/v1/imports', session: s, payload, headers });
}

/** Starts an import, runs the worker until it is done, returns GET /imports/{id}. */
export async function importAll(t: TestApp, s: Session, file: Buffer | string, options: unknown = {}) {
  const res = await startImport(t, s, file, options);
  if (res.statusCode !== 202) throw new Error(`import refused: ${res.statusCode} ${res.body}`);
  await t.runJobs();
  const got = await t.request({ method: 'GET', url: `/api/v1/imports/${res.json().id}`, session: s });
  return got.json();
}

export async function leadsOf(t: TestApp, s: Session, query = '') {
  const res = await t.request({ method: 'GET', url: `/api/v1/leads?limit=200${query}`, session: s });
  if (res.statusCode !== 200) throw new Error(`list failed: ${res.statusCode} ${res.body}`);
  return res.json().leads as LeadJson[];
}
