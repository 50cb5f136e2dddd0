import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { HOUR, MINUTE } from '../../lib/clock.js';
import { unblockIp } from './throttle.js';

describe('IP blocking after repeated failed logins', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  const login = (password: string, remoteAddress: string) =>
    t.request({ method: 'POST', url: '/api/v1/login', payload: { login: 'shop', password }, remoteAddress });

  it('blocks an IP for an hour after 5 failures in 15 minutes; other IPs are unaffected', async () => {
    const s = await t.signup('shop');
    for (let i = 1; i <= 4; i++) {
      const res = await login('wrong-password', '10.0.0.7');
      expect(res.statusCode, `failure ${i}`).toBe(401);
    }
    const fifth = await login('wrong-password', '10.0.0.7');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.code).toBe('ip_blocked');
    // Even the right password is refused from the blocked IP…
    expect((await login(s.password, '10.0.0.7')).statusCode).toBe(429);
    // …but another IP logs in fine.
    expect((await login(s.password, '10.0.0.8')).statusCode).toBe(200);
    t.clock.advance(59 * MINUTE);
    expect((await login(s.password, '10.0.0.7')).statusCode).toBe(429);
    t.clock.advance(2 * MINUTE);
    expect((await login(s.password, '10.0.0.7')).statusCode).toBe(200);
  });

  it('counts only failures inside the window', async () => {
    const s = await t.signup('shop');
    for (let i = 0; i < 4; i++) await login('wrong-password', '10.0.0.9');
    t.clock.advance(16 * MINUTE);
    expect((await login('wrong-password', '10.0.0.9')).statusCode).toBe(401);
    expect((await login(s.password, '10.0.0.9')).statusCode).toBe(200);
  });

  it('a success clears the failures of that IP', async () => {
    const s = await t.signup('shop');
    for (let i = 0; i < 4; i++) await login('wrong-password', '10.0.0.3');
    expect((await login(s.password, '10.0.0.3')).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login('wrong-password', '10.0.0.3')).statusCode).toBe(401);
  });

  it('an operator can lift a block at once', async () => {
    const s = await t.signup('shop');
    for (let i = 0; i < 5; i++) await login('wrong-password', '10.0.0.5');
    expect((await login(s.password, '10.0.0.5')).statusCode).toBe(429);
    expect(await unblockIp(t.runtime.deps, '10.0.0.5')).toBe(true);
    expect((await login(s.password, '10.0.0.5')).statusCode).toBe(200);
    expect(await unblockIp(t.runtime.deps, '10.0.0.5')).toBe(false);
  });

  it('honours configured thresholds', async () => {
    await t.close();
    t = await createTestApp({ LOGIN_MAX_FAILURES: '2', IP_BLOCK_MINUTES: '5' });
    const s = await t.signup('shop');
    expect((await login('wrong-password', '10.0.1.1')).statusCode).toBe(401);
    expect((await login('wrong-password', '10.0.1.1')).statusCode).toBe(429);
    t.clock.advance(5 * MINUTE + 1);
    expect((await login(s.password, '10.0.1.1')).statusCode).toBe(200);
    t.clock.advance(HOUR);
  });
});
