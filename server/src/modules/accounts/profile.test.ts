import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.js';
import { resetSecurityQuestion } from './service.js';

describe('profile and settings', () => {
  let t: TestApp;
  let s: Session;
  beforeEach(async () => {
    t = await createTestApp();
    s = await t.signup('shop');
  });
  afterEach(() => t.close());

  const patch = (payload: Record<string, unknown>) =>
    t.request({ method: 'PATCH', url: '/api/v1/me', session: s, payload });
  const me = async () => (await t.request({ method: 'GET', url: '/api/v1/me', session: s })).json();

  it('updates profile fields, currency and checkout language', async () => {
    const res = await patch({
      company: 'Shop Ltd',
      city: 'Leeds',
      currency: 'GBP',
      checkout_language: 'auto',
      timezone: 'Europe/London',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      company: 'Shop Ltd',
      city: 'Leeds',
      currency: 'GBP',
      checkout_language: 'auto',
      timezone: 'Europe/London',
    });
    expect(await me()).toMatchObject({ currency: 'GBP' });
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ currency: 'BGP' }, 'currency'],
    [{ currency: 'XYZ' }, 'currency'],
    [{ checkout_language: 'xx' }, 'checkout_language'],
    [{ username: 'renamed' }, 'username'],
    [{ zip: '1'.repeat(30) }, 'zip'],
  ])('rejects %j naming the field, changing nothing', async (payload, field) => {
    const res = await patch({ company: 'Should not stick', ...payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_input');
    expect(JSON.stringify(res.json().error)).toContain(field);
    expect((await me()).company).toBeNull();
  });

  it('offers the 21 currencies and 24 languages plus auto', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/options' });
    const { currencies, languages } = res.json();
    expect(currencies).toHaveLength(21);
    expect(currencies.map((c: { code: string }) => c.code)).toContain('GBP');
    expect(currencies.map((c: { code: string }) => c.code)).not.toContain('BGP');
    expect(languages).toHaveLength(25);
  });

  it('changes the email only with the password and after confirmation from the new address', async () => {
    const noPw = await patch({ email: 'new@example.com' });
    expect(noPw.statusCode).toBe(400);
    expect(noPw.json().error.message).toContain('password');
    const wrongPw = await patch({ email: 'new@example.com', password: 'nope-nope' });
    expect(wrongPw.statusCode).toBe(403);
    expect(wrongPw.json().error.code).toBe('invalid_password');
    expect(await t.mailbox()).toHaveLength(0);

    const ok = await patch({ email: 'new@example.com', password: s.password });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ email: 'shop@example.com', pending_email: 'new@example.com' });
    const mails = await t.mailbox();
    const confirm = mails.find((m) => m.to === 'new@example.com')!;
    expect(mails.find((m) => m.to === 'shop@example.com')?.subject).toContain('being changed');
    const token = confirm.text.match(/\/confirm-email\/([A-Za-z0-9_-]+)/)![1]!;
    const done = await t.request({ method: 'POST', url: `/api/v1/email-change/${token}` });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ email: 'new@example.com', pending_email: null });
    const reused = await t.request({ method: 'POST', url: `/api/v1/email-change/${token}` });
    expect(reused.statusCode).toBe(404);
    expect(reused.json().error.code).toBe('confirmation_link_invalid');
    const login = await t.request({
      method: 'POST',
      url: '/api/v1/login',
      payload: { login: 'NEW@example.com', password: s.password },
    });
    expect(login.statusCode).toBe(200);
  });

  it("refuses another account's email", async () => {
    await t.signup('other');
    const res = await patch({ email: 'OTHER@example.com', password: s.password });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('email_taken');
  });

  it('stores the security answer hashed, needs the password, and an operator can reset it', async () => {
    const half = await patch({ security_question: 'First pet?', password: s.password });
    expect(half.statusCode).toBe(400);
    const noPw = await patch({ security_question: 'First pet?', security_answer: 'Rex' });
    expect(noPw.statusCode).toBe(400);
    const ok = await patch({ security_question: 'First pet?', security_answer: 'Rex', password: s.password });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ security_question: 'First pet?', has_security_answer: true });
    const row = await t.db.db
      .selectFrom('accounts')
      .select('security_answer_hash')
      .where('id', '=', s.accountId)
      .executeTakeFirstOrThrow();
    expect(row.security_answer_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(ok.json())).not.toContain('Rex');
    await resetSecurityQuestion(t.runtime.deps, 'shop');
    expect(await me()).toMatchObject({ security_question: null, has_security_answer: false });
  });

  it('regenerates the support code', async () => {
    const before = (await me()).support_code;
    const res = await t.request({ method: 'POST', url: '/api/v1/me/support-code', session: s });
    expect(res.statusCode).toBe(200);
    expect(res.json().support_code).toMatch(/^\d{6}$/);
    expect((await me()).support_code).toBe(res.json().support_code);
    expect(typeof before).toBe('string');
  });

  it('shows the plan with its limits and usage', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/me/plan', session: s });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      plan: { id: 'starter', name: 'Starter' },
      limits: { custom_domains: 1, import_columns: 60, webinars: false },
      usage: { emails_per_month: 0 },
    });
    const plans = (await t.request({ method: 'GET', url: '/api/v1/plans' })).json().plans;
    expect(
      plans.map((p: { id: string; limits: { custom_domains: number } }) => [p.id, p.limits.custom_domains]),
    ).toEqual([
      ['starter', 1],
      ['growth', 3],
      ['professional', 10],
      ['enterprise', 25],
    ]);
  });
});
