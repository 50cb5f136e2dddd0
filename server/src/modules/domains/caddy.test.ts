import http from 'node:http';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.js';
import { startTestDns, type TestDns } from './testkit/dns-server.js';
import { freePort, startTlsStack, type TlsStack } from './testkit/tls-stack.js';

/**
 * The whole custom-domain path with real parts on loopback: a DNS server this test starts,
 * Caddy (Debian's package) with on-demand TLS asking Atrium, and Pebble (Debian's package) as
 * the ACME server validating over HTTP-01 through Caddy. An owner adds www.shop.test, sets its
 * CNAME; the apex forwarding is Atrium's own (the apex points here, Caddy hands plain HTTP to
 * Atrium); the domain becomes active; an HTTPS request through Caddy gets a Pebble-issued
 * certificate and the account's checkout page (and its membership portal). A host that is not
 * an active domain gets none.
 */

let dns: TestDns;
let t: TestApp;
let stack: TlsStack;
let shop: Session;

beforeAll(async () => {
  dns = await startTestDns();
  // Caddy's HTTP port is where Pebble validates HTTP-01 and where the forwarding check asks.
  const httpPort = await freePort();
  t = await createTestApp({
    DNS_SERVERS: dns.address,
    DOMAIN_CHECK_HTTP_PORT: String(httpPort),
    WEBHOOK_ALLOW_PRIVATE: '1',
    TRUST_PROXY: '1',
    PUBLIC_SCHEME: 'https',
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const atriumPort = (t.app.server.address() as AddressInfo).port;
  stack = await startTlsStack({ dnsAddress: dns.address, atriumPort, httpPort });
  shop = await t.signup('shop');
  const res = await t.request({
    method: 'POST',
    url: '/api/v1/memberships',
    session: shop,
    payload: { name: 'Shop Academy', slug: 'club', levels: [{ name: 'Basic' }] },
  });
  expect(res.statusCode).toBe(201);
  const product = await t.request({
    method: 'POST',
    url: '/api/v1/products',
    session: shop,
    payload: {
      name: 'Spring course',
      slug: 'spring',
      tag: 'Spring',
      prices: [{ type: 'one_time', amount: 4900, currency: 'EUR' }],
      gateway: 'sandbox',
    },
  });
  expect(product.statusCode, product.body).toBe(201);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await t?.close();
  await dns?.close();
});

/** An HTTPS GET through Caddy with SNI = host; resolves with the peer certificate's issuer too. */
function httpsGet(host: string, path: string): Promise<{ status: number; body: string; issuer: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        createConnection: () =>
          tls.connect({
            host: '127.0.0.1',
            port: stack.httpsPort,
            servername: host,
            rejectUnauthorized: false,
          }),
        host,
        path,
        headers: { host },
        timeout: 20_000,
      },
      (res) => {
        const socket = res.socket as tls.TLSSocket;
        const issuer = socket.getPeerCertificate().issuer?.CN ?? '';
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, issuer: String(issuer) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

function httpGet(host: string, path: string): Promise<{ status: number; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: stack.httpPort, path, headers: { host } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location });
    });
    req.on('error', reject);
    req.end();
  });
}

it('www.shop.test: CNAME set → active → Pebble certificate through Caddy → the account’s checkout page; others get no certificate', async () => {
  dns.set('shop.localhost', { a: ['127.0.0.1'] });
  dns.set('shop.test', { a: ['127.0.0.1'] }); // the apex points here: Atrium forwards it
  dns.set('club.unknown.test', { a: ['127.0.0.1'] });
  const added = await t.request({
    method: 'POST',
    url: '/api/v1/domains',
    session: shop,
    payload: { hostname: 'www.shop.test' },
  });
  expect(added.statusCode).toBe(201);
  const id = added.json().id;

  // Before the CNAME exists: pending, and Caddy gets no certificate for it.
  const before = await t.request({ method: 'POST', url: `/api/v1/domains/${id}/check`, session: shop });
  expect(before.json().status).toBe('pending');
  await expect(httpsGet('www.shop.test', '/checkout/spring')).rejects.toThrow();

  dns.set('www.shop.test', { cname: ['shop.localhost'] });
  const after = await t.request({ method: 'POST', url: `/api/v1/domains/${id}/check`, session: shop });
  expect(after.json(), stack.log().slice(-3000)).toMatchObject({ status: 'active' });
  expect(after.json().checks.find((c: { name: string }) => c.name === 'forwarding')).toMatchObject({
    ok: true,
  });

  // The account's checkout, and its membership portal, on the custom domain over HTTPS.
  const checkout = await httpsGet('www.shop.test', '/checkout/spring');
  expect(checkout.issuer, stack.log().slice(-3000)).toMatch(/^Pebble Intermediate CA/);
  expect(checkout.status).toBe(200);
  expect(checkout.body).toContain('Spring course');
  expect(checkout.body).toContain('name="checkout_token"');
  const portal = await httpsGet('www.shop.test', '/m/club/login');
  expect(portal.status).toBe(200);
  expect(portal.body).toContain('Shop Academy');

  // Plain HTTP through Caddy: the apex forwards with the path; the domain itself goes to https.
  expect(await httpGet('shop.test', '/offer?x=1')).toEqual({
    status: 301,
    location: 'https://www.shop.test/offer?x=1',
  });
  expect(await httpGet('www.shop.test', '/m/club/login')).toEqual({
    status: 301,
    location: `https://www.shop.test/m/club/login`,
  });

  if (process.env.SHOW_TLS_LOG) console.log(stack.log()); // Caddy's and Pebble's logs, when debugging
  // A name that is not an active domain gets no certificate: the handshake fails.
  await expect(httpsGet('club.unknown.test', '/')).rejects.toThrow();
}, 90_000);
