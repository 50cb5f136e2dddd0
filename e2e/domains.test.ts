import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestDns, type TestDns } from '../server/src/modules/domains/testkit/dns-server';
import { type Harness, startHarness } from './harness';

/**
 * An owner connects www.lena.test through the setup wizard against a real DNS server this test
 * runs (the server's DNS_SERVERS points at it) and a stand-in for the registrar's forwarding of
 * the root domain: the records to create, each failing check explained in words as the owner
 * fixes one record after another, the domain becoming active, and removal.
 */

let h: Harness;
let dns: TestDns;
let registrar: http.Server;
/** The registrar's forwarding of lena.test: off, without the path, or right. */
let forwarding: 'off' | 'no-path' | 'right' = 'off';

beforeAll(async () => {
  dns = await startTestDns();
  registrar = http.createServer((req, res) => {
    if (forwarding === 'off') res.writeHead(200, { 'content-type': 'text/html' }).end('<p>Parked</p>');
    else if (forwarding === 'no-path') res.writeHead(301, { location: 'https://www.lena.test/' }).end();
    else res.writeHead(301, { location: `https://www.lena.test${req.url}` }).end();
  });
  await new Promise<void>((r) => registrar.listen(0, '127.0.0.1', r));
  // The server inherits these (the harness passes process.env on).
  process.env.DNS_SERVERS = dns.address;
  process.env.DOMAIN_CHECK_HTTP_PORT = String((registrar.address() as AddressInfo).port);
  process.env.WEBHOOK_ALLOW_PRIVATE = '1';
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
  await dns?.close();
  await new Promise((r) => registrar?.close(r));
});

const owner = {
  username: 'lena-shop',
  email: 'lena@example.com',
  name: 'Lena Ortiz',
  password: 'lena-secret-123',
};

test('connect a domain with the setup wizard', async () => {
  const { page } = h;
  const checkNow = () =>
    page
      .getByRole('button', { name: /check now/i })
      .first()
      .click();
  const check = (name: string) => page.getByTestId(`check-${name}`);

  await h.step('sign-up', async () => {
    await page.goto('/signup');
    await page.getByLabel('Username').fill(owner.username);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Full name').fill(owner.name);
    await page.getByLabel(/^Password/).fill(owner.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Welcome, Lena' }).waitFor();
  });

  await h.step('domains-empty', async () => {
    await page.getByRole('link', { name: 'Domains', exact: true }).click();
    await page.getByRole('heading', { name: 'No domains yet' }).waitFor();
    await h.screenshot('60-domains-empty');
  });

  await h.step('add-refused', async () => {
    await page.getByRole('button', { name: 'Add domain' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a domain' });
    await dialog.getByRole('textbox', { name: 'Domain' }).fill('lena.test');
    await dialog.getByRole('button', { name: 'Add domain' }).click();
    // The root itself cannot hold a CNAME: the message says what to add instead, at the field.
    await dialog.getByText('Add www.lena.test instead').waitFor();
    await dialog.getByRole('textbox', { name: 'Domain' }).fill('www.lena.test');
    await dialog.getByRole('button', { name: 'Add domain' }).click();
    await page.waitForURL(/\/domains\/\d+$/);
  });

  await h.step('records', async () => {
    await page.getByRole('heading', { name: 'www.lena.test' }).waitFor();
    const records = page.getByRole('table', { name: 'DNS records to create' });
    await expect(records.getByText('CNAME', { exact: true }).isVisible()).resolves.toBe(true);
    await records.getByText('lena-shop.localhost').waitFor();
    await page.getByText('Then forward lena.test').waitFor();
    await h.screenshot('61-domain-records');
  });

  await h.step('nothing-yet', async () => {
    await page.getByRole('button', { name: 'I created the records: check now' }).click();
    await check('cname').getByText('CNAME record: not right yet').waitFor();
    await check('cname').getByText('www.lena.test does not exist in DNS yet').waitFor();
    await check('cname')
      .getByText(/create a CNAME record with the name \(host\) "www"/)
      .waitFor();
    await check('forwarding').getByText('lena.test has no address', { exact: false }).waitFor();
    await h.screenshot('62-domain-checks-failing');
  });

  await h.step('wrong-target', async () => {
    dns.set('www.lena.test', { cname: ['parking.registrar.test'] });
    await checkNow();
    await check('cname').getByText('CNAME parking.registrar.test').waitFor();
    await check('cname')
      .getByText(/not at your Atrium site\. Change its value to "lena-shop\.localhost"/)
      .waitFor();
  });

  await h.step('conflicting-a-record', async () => {
    dns.set('lena-shop.localhost', { a: ['127.0.0.1'] });
    dns.set('www.lena.test', { cname: ['lena-shop.localhost'], a: ['198.51.100.9'] });
    await checkNow();
    await check('cname').getByText('CNAME record: right').waitFor();
    await check('conflicts').getByText('No conflicting records: not right yet').waitFor();
    await check('conflicts')
      .getByText(/answers with A 198\.51\.100\.9\. Delete that record/)
      .waitFor();
  });

  await h.step('forwarding-without-path', async () => {
    dns.set('www.lena.test', { cname: ['lena-shop.localhost'] });
    dns.set('lena.test', { a: ['127.0.0.1'] });
    forwarding = 'no-path';
    await checkNow();
    await check('conflicts').getByText('No conflicting records: right').waitFor();
    await check('forwarding')
      .getByText(/drops the path/)
      .waitFor();
    await h.screenshot('63-domain-forwarding-no-path');
  });

  await h.step('active', async () => {
    forwarding = 'right';
    await checkNow();
    await page.getByText('www.lena.test is connected').first().waitFor();
    await page.getByRole('link', { name: 'https://www.lena.test/' }).waitFor();
    await h.screenshot('64-domain-active', { hideToasts: true });
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Domains' })
      .click();
    const row = page.getByRole('row', { name: /www\.lena\.test/ });
    await row.getByText('Active').waitFor();
    await row.getByText('Serving your site').waitFor();
    await h.screenshot('65-domains-list');
    const mail = await h.waitForMail((m) => m.subject === 'www.lena.test is connected');
    expect(mail.to).toBe(owner.email);
  });

  await h.step('remove', async () => {
    await page.getByRole('link', { name: 'www.lena.test' }).click();
    await page.getByRole('button', { name: 'Remove' }).click();
    await page
      .getByRole('dialog', { name: 'Remove this domain?' })
      .getByRole('button', { name: 'Remove domain' })
      .click();
    await page.waitForURL(/\/domains$/);
    await page.getByRole('heading', { name: 'No domains yet' }).waitFor();
  });
});
