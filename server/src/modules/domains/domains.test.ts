import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.js';
import { DAY, HOUR, MINUTE } from '../../lib/clock.js';
import { HostDirectory } from './directory.js';
import { startTestDns, type TestDns } from './testkit/dns-server.js';

/**
 * Custom domains over HTTP on both dialects, against a real DNS server on loopback (the checks
 * go through node:dns with DNS_SERVERS) and a real HTTP server standing in for the registrar's
 * apex forwarding: each check's outcomes, activation by hand and by the scheduler, expiry after
 * 24 h with a moved clock, the plan limit, removal, the TLS ask endpoint, and isolation.
 */

let dns: TestDns;
let forwarder: http.Server;
/** How the registrar's forwarding of an apex answers: status and Location for a path. */
let forwarding: (host: string, path: string) => { status: number; location?: string } = () => ({
  status: 404,
});
let t: TestApp;
let shop: Session;
let other: Session;

beforeAll(async () => {
  dns = await startTestDns();
  forwarder = http.createServer((req, res) => {
    const { status, location } = forwarding(req.headers.host ?? '', req.url ?? '/');
    res.writeHead(status, location ? { location } : {});
    res.end();
  });
  await new Promise<void>((r) => forwarder.listen(0, '127.0.0.1', r));
  t = await createTestApp({
    DNS_SERVERS: dns.address,
    DOMAIN_CHECK_HTTP_PORT: String((forwarder.address() as AddressInfo).port),
    WEBHOOK_ALLOW_PRIVATE: '1',
  });
  shop = await t.signup('shop');
  other = await t.signup('other');
  await t.db.db.updateTable('accounts').set({ plan: 'enterprise' }).execute();
  // The platform's site hosts resolve (what a CNAME leads to).
  dns.set('shop.localhost', { a: ['127.0.0.1'] });
  dns.set('other.localhost', { a: ['127.0.0.1'] });
  // Both accounts get a membership with the same slug: isolation shows in the page served.
  for (const [s, name] of [
    [shop, 'Shop Academy'],
    [other, 'Other Academy'],
  ] as const) {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/memberships',
      session: s,
      payload: { name, slug: 'club', levels: [{ name: 'Basic' }] },
    });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(async () => {
  await t.close();
  await dns.close();
  await new Promise((r) => forwarder.close(r));
});

async function removeAll(s: Session) {
  const res = await t.request({ method: 'GET', url: '/api/v1/domains', session: s });
  for (const d of res.json().domains) {
    await t.request({ method: 'DELETE', url: `/api/v1/domains/${d.id}`, session: s });
  }
}
beforeEach(async () => {
  await removeAll(shop);
  await removeAll(other);
  forwarding = () => ({ status: 404 });
});

const add = (s: Session, hostname: string) =>
  t.request({ method: 'POST', url: '/api/v1/domains', session: s, payload: { hostname } });
const check = (s: Session, id: number) =>
  t.request({ method: 'POST', url: `/api/v1/domains/${id}/check`, session: s });
type CheckOut = { name: string; ok: boolean; expected: string; found: string; hint: string | null };
const byName = (checks: CheckOut[], name: string): CheckOut => {
  const found = checks.find((c) => c.name === name);
  if (!found) throw new Error(`no ${name} check in ${JSON.stringify(checks)}`);
  return found;
};
const page = (host: string, url = '/m/club/login') => t.request({ method: 'GET', url, headers: { host } });
const ask = (domain: string) =>
  t.request({ method: 'GET', url: `/internal/tls/ask?domain=${encodeURIComponent(domain)}` });

describe('adding a domain', () => {
  it('answers 201 with the kind, pending status, expiry and the records to create', async () => {
    const res = await add(shop, 'www.brand.test');
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({
      hostname: 'www.brand.test',
      kind: 'root',
      apex: 'brand.test',
      status: 'pending',
      target: 'shop.localhost',
      expires_at: new Date(t.clock.now().getTime() + DAY).toISOString(),
    });
    expect(d.instructions.records).toEqual([
      { type: 'CNAME', name: 'www', host: 'www.brand.test', value: 'shop.localhost' },
    ]);
    expect(d.instructions.forwarding).toEqual({
      from: 'brand.test',
      to: 'https://www.brand.test',
      status: 301,
      keep_path: true,
    });
    const sub = (await add(shop, 'Sales.Brand.test.')).json();
    expect(sub).toMatchObject({ hostname: 'sales.brand.test', kind: 'subdomain', apex: null });
    expect(sub.instructions.forwarding).toBeNull();
    expect(sub.instructions.records[0].name).toBe('sales');
  });

  it('takes Unicode names as punycode and shows them as typed', async () => {
    const res = await add(shop, 'https://www.bücher.test/');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      hostname: 'www.xn--bcher-kva.test',
      display_hostname: 'www.bücher.test',
    });
  });

  it.each([
    ['192.0.2.1', 'not an IP address'],
    ['[2001:db8::1]', 'not an IP address'],
    ['brand.test', 'Add www.brand.test instead'],
    ['shop.localhost', 'belongs to this Atrium server'],
    ['app.localhost', 'belongs to this Atrium server'],
    ['co.uk', 'public suffix'],
    ['bad_name.test', 'not a valid domain name'],
    ['', 'Enter a domain name'],
  ])('refuses %s, saying why', async (hostname, why) => {
    const res = await add(shop, hostname);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_hostname');
    expect(res.json().error.message).toContain(why);
    expect(
      (await t.request({ method: 'GET', url: '/api/v1/domains', session: shop })).json().domains,
    ).toEqual([]);
  });

  it('refuses a name already taken, by this account (409 domain_exists) or another (409 domain_taken)', async () => {
    expect((await add(shop, 'sales.brand.test')).statusCode).toBe(201);
    const again = await add(shop, 'SALES.brand.test');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('domain_exists');
    const theirs = await add(other, 'sales.brand.test');
    expect(theirs.statusCode).toBe(409);
    expect(theirs.json().error.code).toBe('domain_taken');
  });

  it('a pending name held by another account goes to the account its CNAME points at', async () => {
    expect((await add(other, 'club.squat.test')).statusCode).toBe(201);
    const refused = await add(shop, 'club.squat.test');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('point its CNAME at shop.localhost and add it again');
    dns.set('club.squat.test', { cname: ['shop.localhost'] });
    const claimed = await add(shop, 'club.squat.test');
    expect(claimed.statusCode).toBe(201);
    const theirs = (await t.request({ method: 'GET', url: '/api/v1/domains', session: other })).json()
      .domains;
    expect(theirs.map((d: { hostname: string }) => d.hostname)).not.toContain('club.squat.test');
    // An active domain is never taken over, whatever the DNS says.
    expect((await check(shop, claimed.json().id)).json().status).toBe('active');
    dns.set('club.squat.test', { cname: ['other.localhost'] });
    const back = await add(other, 'club.squat.test');
    expect(back.statusCode).toBe(409);
    expect(back.json().error.message).toContain('remove it there first');
  });

  it('stops at the plan limit with 422 plan_limit_reached (starter: 1), pending ones counting', async () => {
    await t.db.db.updateTable('accounts').set({ plan: 'starter' }).where('id', '=', shop.accountId).execute();
    expect((await add(shop, 'one.brand.test')).statusCode).toBe(201);
    const res = await add(shop, 'two.brand.test');
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'plan_limit_reached',
      details: { limit: 'custom_domains', max: 1 },
    });
    await t.db.db
      .updateTable('accounts')
      .set({ plan: 'enterprise' })
      .where('id', '=', shop.accountId)
      .execute();
    expect((await add(shop, 'two.brand.test')).statusCode).toBe(201);
  });
});

describe('checks', () => {
  it('right CNAME: active at once, mail sent, the site answers on the domain and Caddy may get a certificate', async () => {
    dns.set('club.right.test', { cname: ['shop.localhost'] });
    const d = (await add(shop, 'club.right.test')).json();
    expect((await page('club.right.test')).statusCode).toBe(404); // pending serves nothing
    expect((await ask('club.right.test')).statusCode).toBe(404);
    const res = await check(shop, d.id);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('active');
    expect(body.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
      ['cname', true],
      ['conflicts', true],
    ]);
    expect(byName(body.checks, 'cname')).toMatchObject({
      expected: 'CNAME shop.localhost',
      found: 'CNAME shop.localhost',
    });
    const served = await page('club.right.test');
    expect(served.statusCode).toBe(200);
    expect(served.body).toContain('Shop Academy');
    expect(served.headers.link).toBe('<https://club.right.test/m/club/login>; rel="canonical"');
    // The platform host names the custom domain as canonical too.
    expect((await page('shop.localhost')).headers.link).toBe(
      '<https://club.right.test/m/club/login>; rel="canonical"',
    );
    expect((await ask('club.right.test')).statusCode).toBe(200);
    const mails = await t.mailbox();
    expect(mails.find((m) => m.subject === 'club.right.test is connected')?.to).toBe(shop.email);
  });

  it('wrong target: pending, with what was found and which record to change', async () => {
    dns.set('www.wrong.test', { cname: ['parking.registrar.test'] });
    const d = (await add(shop, 'www.wrong.test')).json();
    const body = (await check(shop, d.id)).json();
    expect(body.status).toBe('pending');
    const c = byName(body.checks, 'cname');
    expect(c).toMatchObject({
      ok: false,
      expected: 'CNAME shop.localhost',
      found: 'CNAME parking.registrar.test',
    });
    expect(c.hint).toContain('Change its value to "shop.localhost"');
    expect((await page('www.wrong.test')).statusCode).toBe(404);
  });

  it('another account’s name as target is wrong too (the CNAME proves which account)', async () => {
    dns.set('club.theirs.test', { cname: ['other.localhost'] });
    const d = (await add(shop, 'club.theirs.test')).json();
    const body = (await check(shop, d.id)).json();
    expect(body.status).toBe('pending');
    expect(byName(body.checks, 'cname').ok).toBe(false);
  });

  it('an A record instead of the CNAME: both checks say to delete it', async () => {
    dns.set('club.arecord.test', { a: ['198.51.100.7'] });
    const d = (await add(shop, 'club.arecord.test')).json();
    const body = (await check(shop, d.id)).json();
    expect(byName(body.checks, 'cname')).toMatchObject({ ok: false, found: 'A 198.51.100.7' });
    expect(byName(body.checks, 'cname').hint).toContain('Delete the A record of "club"');
    expect(byName(body.checks, 'conflicts')).toMatchObject({ ok: false, found: 'A 198.51.100.7' });
  });

  it('a conflicting A record beside a right CNAME keeps the domain pending', async () => {
    dns.set('club.conflict.test', { cname: ['shop.localhost'], a: ['198.51.100.7'] });
    const d = (await add(shop, 'club.conflict.test')).json();
    const body = (await check(shop, d.id)).json();
    expect(body.status).toBe('pending');
    expect(byName(body.checks, 'cname').ok).toBe(true);
    const c = byName(body.checks, 'conflicts');
    expect(c).toMatchObject({ ok: false, found: 'CNAME shop.localhost and A 198.51.100.7' });
    expect(c.hint).toContain('Delete that record');
  });

  it('a second CNAME conflicts', async () => {
    dns.set('club.two.test', { cname: ['shop.localhost', 'old-host.test'] });
    const d = (await add(shop, 'club.two.test')).json();
    const body = (await check(shop, d.id)).json();
    expect(body.status).toBe('pending');
    const c = byName(body.checks, 'conflicts');
    expect(c.ok).toBe(false);
    expect(c.found).toContain('2 CNAME records');
    expect(c.hint).toContain('Delete the CNAME to old-host.test');
  });

  it('a CNAME chain that ends at the target works, with a word of advice', async () => {
    dns.set('club.chain.test', { cname: ['edge.cdn.test'] });
    dns.set('edge.cdn.test', { cname: ['shop.localhost'] });
    const d = (await add(shop, 'club.chain.test')).json();
    const body = (await check(shop, d.id)).json();
    expect(body.status).toBe('active');
    expect(byName(body.checks, 'cname')).toMatchObject({
      ok: true,
      found: 'club.chain.test → edge.cdn.test → shop.localhost',
    });
    expect(byName(body.checks, 'cname').hint).toContain('sturdier');
  });

  it('no record yet: says what to create', async () => {
    const d = (await add(shop, 'club.nothing.test')).json();
    const c = byName((await check(shop, d.id)).json().checks, 'cname');
    expect(c).toMatchObject({ ok: false, found: 'club.nothing.test does not exist in DNS yet' });
    expect(c.hint).toContain(
      'create a CNAME record with the name (host) "club" and the value (points to) "shop.localhost"',
    );
  });

  describe('root kind: the apex forwarding', () => {
    beforeEach(() => {
      dns.set('www.fwd.test', { cname: ['shop.localhost'] });
    });

    it('missing forwarding (the apex has no address): pending, with both ways to fix it', async () => {
      dns.remove('fwd.test');
      const d = (await add(shop, 'www.fwd.test')).json();
      const body = (await check(shop, d.id)).json();
      expect(body.status).toBe('pending');
      const f = byName(body.checks, 'forwarding');
      expect(f.ok).toBe(false);
      expect(f.found).toContain('fwd.test has no address');
      expect(f.hint).toContain('permanent (301) redirect with the path kept');
      expect(f.hint).toContain('give fwd.test an A record with 127.0.0.1');
    });

    it('missing forwarding (the apex shows a page of its own)', async () => {
      dns.set('fwd.test', { a: ['127.0.0.1'] });
      forwarding = () => ({ status: 200 });
      const d = (await add(shop, 'www.fwd.test')).json();
      const f = byName((await check(shop, d.id)).json().checks, 'forwarding');
      expect(f.ok).toBe(false);
      expect(f.found).toMatch(/answered 200 without forwarding/);
    });

    it('forwarding without the path: pending, says to turn on "forward path"', async () => {
      dns.set('fwd.test', { a: ['127.0.0.1'] });
      forwarding = () => ({ status: 301, location: 'https://www.fwd.test/' });
      const d = (await add(shop, 'www.fwd.test')).json();
      const body = (await check(shop, d.id)).json();
      expect(body.status).toBe('pending');
      const f = byName(body.checks, 'forwarding');
      expect(f).toMatchObject({ ok: false, found: '301 https://www.fwd.test/' });
      expect(f.hint).toContain('drops the path');
    });

    it('a temporary forwarding is not enough', async () => {
      dns.set('fwd.test', { a: ['127.0.0.1'] });
      forwarding = (_h, path) => ({ status: 302, location: `https://www.fwd.test${path}` });
      const d = (await add(shop, 'www.fwd.test')).json();
      const f = byName((await check(shop, d.id)).json().checks, 'forwarding');
      expect(f.ok).toBe(false);
      expect(f.hint).toContain('Make it permanent (301)');
    });

    it('a 301 with the path kept: active', async () => {
      dns.set('fwd.test', { a: ['127.0.0.1'] });
      let asked = '';
      forwarding = (host, path) => {
        asked = `${host}${path}`;
        return { status: 301, location: `https://www.fwd.test${path}` };
      };
      const d = (await add(shop, 'www.fwd.test')).json();
      const body = (await check(shop, d.id)).json();
      expect(asked).toMatch(/^fwd\.test\/\.well-known\/atrium-check\/[\w-]+$/);
      expect(body.status).toBe('active');
      expect(byName(body.checks, 'forwarding').ok).toBe(true);
      // The apex may get a certificate once the domain is active (Atrium forwards it too).
      expect((await ask('fwd.test')).statusCode).toBe(200);
    });

    it('Atrium forwards the apex itself, path and query kept', async () => {
      dns.remove('fwd.test');
      await add(shop, 'www.fwd.test');
      const res = await page('fwd.test', '/offer/spring?ref=news');
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe('https://www.fwd.test/offer/spring?ref=news');
    });
  });
});

describe('the scheduler', () => {
  it('re-checks pending domains with backoff and activates them when DNS is right (mail)', async () => {
    const d = (await add(shop, 'club.later.test')).json();
    expect(d.next_check_at).toBe(new Date(t.clock.now().getTime() + MINUTE).toISOString());
    t.clock.advance(MINUTE);
    await t.runJobs();
    let now = (await t.request({ method: 'GET', url: `/api/v1/domains/${d.id}`, session: shop })).json();
    expect(now.status).toBe('pending');
    expect(now.last_checked_at).toBe(t.clock.now().toISOString());
    // Backoff: the second automatic check comes 2 minutes after the first.
    expect(now.next_check_at).toBe(new Date(t.clock.now().getTime() + 2 * MINUTE).toISOString());
    dns.set('club.later.test', { cname: ['shop.localhost'] });
    t.clock.advance(MINUTE);
    await t.runJobs();
    now = (await t.request({ method: 'GET', url: `/api/v1/domains/${d.id}`, session: shop })).json();
    expect(now.status).toBe('pending'); // not due yet
    t.clock.advance(MINUTE);
    await t.runJobs();
    now = (await t.request({ method: 'GET', url: `/api/v1/domains/${d.id}`, session: shop })).json();
    expect(now.status).toBe('active');
    expect(now.expires_at).toBeNull();
    expect((await page('club.later.test')).body).toContain('Shop Academy');
    const mails = (await t.mailbox()).filter((m) => m.subject === 'club.later.test is connected');
    expect(mails).toHaveLength(1);
  });

  it('removes a domain still pending 24 h after it was added, with a mail saying why', async () => {
    dns.set('club.never.test', { cname: ['parking.registrar.test'] });
    const d = (await add(shop, 'club.never.test')).json();
    for (let h = 0; h < 23; h++) {
      t.clock.advance(HOUR);
      await t.runJobs();
    }
    const still = await t.request({ method: 'GET', url: `/api/v1/domains/${d.id}`, session: shop });
    expect(still.json().status).toBe('pending');
    expect(still.json().checks[0]).toMatchObject({ name: 'cname', ok: false });
    t.clock.advance(HOUR);
    await t.runJobs();
    expect(
      (await t.request({ method: 'GET', url: `/api/v1/domains/${d.id}`, session: shop })).statusCode,
    ).toBe(404);
    const mail = (await t.mailbox()).find((m) => m.subject.startsWith('club.never.test was removed'));
    expect(mail?.to).toBe(shop.email);
    expect(mail?.text).toContain('CNAME parking.registrar.test (expected: CNAME shop.localhost)');
    const events = await t.db.db
      .selectFrom('events')
      .select(['type', 'payload'])
      .where('account_id', '=', shop.accountId)
      .where('type', '=', 'domain.removed')
      .execute();
    expect(events.map((e) => JSON.parse(e.payload))).toContainEqual(
      expect.objectContaining({ domain_id: d.id, reason: 'expired', failing: ['cname'] }),
    );
  });
});

describe('removal, the ask endpoint and isolation', () => {
  it('removing an active domain stops it at once (page, certificate) and frees the name', async () => {
    dns.set('club.gone.test', { cname: ['shop.localhost'] });
    const d = (await add(shop, 'club.gone.test')).json();
    expect((await check(shop, d.id)).json().status).toBe('active');
    expect((await page('club.gone.test')).statusCode).toBe(200);
    expect((await ask('club.gone.test')).statusCode).toBe(200);
    expect(
      (await t.request({ method: 'DELETE', url: `/api/v1/domains/${d.id}`, session: shop })).statusCode,
    ).toBe(204);
    expect((await page('club.gone.test')).statusCode).toBe(404);
    expect((await ask('club.gone.test')).statusCode).toBe(404);
    expect(
      (await t.request({ method: 'DELETE', url: `/api/v1/domains/${d.id}`, session: shop })).statusCode,
    ).toBe(404);
    dns.set('club.gone.test', { cname: ['other.localhost'] });
    expect((await add(other, 'club.gone.test')).statusCode).toBe(201);
  });

  it('answers the ask endpoint for platform hosts, active domains only, and nothing else', async () => {
    expect((await ask('shop.localhost')).statusCode).toBe(200);
    expect((await ask('SHOP.localhost.')).statusCode).toBe(200);
    expect((await ask('nobody.localhost')).statusCode).toBe(404);
    expect((await ask('app.localhost')).statusCode).toBe(200);
    expect((await ask('127.0.0.1')).statusCode).toBe(404);
    expect((await ask('unknown.example.test')).statusCode).toBe(404);
    expect((await ask('')).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: '/internal/tls/ask' })).statusCode).toBe(404);
    await t.db.db.updateTable('accounts').set({ active: 0 }).where('id', '=', other.accountId).execute();
    t.runtime.deps.hosts.invalidate();
    expect((await ask('other.localhost')).statusCode).toBe(404);
    await t.db.db.updateTable('accounts').set({ active: 1 }).where('id', '=', other.accountId).execute();
    t.runtime.deps.hosts.invalidate();
  });

  it('an unknown host gets the plain 404 page', async () => {
    const res = await page('nobody.example.test');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Page not found');
    expect(res.body).not.toContain('Academy');
  });

  it('a host never serves another account, and another account cannot see, check or remove a domain', async () => {
    dns.set('club.mine.test', { cname: ['shop.localhost'] });
    dns.set('club.yours.test', { cname: ['other.localhost'] });
    const mine = (await add(shop, 'club.mine.test')).json();
    const yours = (await add(other, 'club.yours.test')).json();
    expect((await check(shop, mine.id)).json().status).toBe('active');
    expect((await check(other, yours.id)).json().status).toBe('active');
    expect((await page('club.mine.test')).body).toContain('Shop Academy');
    expect((await page('club.mine.test')).body).not.toContain('Other Academy');
    expect((await page('club.yours.test')).body).toContain('Other Academy');
    for (const [method, url] of [
      ['GET', `/api/v1/domains/${mine.id}`],
      ['POST', `/api/v1/domains/${mine.id}/check`],
      ['DELETE', `/api/v1/domains/${mine.id}`],
    ] as const) {
      const res = await t.request({ method, url, session: other });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const theirs = (await t.request({ method: 'GET', url: '/api/v1/domains', session: other })).json();
    expect(theirs.domains.map((d: { hostname: string }) => d.hostname)).toEqual(['club.yours.test']);
    expect((await page('club.mine.test')).statusCode).toBe(200);
  });

  it('another process sees a change within its version check (no stale host after a removal)', async () => {
    dns.set('club.shared.test', { cname: ['shop.localhost'] });
    const d = (await add(shop, 'club.shared.test')).json();
    await check(shop, d.id);
    const replica = new HostDirectory(t.db.db, { versionCheckMs: 0 });
    expect(await replica.custom('club.shared.test')).toMatchObject({
      role: 'site',
      accountId: shop.accountId,
    });
    await t.request({ method: 'DELETE', url: `/api/v1/domains/${d.id}`, session: shop });
    expect(await replica.custom('club.shared.test')).toBeNull();
  });
});
