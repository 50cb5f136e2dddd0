import type { Session, TestApp } from '../../../test/app.js';

/** Helpers for the automations and memberships tests: JSON calls that must succeed. */

// biome-ignore lint/suspicious/noExplicitAny: test JSON is checked by assertions
export type Json = Record<string, any>;

export async function call(
  t: TestApp,
  s: Session,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  expectStatus?: number,
): Promise<Json> {
  const res = await t.request({
    method,
    url: `/api/v1${url}`,
    session: s,
    ...(payload === undefined ? {} : { payload: payload as Json }),
  });
  const ok = expectStatus === undefined ? res.statusCode < 300 : res.statusCode === expectStatus;
  if (!ok) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.body ? (res.json() as Json) : {};
}

export const createLead = (t: TestApp, s: Session, email: string, extra: Json = {}) =>
  call(t, s, 'POST', '/leads', { email, ...extra });
export const createTag = async (t: TestApp, s: Session, name: string) =>
  (await call(t, s, 'POST', '/tags', { name })).id as number;
export const createList = async (t: TestApp, s: Session, name: string) =>
  (await call(t, s, 'POST', '/lists', { name })).id as number;
export const tagLead = (t: TestApp, s: Session, leadId: number, tag: string) =>
  call(t, s, 'POST', `/leads/${leadId}/tags`, { tag });
export const untagLead = (t: TestApp, s: Session, leadId: number, tag: string) =>
  call(t, s, 'DELETE', `/leads/${leadId}/tags/${encodeURIComponent(tag)}`);

/** A membership with levels Basic and Gold. */
export async function createMembership(t: TestApp, s: Session, slug = 'academy', name = 'Academy') {
  const m = await call(t, s, 'POST', '/memberships', {
    name,
    slug,
    levels: [{ name: 'Basic' }, { name: 'Gold' }],
  });
  return { id: m.id as number, basic: m.levels[0].id as number, gold: m.levels[1].id as number, json: m };
}

export const createAutomation = (t: TestApp, s: Session, body: Json) =>
  call(t, s, 'POST', '/automations', { name: 'Rule', ...body }, 201);

export async function runs(t: TestApp, s: Session, query = '') {
  return (await call(t, s, 'GET', `/automation-runs?limit=200${query}`)).runs as Json[];
}

export async function membershipsOf(t: TestApp, s: Session, leadId: number) {
  return (await call(t, s, 'GET', `/leads/${leadId}/memberships`)).memberships as Json[];
}

export async function timeline(t: TestApp, s: Session, leadId: number) {
  return (await call(t, s, 'GET', `/leads/${leadId}/timeline?limit=200`)).entries as Json[];
}

/**
 * Runs the worker until nothing is left to dispatch or run now. (TestApp.runJobs stops at the
 * first pass that starts no job, but the engine applies steps while dispatching, so a pass may
 * dispatch events — and raise new ones — without starting a job.)
 */
export async function settle(t: TestApp): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await t.runJobs();
    const open = await t.db.db
      .selectFrom('events')
      .select('id')
      .where('dispatched_at', 'is', null)
      .limit(1)
      .execute();
    if (!open.length) return;
  }
  throw new Error('the worker did not settle');
}
