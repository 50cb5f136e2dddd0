import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import {
  call,
  createLead,
  createMembership,
  createTag,
  settle,
  tagLead,
  untagLead,
} from '../../automations/testkit.js';

/**
 * The member portal over HTTP on the site host ({username}.localhost): the welcome link, the
 * password, login with its throttling, CSRF, the tree and posts a level may read, drip, per-request
 * download checks, revoke shutting the member out at once, and members being per business.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A browser on one host: keeps its cookies, sends forms with the CSRF field it was given. */
function browser(host: string, ip = '203.0.113.7') {
  const jar = new Map<string, string>();
  const keep = (res: LightMyRequestResponse) => {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
    return res;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    jar,
    get: async (url: string) =>
      keep(
        await t.app.inject({ method: 'GET', url, headers: { host, cookie: cookie() }, remoteAddress: ip }),
      ),
    post: async (url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
      keep(
        await t.app.inject({
          method: 'POST',
          url,
          headers: {
            host,
            cookie: cookie(),
            'content-type': 'application/x-www-form-urlencoded',
            ...headers,
          },
          payload: new URLSearchParams(form).toString(),
          remoteAddress: ip,
        }),
      ),
  };
}

const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const linkIn = (text: string) => /https?:\/\/[^\s]+\/set-password\/[\w-]+/.exec(text)?.[0] ?? '';

/** A business with a membership (Basic, Gold), content for both levels, and a Gold automation. */
async function business(username: string) {
  const s = await t.signup(username);
  const m = await createMembership(t, s);
  const cat = await call(t, s, 'POST', `/memberships/${m.id}/categories`, { name: 'Module 1' }, 201);
  const sub = await call(
    t,
    s,
    'POST',
    `/memberships/${m.id}/subcategories`,
    { category_id: cat.id, name: 'Week 1' },
    201,
  );
  const post = (title: string, level_ids: number[], extra: object = {}) =>
    call(
      t,
      s,
      'POST',
      `/memberships/${m.id}/posts`,
      { subcategory_id: sub.id, title, body: `<p>${title} body</p>`, level_ids, ...extra },
      201,
    );
  const both = await post('Start here', [m.basic, m.gold], { video_url: 'https://youtu.be/dQw4w9WgXcQ' });
  const gold = await post('Gold lesson', [m.gold]);
  const basic = await post('Basic lesson', [m.basic]);
  const drip = await post('Week 2 lesson', [m.gold], { release_after_days: 3 });
  const boundary = 'xyzBOUNDARY';
  const file = await t.request({
    method: 'POST',
    url: `/api/v1/memberships/${m.id}/posts/${gold.id}/files`,
    session: s,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="gold.html"\r\nContent-Type: text/html\r\n\r\n<script>alert(1)</script>\r\n--${boundary}--\r\n`,
  });
  const basicFile = await t.request({
    method: 'POST',
    url: `/api/v1/memberships/${m.id}/posts/${basic.id}/files`,
    session: s,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="basic.pdf"\r\n\r\nbasic\r\n--${boundary}--\r\n`,
  });
  const tag = await createTag(t, s, 'Gold');
  await call(t, s, 'POST', '/automations', {
    name: 'Gold',
    trigger: { type: 'tag_applied', tag_id: tag },
    steps: [{ type: 'grant_membership', membership_id: m.id, level_id: m.gold }],
  });
  await call(t, s, 'POST', '/automations', {
    name: 'Gold removed',
    trigger: { type: 'tag_removed', tag_id: tag },
    steps: [{ type: 'revoke_membership', membership_id: m.id }],
  });
  return {
    s,
    m,
    posts: { both, gold, basic, drip },
    files: { gold: file.json().id, basic: basicFile.json().id },
  };
}

async function welcomeLink(email: string) {
  const mails = (await t.mailbox()).filter((x) => x.to === email && x.subject.startsWith('Your access'));
  return linkIn(mails[0]!.text);
}

describe('a Gold member', () => {
  let shop: Awaited<ReturnType<typeof business>>;
  let leadId: number;
  const host = 'shop.localhost';
  const b = browser(host);
  beforeAll(async () => {
    shop = await business('shop');
    leadId = (await createLead(t, shop.s, 'gold@example.com', { first_name: 'Goldie' })).id;
    await tagLead(t, shop.s, leadId, 'Gold');
    await settle(t);
  });

  it('sets a password from the welcome mail and lands on the contents of level Gold only', async () => {
    const link = await welcomeLink('gold@example.com');
    expect(link).toMatch(/^http:\/\/shop\.localhost:3000\/m\/academy\/set-password\//);
    const path = new URL(link).pathname;
    const form = await b.get(path);
    expect(form.statusCode).toBe(200);
    expect(form.headers['content-type']).toMatch(/text\/html/);
    expect(form.body).toContain('<label for="password">');
    const short = await b.post(path, { csrf: csrfOf(form.body), password: 'short', confirm: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('role="alert"');
    const set = await b.post(path, {
      csrf: csrfOf(short.body),
      password: 'gold-member-pw',
      confirm: 'gold-member-pw',
    });
    expect(set.statusCode).toBe(303);
    expect(set.headers.location).toBe('/m/academy/');
    expect(b.jar.has('atrium_member')).toBe(true);
    // The link works once.
    expect((await b.get(path)).statusCode).toBe(410);

    const home = await b.get('/m/academy/');
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-security-policy']).toContain("script-src 'none'");
    expect(home.headers['cache-control']).toBe('private, no-store');
    expect(home.body).toContain('Your level: Gold');
    expect(home.body).toContain(`href="/m/academy/posts/${shop.posts.both.id}"`);
    expect(home.body).toContain(`href="/m/academy/posts/${shop.posts.gold.id}"`);
    expect(home.body).not.toContain('Basic lesson');
    expect(home.body).toMatch(/Week 2 lesson<\/span> <span class="muted">— opens on 4 March 2026/);
    expect(home.body).not.toContain(`/m/academy/posts/${shop.posts.drip.id}"`);
  });

  it('reads its posts (with the video embed), not the other level, and drip posts once released', async () => {
    const post = await b.get(`/m/academy/posts/${shop.posts.both.id}`);
    expect(post.statusCode).toBe(200);
    expect(post.body).toContain('<p>Start here body</p>');
    expect(post.body).toContain('src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"');
    expect(post.headers['content-security-policy']).toContain('frame-src https://www.youtube-nocookie.com');
    expect((await b.get(`/m/academy/posts/${shop.posts.basic.id}`)).statusCode).toBe(403);
    expect((await b.get('/m/academy/posts/999999')).statusCode).toBe(404);
    const early = await b.get(`/m/academy/posts/${shop.posts.drip.id}`);
    expect(early.statusCode).toBe(403);
    expect(early.body).toContain('opens on 2026-03-04');
    t.clock.advance(3 * 86_400_000);
    expect((await b.get(`/m/academy/posts/${shop.posts.drip.id}`)).statusCode).toBe(200);
    t.clock.advance(-3 * 86_400_000);
  });

  it('downloads files of its posts as attachments, checked on every request', async () => {
    const file = await b.get(`/m/academy/files/${shop.files.gold}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/octet-stream');
    expect(file.headers['content-disposition']).toBe("attachment; filename*=UTF-8''gold.html");
    expect(file.body).toBe('<script>alert(1)</script>');
    expect((await b.get(`/m/academy/files/${shop.files.basic}`)).statusCode).toBe(403);
    expect((await browser(host).get(`/m/academy/files/${shop.files.gold}`)).statusCode).toBe(303); // no session
  });

  it('is shut out at once when the tag is removed, and let back in when it is applied again', async () => {
    await untagLead(t, shop.s, leadId, 'Gold');
    await settle(t);
    for (const url of [
      '/m/academy/',
      `/m/academy/posts/${shop.posts.gold.id}`,
      `/m/academy/files/${shop.files.gold}`,
    ]) {
      const res = await b.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.body).toContain('Your access has ended');
    }
    await tagLead(t, shop.s, leadId, 'Gold');
    await settle(t);
    expect((await b.get('/m/academy/')).statusCode).toBe(200);
    // The re-grant re-sent the welcome, worded for someone who has a password.
    const mails = (await t.mailbox()).filter(
      (x) => x.to === 'gold@example.com' && x.subject.startsWith('Your access'),
    );
    expect(mails).toHaveLength(2);
    expect(mails[0]!.text).toContain('Log in with the password you chose before');
  });

  it('logs out, and logs in again with the password; forms need their CSRF token', async () => {
    const home = await b.get('/m/academy/');
    const out = await b.post('/m/academy/logout', { csrf: csrfOf(home.body) });
    expect(out.statusCode).toBe(303);
    expect(b.jar.has('atrium_member')).toBe(false);
    expect((await b.get('/m/academy/')).headers.location).toBe('/m/academy/login?next=%2Fm%2Facademy%2F');

    const page = await b.get('/m/academy/login');
    const csrf = csrfOf(page.body);
    expect(
      (await b.post('/m/academy/login', { email: 'gold@example.com', password: 'gold-member-pw' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await b.post('/m/academy/login', {
          csrf: 'forged-token-forged-token',
          email: 'gold@example.com',
          password: 'gold-member-pw',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await b.post(
          '/m/academy/login',
          { csrf, email: 'gold@example.com', password: 'gold-member-pw' },
          { origin: 'http://evil.localhost' },
        )
      ).statusCode,
    ).toBe(403);
    const wrong = await b.post('/m/academy/login', {
      csrf,
      email: 'gold@example.com',
      password: 'nope-nope',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('The email or the password is not correct.');
    const ok = await b.post('/m/academy/login', {
      csrf,
      email: 'GOLD@example.com',
      password: 'gold-member-pw',
      next: `/m/academy/posts/${shop.posts.gold.id}`,
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/m/academy/posts/${shop.posts.gold.id}`);
    expect((await b.get('/m/academy/')).statusCode).toBe(200);
  });

  it('resets a forgotten password by mail, without telling who has access', async () => {
    const c = browser(host, '198.51.100.9');
    const page = await c.get('/m/academy/forgot');
    const sent = await c.post('/m/academy/forgot', { csrf: csrfOf(page.body), email: 'gold@example.com' });
    expect(sent.statusCode).toBe(200);
    const unknown = await c.post('/m/academy/forgot', {
      csrf: csrfOf(page.body),
      email: 'nobody@example.com',
    });
    expect(unknown.body).toBe(sent.body);
    await settle(t);
    const mail = (await t.mailbox()).find(
      (x) => x.to === 'gold@example.com' && x.subject.startsWith('Reset'),
    );
    const path = new URL(linkIn(mail!.text)).pathname;
    const form = await c.get(path);
    const done = await c.post(path, {
      csrf: csrfOf(form.body),
      password: 'new-gold-pw',
      confirm: 'new-gold-pw',
    });
    expect(done.statusCode).toBe(303);
    // The old password is gone, the old session too.
    expect((await b.get('/m/academy/')).statusCode).toBe(303);
    const d = browser(host, '198.51.100.10');
    const login = await d.get('/m/academy/login');
    const old = { csrf: csrfOf(login.body), email: 'gold@example.com', password: 'gold-member-pw' };
    expect((await d.post('/m/academy/login', old)).statusCode).toBe(401);
    expect((await d.post('/m/academy/login', { ...old, password: 'new-gold-pw' })).statusCode).toBe(303);
  });
});

describe('login throttling', () => {
  it('locks a member after 5 failures and an IP after 30, each on its own', async () => {
    const { s, m } = await business('throttle');
    const host = 'throttle.localhost';
    for (const email of ['a@example.com', 'b@example.com']) {
      const lead = await createLead(t, s, email);
      await call(t, s, 'POST', `/memberships/${m.id}/access`, { lead_id: lead.id, level_id: m.gold });
    }
    const attacker = browser(host, '192.0.2.66');
    const page = await attacker.get('/m/academy/login');
    const csrf = csrfOf(page.body);
    const attempt = (who: ReturnType<typeof browser>, email: string, token = csrf) =>
      who.post('/m/academy/login', { csrf: token, email, password: 'wrong-password' });
    for (let i = 0; i < 5; i++) expect((await attempt(attacker, 'a@example.com')).statusCode).toBe(401);
    const locked = await attempt(attacker, 'a@example.com');
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('Too many failed logins for this email');
    // Another member from the same IP is not locked yet.
    expect((await attempt(attacker, 'b@example.com')).statusCode).toBe(401);
    for (let i = 0; i < 24; i++) await attempt(attacker, `x${i}@example.com`);
    const ipLocked = await attempt(attacker, 'b@example.com');
    expect(ipLocked.statusCode).toBe(429);
    expect(ipLocked.body).toContain('from your network');
    // Another IP can still try member b.
    const other = browser(host, '192.0.2.77');
    const p2 = await other.get('/m/academy/login');
    expect((await attempt(other, 'b@example.com', csrfOf(p2.body))).statusCode).toBe(401);
  });
});

describe('hosts and businesses', () => {
  let one: Awaited<ReturnType<typeof business>>;
  let two: Awaited<ReturnType<typeof business>>;
  beforeAll(async () => {
    one = await business('one');
    two = await business('two');
  });

  it('answers only on the site host of the account that owns the membership', async () => {
    for (const host of ['localhost', '127.0.0.1:3000', 'nobody.localhost', 'example.com']) {
      const res = await t.app.inject({ method: 'GET', url: '/m/academy/login', headers: { host } });
      expect(res.statusCode, host).toBe(404);
      expect(res.body).toContain('Page not found');
    }
    expect(
      (await t.app.inject({ method: 'GET', url: '/m/nothing/login', headers: { host: 'one.localhost' } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/m/academy/login', headers: { host: 'one.localhost' } }))
        .statusCode,
    ).toBe(200);
  });

  it('keeps the same email at two businesses as two members with their own passwords', async () => {
    for (const biz of [one, two]) {
      const lead = await createLead(t, biz.s, 'twice@example.com');
      await call(t, biz.s, 'POST', `/memberships/${biz.m.id}/access`, {
        lead_id: lead.id,
        level_id: biz.m.gold,
      });
    }
    const mails = (await t.mailbox()).filter((x) => x.to === 'twice@example.com');
    expect(mails).toHaveLength(2);
    const linkOne = mails.map((x) => linkIn(x.text)).find((l) => l.includes('//one.localhost'))!;
    const a = browser('one.localhost');
    const path = new URL(linkOne).pathname;
    const form = await a.get(path);
    expect(
      (await a.post(path, { csrf: csrfOf(form.body), password: 'only-at-one', confirm: 'only-at-one' }))
        .statusCode,
    ).toBe(303);
    // Business two's link is not valid at one, nor is one's password valid at two.
    const linkTwo = mails.map((x) => linkIn(x.text)).find((l) => l.includes('//two.localhost'))!;
    expect((await a.get(new URL(linkTwo).pathname)).statusCode).toBe(410);
    const b = browser('two.localhost');
    const page = await b.get('/m/academy/login');
    expect(
      (
        await b.post('/m/academy/login', {
          csrf: csrfOf(page.body),
          email: 'twice@example.com',
          password: 'only-at-one',
        })
      ).statusCode,
    ).toBe(401);
    // One's session cookie means nothing at two.
    const stolen = await t.app.inject({
      method: 'GET',
      url: '/m/academy/',
      headers: { host: 'two.localhost', cookie: `atrium_member=${a.jar.get('atrium_member')}` },
    });
    expect(stolen.statusCode).toBe(303);
  });

  it('shuts out a member whose business revoked access by hand, on the next request', async () => {
    const lead = await createLead(t, one.s, 'hand@example.com');
    await call(t, one.s, 'POST', `/memberships/${one.m.id}/access`, {
      lead_id: lead.id,
      level_id: one.m.basic,
    });
    const link = linkIn((await t.mailbox()).find((x) => x.to === 'hand@example.com')!.text);
    const c = browser('one.localhost');
    const path = new URL(link).pathname;
    const form = await c.get(path);
    await c.post(path, { csrf: csrfOf(form.body), password: 'basic-member', confirm: 'basic-member' });
    expect((await c.get(`/m/academy/files/${one.files.basic}`)).statusCode).toBe(200);
    await call(t, one.s, 'DELETE', `/memberships/${one.m.id}/access/${lead.id}`);
    expect((await c.get(`/m/academy/files/${one.files.basic}`)).statusCode).toBe(403);
    expect((await c.get('/m/academy/')).statusCode).toBe(403);
  });
});
