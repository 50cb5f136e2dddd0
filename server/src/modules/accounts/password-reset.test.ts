import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.js';
import { HOUR } from '../../lib/clock.js';

describe('password reset and forced password change', () => {
  let t: TestApp;
  let s: Session;
  beforeEach(async () => {
    t = await createTestApp();
    s = await t.signup('shop');
  });
  afterEach(() => t.close());

  const askReset = (email: string) =>
    t.request({ method: 'POST', url: '/api/v1/password-reset', payload: { email } });
  const redeem = (token: string) => t.request({ method: 'POST', url: `/api/v1/password-reset/${token}` });
  const resetToken = async () => {
    const mail = (await t.mailbox()).find((m) => m.subject.includes('Reset'));
    const match = mail?.text.match(/\/reset\/([A-Za-z0-9_-]+)/);
    if (!match) throw new Error('no reset link mailed');
    return match[1]!;
  };

  it('answers 202 for any address and mails only existing ones', async () => {
    const unknown = await askReset('nobody@example.com');
    expect(unknown.statusCode).toBe(202);
    expect(await t.mailbox()).toHaveLength(0);
    const known = await askReset('SHOP@example.com');
    expect(known.statusCode).toBe(202);
    expect(known.json()).toEqual({ ok: true });
    const mails = await t.mailbox();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: 'shop@example.com' });
    expect(mails[0]!.text).toContain('http://localhost:3000/reset/');
  });

  it('gives a temporary password once, and forces a change before anything else', async () => {
    await askReset(s.email);
    const token = await resetToken();
    const res = await redeem(token);
    expect(res.statusCode).toBe(200);
    const { temporary_password, login } = res.json();
    expect(login).toBe('shop');
    expect(temporary_password).toMatch(/^[A-Za-z0-9]{14}$/);

    const again = await redeem(token);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('reset_link_invalid');

    // The old password and the old sessions are gone.
    expect((await t.request({ method: 'GET', url: '/api/v1/me', session: s })).statusCode).toBe(401);
    const oldPw = await t.request({
      method: 'POST',
      url: '/api/v1/login',
      payload: { login: 'shop', password: s.password },
    });
    expect(oldPw.statusCode).toBe(401);

    const loggedIn = await t.request({
      method: 'POST',
      url: '/api/v1/login',
      payload: { login: 'shop', password: temporary_password },
    });
    expect(loggedIn.statusCode).toBe(200);
    expect(loggedIn.json().must_change_password).toBe(true);
    const temp: Session = {
      ...s,
      cookie: loggedIn.cookies.find((c) => c.name === 'atrium_session')!.value,
      csrf: loggedIn.json().csrf_token,
    };

    for (const [method, url] of [
      ['GET', '/api/v1/me/plan'],
      ['GET', '/api/v1/tokens'],
      ['PATCH', '/api/v1/me'],
    ] as const) {
      const blocked = await t.request({
        method,
        url,
        session: temp,
        payload: method === 'PATCH' ? { name: 'x' } : undefined,
      });
      expect(blocked.statusCode, `${method} ${url}`).toBe(403);
      expect(blocked.json().error.code).toBe('password_change_required');
    }
    expect(
      (await t.request({ method: 'GET', url: '/api/v1/session', session: temp })).json().must_change_password,
    ).toBe(true);

    const wrongCurrent = await t.request({
      method: 'POST',
      url: '/api/v1/me/password',
      session: temp,
      payload: { current_password: 'not-it', new_password: 'brand-new-pass-1' },
    });
    expect(wrongCurrent.statusCode).toBe(403);
    expect(wrongCurrent.json().error.code).toBe('invalid_password');
    const tooShort = await t.request({
      method: 'POST',
      url: '/api/v1/me/password',
      session: temp,
      payload: { current_password: temporary_password, new_password: 'short' },
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.message).toContain('new_password');

    const changed = await t.request({
      method: 'POST',
      url: '/api/v1/me/password',
      session: temp,
      payload: { current_password: temporary_password, new_password: 'brand-new-pass-1' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().must_change_password).toBe(false);
    expect((await t.request({ method: 'GET', url: '/api/v1/me/plan', session: temp })).statusCode).toBe(200);
    const fresh = await t.request({
      method: 'POST',
      url: '/api/v1/login',
      payload: { login: 'shop', password: 'brand-new-pass-1' },
    });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().must_change_password).toBe(false);
  });

  it('refuses an expired link', async () => {
    await askReset(s.email);
    const token = await resetToken();
    t.clock.advance(2 * HOUR + 1);
    const res = await redeem(token);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('reset_link_invalid');
    const login = await t.request({
      method: 'POST',
      url: '/api/v1/login',
      payload: { login: 'shop', password: s.password },
    });
    expect(login.statusCode).toBe(200);
  });

  it('mails at most 5 reset links an hour per account, still answering 202', async () => {
    for (let i = 0; i < 7; i++) expect((await askReset(s.email)).statusCode).toBe(202);
    expect(await t.mailbox()).toHaveLength(5);
    t.clock.advance(HOUR + 1);
    await askReset(s.email);
    expect(await t.mailbox()).toHaveLength(6);
  });

  it('refuses an unknown token', async () => {
    const res = await redeem('x'.repeat(43));
    expect(res.statusCode).toBe(404);
  });
});
