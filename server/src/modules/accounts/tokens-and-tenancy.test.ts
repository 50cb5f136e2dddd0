import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.js';

describe('personal access tokens and tenant scoping', () => {
  let t: TestApp;
  let a: Session;
  let b: Session;
  beforeEach(async () => {
    t = await createTestApp();
    a = await t.signup('alpha');
    b = await t.signup('bravo');
  });
  afterEach(() => t.close());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('a token works on every route without CSRF and stops working once deleted', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/tokens',
      session: a,
      payload: { name: 'script' },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect(token).toMatch(/^atr_/);
    const me = await t.request({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
    expect(me.json().username).toBe('alpha');
    const change = await t.request({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: bearer(token),
      payload: { company: 'Alpha Inc' },
    });
    expect(change.statusCode).toBe(200);
    const listed = await t.request({ method: 'GET', url: '/api/v1/tokens', session: a });
    expect(listed.json().tokens).toHaveLength(1);
    expect(JSON.stringify(listed.json())).not.toContain(token);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/tokens/${id}`, session: a })).statusCode).toBe(
      204,
    );
    const after = await t.request({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('invalid_token');
  });

  it('stores tokens only as hashes', async () => {
    const { token } = (
      await t.request({ method: 'POST', url: '/api/v1/tokens', session: a, payload: { name: 'x' } })
    ).json();
    const rows = await t.db.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(rows.every((r) => r.token_hash !== token && /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it("one account can neither see nor delete another's tokens", async () => {
    const { id } = (
      await t.request({ method: 'POST', url: '/api/v1/tokens', session: a, payload: { name: 'alpha-only' } })
    ).json();
    const listB = await t.request({ method: 'GET', url: '/api/v1/tokens', session: b });
    expect(listB.json().tokens).toEqual([]);
    const delB = await t.request({ method: 'DELETE', url: `/api/v1/tokens/${id}`, session: b });
    expect(delB.statusCode).toBe(404);
    expect(
      (await t.request({ method: 'GET', url: '/api/v1/tokens', session: a })).json().tokens,
    ).toHaveLength(1);
  });

  it('a session or token only ever reads and changes its own account', async () => {
    const { token } = (
      await t.request({ method: 'POST', url: '/api/v1/tokens', session: b, payload: { name: 'b' } })
    ).json();
    await t.request({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: bearer(token),
      payload: { company: 'Bravo' },
    });
    const meA = (await t.request({ method: 'GET', url: '/api/v1/me', session: a })).json();
    expect(meA).toMatchObject({ username: 'alpha', company: null });
    const meB = (await t.request({ method: 'GET', url: '/api/v1/me', session: b })).json();
    expect(meB).toMatchObject({ username: 'bravo', company: 'Bravo' });
  });

  it('rejects bad token input and unknown tokens', async () => {
    const bad = await t.request({ method: 'POST', url: '/api/v1/tokens', session: a, payload: { name: '' } });
    expect(bad.statusCode).toBe(400);
    const notNumber = await t.request({ method: 'DELETE', url: '/api/v1/tokens/abc', session: a });
    expect(notNumber.statusCode).toBe(400);
    const unknown = await t.request({ method: 'GET', url: '/api/v1/me', headers: bearer('atr_nope') });
    expect(unknown.statusCode).toBe(401);
  });
});
