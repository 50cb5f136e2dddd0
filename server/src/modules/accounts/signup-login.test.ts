import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { setAccountActive } from './service.js';

describe('signup and login over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const signup = (payload: Record<string, unknown>) =>
    t.request({ method: 'POST', url: '/api/v1/signup', payload });
  const login = (payload: Record<string, unknown>, remoteAddress = '127.0.0.1') =>
    t.request({ method: 'POST', url: '/api/v1/login', payload, remoteAddress });
  const valid = {
    username: 'shop',
    email: 'Owner@Example.com',
    password: 'correct-horse-9',
    name: 'Ann Owner',
  };

  it('signs up with a session cookie and a CSRF token', async () => {
    const res = await signup(valid);
    expect(res.statusCode).toBe(201);
    const cookie = res.cookies.find((c) => c.name === 'atrium_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const body = res.json();
    expect(body.account).toMatchObject({
      username: 'shop',
      email: 'Owner@Example.com',
      plan: 'starter',
      active: true,
      currency: 'USD',
    });
    expect(body.account.support_code).toMatch(/^\d{6}$/);
    expect(body.csrf_token).toBeTruthy();
    expect(body.must_change_password).toBe(false);
    const session = await t.request({
      method: 'GET',
      url: '/api/v1/session',
      cookies: { atrium_session: cookie!.value },
    });
    expect(session.json().account.username).toBe('shop');
  });

  it.each([
    [{ ...valid, username: 'ab' }, 'username'],
    [{ ...valid, username: 'a'.repeat(31) }, 'username'],
    [{ ...valid, username: 'shop_1' }, 'username'],
    [{ ...valid, username: '-shop' }, 'username'],
    [{ ...valid, email: 'not-an-email' }, 'email'],
    [{ ...valid, password: 'short' }, 'password'],
    [{ ...valid, name: '   ' }, 'name'],
    [{ username: 'shop', email: 'a@b.co', password: 'long-enough-1' }, 'name'],
  ])('rejects bad input %# naming the field, creating nothing', async (payload, field) => {
    const res = await signup(payload);
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain(field);
    expect(error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    const count = await t.db.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it.each(['kartra-pro', 'myatrium', 'app'])('refuses the username %s', async (username) => {
    const res = await signup({ ...valid, username });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('username_not_allowed');
  });

  it('keeps usernames and emails unique, emails case-insensitively', async () => {
    expect((await signup(valid)).statusCode).toBe(201);
    const sameUser = await signup({ ...valid, email: 'other@example.com' });
    expect(sameUser.statusCode).toBe(409);
    expect(sameUser.json().error.code).toBe('username_taken');
    const sameEmail = await signup({ ...valid, username: 'other', email: 'OWNER@example.COM' });
    expect(sameEmail.statusCode).toBe(409);
    expect(sameEmail.json().error.code).toBe('email_taken');
  });

  it('refuses a password that contains the username', async () => {
    const res = await signup({ ...valid, password: 'shop-password' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('weak_password');
  });

  it('logs in by username or by email in any case', async () => {
    await signup(valid);
    expect((await login({ login: 'shop', password: valid.password })).statusCode).toBe(200);
    const byEmail = await login({ login: 'OWNER@example.com', password: valid.password });
    expect(byEmail.statusCode).toBe(200);
    expect(byEmail.json().account.username).toBe('shop');
  });

  it('answers 401 invalid_credentials for a wrong password or an unknown login', async () => {
    await signup(valid);
    for (const payload of [
      { login: 'shop', password: 'wrong-password' },
      { login: 'nobody', password: valid.password },
    ]) {
      const res = await login(payload);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('invalid_credentials');
    }
  });

  it('shuts out an inactive account with 403 "This account is not active", also for live sessions', async () => {
    const s = await t.signup('shop');
    await setAccountActive(t.runtime.deps, 'shop', false);
    const res = await login({ login: 'shop', password: s.password });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toEqual({ code: 'account_inactive', message: 'This account is not active' });
    const live = await t.request({ method: 'GET', url: '/api/v1/me', session: s });
    expect(live.statusCode).toBe(403);
    expect(live.json().error.code).toBe('account_inactive');
    await setAccountActive(t.runtime.deps, 'shop', true);
    expect((await login({ login: 'shop', password: s.password })).statusCode).toBe(200);
  });

  it('logs out: the cookie stops working', async () => {
    const s = await t.signup('shop');
    const out = await t.request({ method: 'POST', url: '/api/v1/logout', session: s });
    expect(out.statusCode).toBe(204);
    const after = await t.request({ method: 'GET', url: '/api/v1/session', session: s });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('not_authenticated');
  });

  it('needs the CSRF header for state changes made with the cookie', async () => {
    const s = await t.signup('shop');
    const without = await t.request({
      method: 'PATCH',
      url: '/api/v1/me',
      cookies: { atrium_session: s.cookie },
      payload: { name: 'Changed' },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf_failed');
    const me = await t.request({ method: 'GET', url: '/api/v1/me', session: s });
    expect(me.json().name).toBe('Owner shop');
    const wrong = await t.request({
      method: 'PATCH',
      url: '/api/v1/me',
      cookies: { atrium_session: s.cookie },
      headers: { 'x-csrf-token': 'forged' },
      payload: { name: 'Changed' },
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await t.request({
      method: 'PATCH',
      url: '/api/v1/me',
      session: s,
      payload: { name: 'Changed' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().name).toBe('Changed');
  });
});
