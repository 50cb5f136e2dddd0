import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';

describe('HTTP basics', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('answers /healthz with the dialect', async () => {
    const res = await t.request({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    // no-referrer would make browsers send `Origin: null` on same-site form posts.
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.json()).toEqual({ ok: true, database: t.db.dialect });
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('gives an unknown host a plain 404 page and no admin API', async () => {
    const page = await t.request({ method: 'GET', url: '/', headers: { host: 'www.unknown-shop.test' } });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Page not found');
    const api = await t.request({
      method: 'POST',
      url: '/api/v1/signup',
      headers: { host: 'demo.localhost:3000' },
      payload: {},
    });
    expect(api.statusCode).toBe(404);
  });

  it('turns malformed JSON into 400 invalid_json, never a 500', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"login": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
  });

  it('refuses a body that is too large with 413', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/login',
      payload: { login: 'x', password: 'y'.repeat(2_000_000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('publishes the OpenAPI document', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/signup', '/api/v1/login', '/api/v1/me', '/api/v1/tokens/{id}']),
    );
  });

  it('keeps the dev mailbox to loopback clients while SMTP_URL is unset', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/dev/mailbox' })).statusCode).toBe(200);
    const remote = await t.request({
      method: 'GET',
      url: '/api/v1/dev/mailbox',
      remoteAddress: '203.0.113.9',
    });
    expect(remote.statusCode).toBe(404);
  });
});
