import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Harness, type Mail, startHarness } from './harness';

/**
 * Selling, end to end, through the real UI and the real hosted checkout: an owner has a membership
 * "Gold Club" and the automations "tag Gold applied → grant Gold" / "tag Gold removed → revoke"
 * (set up through the API, as the memberships journey already proves those screens). The owner
 * creates a product with tag "Gold" and a monthly EUR price in German, checks its integration
 * health, runs a test purchase and watches its chain. A buyer then buys it on the site host in
 * German — checkout form, sandbox pay page, thank-you page — gets the German receipt and the
 * membership mail, sets a password and reads the portal at level Gold. The owner cancels the
 * subscription in the admin; the buyer's next click in the portal finds the access ended.
 */

let h: Harness;

// Starting the server and Chromium takes a few seconds, more on a busy machine.
beforeAll(async () => {
  h = await startHarness();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

const owner = {
  username: 'gus-gold',
  email: 'gus@example.com',
  name: 'Gus Gold',
  password: 'gus-secret-123',
};
const buyer = {
  email: 'lena@example.com',
  firstName: 'Lena',
  lastName: 'Schmidt',
  password: 'lena-portal-1',
};

/** The first link in the mail's text whose path starts with `prefix`, as an absolute URL. */
function mailLink(mail: Mail, prefix: string): URL {
  for (const match of mail.text.matchAll(/https?:\/\/\S+/g)) {
    const url = new URL(match[0]);
    if (url.pathname.startsWith(prefix)) return url;
  }
  throw new Error(`No ${prefix}… link in the mail "${mail.subject}":\n${mail.text}`);
}

/** Picks an option of a Mantine Select by its label. */
async function choose(page: Page, scope: Locator, label: string, option: string) {
  await scope.getByRole('textbox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Calls the admin API as the logged-in owner (the session cookie, plus its CSRF token). */
async function apiPost<T>(page: Page, path: string, body: unknown): Promise<T> {
  const session = await page.request.get('/api/v1/session');
  const { csrf_token } = (await session.json()) as { csrf_token: string };
  const res = await page.request.post(path, { data: body, headers: { 'X-CSRF-Token': csrf_token } });
  if (!res.ok()) throw new Error(`POST ${path} answered ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

test('a product bought in German through the hosted checkout grants access; cancelling revokes it', async () => {
  const { page } = h;
  const shot = async (name: string, target: Page = page) => {
    await target.mouse.move(0, 0);
    return h.screenshot(name, { page: target, hideToasts: true });
  };
  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name }).click();
  let checkoutUrl = '';

  await h.step('sign-up', async () => {
    await page.goto('/signup');
    await page.getByLabel('Username').fill(owner.username);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Full name').fill(owner.name);
    await page.getByLabel(/^Password/).fill(owner.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Welcome, Gus' }).waitFor();
    // Nothing sold yet: the sales card says so in numbers.
    await page.getByRole('region', { name: 'Sales' }).waitFor();
    await expect.poll(() => page.getByTestId('orders-total').textContent()).toBe('0');
  });

  await h.step('create-product', async () => {
    await nav('Commerce');
    await page.getByRole('heading', { name: 'No products yet' }).waitFor();
    await shot('79-commerce-empty');
    await page.getByRole('link', { name: 'New product' }).click();
    await page.getByRole('heading', { name: 'New product', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Product' });
    await form.getByLabel('Name').fill('Gold Club');
    await form.getByRole('textbox', { name: 'Tag applied on purchase' }).fill('Gold');
    await page.keyboard.press('Escape');
    await form.getByLabel('Description').fill('Monthly masterclasses for Gold members.');
    const price = form.getByRole('group', { name: 'Price 1' });
    await choose(page, price, 'Type', 'Subscription');
    await price.getByLabel('Amount').fill('29.00');
    await price.getByRole('textbox', { name: 'Currency', exact: true }).fill('EUR');
    await page.getByRole('option', { name: 'EUR', exact: true }).click();
    await price.getByLabel('Every').waitFor();
    await form.getByRole('textbox', { name: 'Checkout language', exact: true }).fill('Germ');
    await page.getByRole('option', { name: 'German', exact: true }).click();
    await shot('80-product-new');
    await form.getByRole('button', { name: 'Create product' }).click();
    await page.waitForURL(/\/commerce\/products\/\d+$/);
    await page.getByRole('heading', { name: 'Gold Club', level: 1 }).waitFor();
    checkoutUrl = (await page.getByRole('link', { name: 'Preview checkout' }).getAttribute('href')) ?? '';
    expect(checkoutUrl).toMatch(new RegExp(`^http://${owner.username}\\.localhost:\\d+/checkout/gold-club$`));
    // Saved as entered: the language and the price come back from the server.
    const saved = page.getByRole('form', { name: 'Product' });
    expect(await saved.getByRole('textbox', { name: 'Checkout language', exact: true }).inputValue()).toBe(
      'German',
    );
    expect(await saved.getByRole('group', { name: 'Price 1' }).getByLabel('Amount').inputValue()).toBe(
      '29.00',
    );
    await shot('81-product-editor');
  });

  await h.step('edit-product', async () => {
    // A second price, one-time in EUR: saved with the first kept (by its id), read back as entered.
    const form = page.getByRole('form', { name: 'Product' });
    await form.getByRole('button', { name: 'Add a price' }).click();
    const second = form.getByRole('group', { name: 'Price 2' });
    await second.getByLabel('Amount').fill('249');
    await second.getByRole('textbox', { name: 'Currency', exact: true }).fill('EUR');
    await page.getByRole('option', { name: 'EUR', exact: true }).click();
    await form.getByRole('button', { name: 'Save product' }).click();
    await page.getByText('Product saved').first().waitFor();
    await page.reload();
    const saved = page.getByRole('form', { name: 'Product' });
    expect(await saved.getByRole('group', { name: 'Price 1' }).getByLabel('Amount').inputValue()).toBe(
      '29.00',
    );
    expect(await saved.getByRole('group', { name: 'Price 2' }).getByLabel('Amount').inputValue()).toBe(
      '249.00',
    );
    await page.getByRole('link', { name: 'All products' }).click();
    const list = page.getByRole('table', { name: 'Products' });
    await list.getByText('€29.00 per month').waitFor();
    await list.getByText('€249.00 one-time').waitFor();
    await list.getByRole('link', { name: 'Gold Club' }).click();
  });

  await h.step('health-says-what-to-fix', async () => {
    // Nothing reacts to the tag yet: a purchase would not end in access, and the check says so.
    await page.getByRole('tab', { name: 'Test purchase and health' }).click();
    const health = page.getByRole('region', { name: 'Integration health' });
    await health.getByText('Something needs fixing').waitFor();
    await health.getByTestId('health-tag').getByText('(ok)').waitFor();
    await health.getByTestId('health-automation').getByText('(failing)').waitFor();
    await health
      .getByTestId('health-automation')
      .getByText(/^To fix: /)
      .waitFor();
    await shot('82-product-health-failing');
  });

  await h.step('membership-and-automations', async () => {
    // The product created the tag "Gold"; the automations react to it.
    const tags = await page.request.get('/api/v1/tags');
    const tag = ((await tags.json()) as { tags: { id: number; name: string }[] }).tags.find(
      (t) => t.name === 'Gold',
    )!;
    const club = await apiPost<{ id: number; levels: { id: number; name: string }[] }>(
      page,
      '/api/v1/memberships',
      { name: 'Gold Club', slug: 'gold-club', levels: [{ name: 'Gold' }] },
    );
    await apiPost(page, '/api/v1/automations', {
      name: 'Gold buyers get Gold',
      trigger: { type: 'tag_applied', tag_id: tag.id },
      steps: [{ type: 'grant_membership', membership_id: club.id, level_id: club.levels[0]!.id }],
    });
    await apiPost(page, '/api/v1/automations', {
      name: 'Gold removed: revoke',
      trigger: { type: 'tag_removed', tag_id: tag.id },
      steps: [{ type: 'revoke_membership', membership_id: club.id }],
    });
  });

  await h.step('health-and-test-purchase', async () => {
    const health = page.getByRole('region', { name: 'Integration health' });
    await health.getByRole('button', { name: 'Check again' }).click();
    await health.getByText('All checks pass').waitFor();
    for (const check of ['tag', 'automation', 'membership', 'gateway', 'pending_orders'])
      await health.getByTestId(`health-${check}`).getByText('(ok)').waitFor();
    const test = page.getByRole('region', { name: 'Test purchase' });
    await test.getByRole('button', { name: 'Run a test purchase' }).click();
    await test.getByText('Every link works').waitFor({ timeout: 35_000 });
    for (const step of ['order', 'lead', 'tag', 'automation', 'membership'])
      await test.getByTestId(`chain-${step}`).waitFor();
    await shot('83-product-test-purchase');
  });

  const shop = await h.context.newPage();
  const shopStep = (name: string, fn: () => Promise<void>) =>
    h.step(name, async () => {
      try {
        await fn();
      } catch (e) {
        await h.screenshot(`FAILED-${name}-shop`, { page: shop }).catch(() => {});
        throw e;
      }
    });

  await shopStep('auto-language-rtl', async () => {
    // A product in the visitor's language: the browser's Accept-Language decides, right to left
    // for Arabic and Hebrew.
    await apiPost(page, '/api/v1/products', {
      name: 'Gold Weekend',
      slug: 'gold-weekend',
      tag: 'Gold',
      checkout_language: 'auto',
      prices: [{ type: 'one_time', amount: 4900, currency: 'EUR' }],
    });
    const url = checkoutUrl.replace(/gold-club$/, 'gold-weekend');
    for (const [accept, lang, button] of [
      ['ar-EG,ar;q=0.9,en;q=0.5', 'ar', 'المتابعة إلى الدفع'],
      ['ja;q=1, he;q=0.8', 'he', 'המשך לתשלום'],
    ] as const) {
      // Chromium sends its own locale's Accept-Language; the request is sent with the visitor's.
      await shop.route(url, (route) =>
        route.continue({ headers: { ...route.request().headers(), 'accept-language': accept } }),
      );
      await shop.goto(url);
      await shop.unroute(url);
      expect(await shop.locator('html').getAttribute('lang')).toBe(lang);
      expect(await shop.locator('html').getAttribute('dir')).toBe('rtl');
      await shop.getByRole('button', { name: button }).waitFor();
      if (lang === 'ar') await shot('84-checkout-ar-auto', shop);
    }
  });

  await shopStep('checkout-in-german', async () => {
    await shop.goto(checkoutUrl);
    await shop.getByRole('heading', { name: 'Gold Club', level: 1 }).waitFor();
    expect(await shop.locator('html').getAttribute('lang')).toBe('de');
    expect(await shop.title()).toBe('Kasse · Gold Club');
    // Two prices: the monthly one (first) is chosen, the one-time one offered beside it.
    expect(await shop.getByRole('radio', { name: '29,00 € pro Monat' }).isChecked()).toBe(true);
    await shop.getByRole('radio', { name: '249,00 €, einmalige Zahlung' }).waitFor();
    // Sent empty: the fields say what is missing, in German, and nothing is ordered.
    await shop.getByRole('button', { name: 'Weiter zur Zahlung' }).click();
    await shop.getByRole('alert').getByText('Bitte prüfen Sie die markierten Felder.').waitFor();
    await shop.getByText('Bitte füllen Sie dieses Feld aus.').first().waitFor();
    await shop.getByLabel('E-Mail-Adresse').fill(buyer.email);
    await shop.getByLabel('Vorname').fill(buyer.firstName);
    await shop.getByLabel('Nachname').fill(buyer.lastName);
    await shop.getByLabel(/^Ort/).fill('Berlin');
    await shop.getByLabel(/^Land/).selectOption('DE');
    await shot('84-checkout-de', shop);
    await shop.getByRole('button', { name: 'Weiter zur Zahlung' }).click();
    await shop.getByRole('heading', { name: 'Testzahlung', level: 1 }).waitFor();
    await shop.getByText('Betrag: 29,00 €').waitFor();
    await shot('85-sandbox-pay-de', shop);
    await shop.getByRole('button', { name: 'Testzahlung abschließen' }).click();
    await shop.getByRole('heading', { name: 'Vielen Dank für Ihren Kauf!' }).waitFor();
    await shop.getByText(`Wir haben eine Quittung an ${buyer.email} gesendet.`, { exact: false }).waitFor();
    await shot('86-thank-you-de', shop);
  });

  await shopStep('receipt-and-portal-access', async () => {
    const receipt = await h.waitForMail(
      (m) => m.to === buyer.email && m.subject === 'Ihre Quittung für Gold Club',
    );
    expect(receipt.text).toContain('29,00');
    const welcome = await h.waitForMail(
      (m) => m.to === buyer.email && m.subject === 'Your access to Gold Club',
    );
    const link = mailLink(welcome, '/m/gold-club/set-password/');
    expect(link.hostname).toBe(`${owner.username}.localhost`);
    await shop.goto(link.href);
    await shop.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await shop.getByLabel(/^New password/).fill(buyer.password);
    await shop.getByLabel('Repeat it').fill(buyer.password);
    await shop.getByRole('button', { name: 'Save and log in' }).click();
    await shop.getByRole('heading', { name: 'Gold Club', level: 1 }).waitFor();
    // Logged out and in again with the password chosen: the level is there.
    await shop.getByRole('button', { name: 'Log out' }).click();
    await shop.getByRole('heading', { name: 'Log in' }).waitFor();
    await shop.getByLabel('Email').fill(buyer.email);
    await shop.getByLabel('Password').fill(buyer.password);
    await shop.getByRole('button', { name: 'Log in' }).click();
    await shop.getByText('Your level: Gold').waitFor();
    await shot('87-portal-gold', shop);
  });

  await h.step('orders', async () => {
    await page.goto('/commerce/orders');
    const orders = page.getByRole('table', { name: 'Orders' });
    const row = orders.getByRole('row').filter({ hasText: buyer.email });
    await row.getByText('Completed', { exact: true }).waitFor();
    await row.getByText('Gold Club').waitFor();
    await shot('88-orders');
    // The test purchase's order goes back: refunded, its money off the chart, no refund offered twice.
    const test = orders.getByRole('row').filter({ hasText: `${owner.email.split('@')[0]}+test-` });
    await test.getByRole('button', { name: /^Refund order \d+$/ }).click();
    await page
      .getByRole('dialog', { name: /^Refund order #\d+\?$/ })
      .getByRole('button', { name: 'Refund order' })
      .click();
    await test.getByText('Refunded', { exact: true }).waitFor();
    expect(await test.getByRole('button', { name: /^Refund order/ }).count()).toBe(0);
  });

  await h.step('cancel-subscription', async () => {
    await page.getByRole('tab', { name: 'Subscriptions' }).click();
    const subs = page.getByRole('table', { name: 'Subscriptions' });
    const row = subs.getByRole('row').filter({ hasText: buyer.email });
    await row.getByText('Active', { exact: true }).waitFor();
    await shot('89-subscriptions');
    await row.getByRole('button', { name: /^Cancel subscription \d+$/ }).click();
    const dialog = page.getByRole('dialog', { name: `Cancel the subscription of ${buyer.email}?` });
    await dialog.getByRole('button', { name: 'Cancel subscription' }).click();
    await page.getByText('Subscription cancelled').first().waitFor();
    await row.getByText('Cancelled', { exact: true }).waitFor();
    expect(await row.getByRole('button', { name: /^Cancel subscription/ }).count()).toBe(0);
  });

  await shopStep('access-revoked', async () => {
    // The tag went with the subscription; the revoke automation follows through the worker.
    await expect
      .poll(
        async () => {
          const res = await shop.reload();
          return res?.status();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(403);
    await shop.getByRole('heading', { name: 'Your access has ended' }).waitFor();
    await shot('90-portal-access-ended', shop);
    await shop.close();
  });

  await h.step('dashboard-and-gateways', async () => {
    await nav('Home');
    const sales = page.getByRole('region', { name: 'Sales' });
    await sales.waitFor();
    // The test purchase and the German buyer: two orders completed today.
    await expect.poll(() => page.getByTestId('orders-total').textContent()).toBe('2');
    // €29.00 twice, less the refunded test purchase.
    expect(await page.getByTestId('revenue-total').textContent()).toBe('€29.00');
    await shot('91-home-sales');
    await page.goto('/commerce/gateways');
    await page
      .getByRole('region', { name: 'Sandbox' })
      .getByLabel('Sandbox signing secret', { exact: true })
      .waitFor();
    const stripe = page.getByRole('region', { name: 'Stripe' });
    await stripe.getByText('Not set up').waitFor();
    const keys = stripe.getByRole('form', { name: 'Stripe keys' });
    await keys.getByLabel('Secret key').fill('pk_test_not-a-secret');
    await keys.getByRole('button', { name: 'Save Stripe keys' }).click();
    await keys.getByText('A Stripe secret key starts with sk_test_, sk_live_ or rk_').waitFor();
    await keys.getByLabel('Secret key').fill('sk_test_51Abc123SecretKey9876');
    await keys.getByLabel('Publishable key').fill('pk_test_51Abc123Publishable');
    await keys.getByLabel('Webhook signing secret').fill('whsec_abc123signing');
    await keys.getByRole('button', { name: 'Save Stripe keys' }).click();
    await stripe.getByText('Connected').waitFor();
    await stripe.getByText('Test mode').waitFor();
    await stripe.getByText('Secret key ends in 9876').waitFor();
    await stripe.getByText('Webhook signing secret set').waitFor();
    // Secrets are never shown again; the inputs are empty, only the publishable key comes back.
    expect(await keys.getByLabel('Secret key').inputValue()).toBe('');
    expect(await keys.getByLabel('Publishable key').inputValue()).toBe('pk_test_51Abc123Publishable');
    await shot('92-gateways');
    await stripe.getByRole('button', { name: 'Forget Stripe keys' }).click();
    await stripe.getByText('Not set up').waitFor();
  });

  await h.step('mobile', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/commerce');
    await page.getByRole('table', { name: 'Products' }).getByRole('link', { name: 'Gold Club' }).click();
    await page.getByRole('form', { name: 'Product' }).getByRole('group', { name: 'Price 2' }).waitFor();
    await shot('93-product-editor-mobile');
    await page.goto('/commerce/orders');
    await page.getByRole('table', { name: 'Orders' }).waitFor();
    await shot('94-orders-mobile');
    await page.setViewportSize({ width: 1280, height: 860 });
  });
});
