import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Harness, startHarness } from './harness';

/**
 * An owner connects a Kartra tool: makes the API key and password (shown once), a tool calls
 * Kartra's API with them and shows up as a seen app, the owner registers it, restricts the API to
 * registered apps, and adds an outbound webhook.
 */

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

test('connect a Kartra tool and add a webhook', async () => {
  const { page } = h;

  await h.step('sign-up', async () => {
    await page.goto('/signup');
    await page.getByLabel('Username').fill('kim-shop');
    await page.getByLabel('Email').fill('kim@example.com');
    await page.getByLabel('Full name').fill('Kim Lee');
    await page.getByLabel(/^Password/).fill('kim-secret-123');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Welcome, Kim' }).waitFor();
  });

  const creds = await h.step('make the API key and password', async () => {
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { name: 'Integrations' }).waitFor();
    await page.getByRole('button', { name: 'Make API key and password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your new API key and password' });
    await dialog.waitFor();
    const api_key = (await dialog.getByLabel('API key', { exact: true }).textContent())?.trim() ?? '';
    const api_password =
      (await dialog.getByLabel('API password', { exact: true }).textContent())?.trim() ?? '';
    expect(api_key).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(api_password).toMatch(/^[A-Za-z0-9]{32}$/);
    await h.screenshot('60-integrations-new-key', { hideToasts: true });
    await dialog.getByRole('button', { name: 'Done' }).click();
    // Masked from now on.
    await page.getByText(`${api_key.slice(0, 4)}…${api_key.slice(-4)}`).waitFor();
    return { api_key, api_password };
  });

  await h.step('a tool calls the API with them', async () => {
    const body = new URLSearchParams({
      app_id: 'CHECKOUTJOY',
      ...creds,
      'lead[email]': 'buyer@example.com',
      'lead[first_name]': 'Bea',
      'actions[0][cmd]': 'create_lead',
    });
    const res = await fetch(`${h.baseUrl}/api`, { method: 'POST', body });
    expect(res.status).toBe(200);
    const json = (await res.json()) as { status: string; lead_details: { email: string } };
    expect(json.status).toBe('Success');
    expect(json.lead_details.email).toBe('buyer@example.com');
    await page.reload();
    const apps = page.getByRole('table', { name: 'Apps' });
    await apps.getByText('CHECKOUTJOY').waitFor();
    await apps.getByText('seen').waitFor();
  });

  await h.step('register it and allow only registered apps', async () => {
    await page.getByRole('textbox', { name: 'App id', exact: true }).fill('ZAPLIKE');
    await page.getByLabel('Name (optional)').fill('My connector');
    await page.getByRole('button', { name: 'Register app' }).click();
    await page.getByRole('table', { name: 'Apps' }).getByText('My connector').waitFor();
    const restrict = page.getByLabel('Only registered apps may call');
    await restrict.click();
    await expect.poll(() => restrict.isChecked()).toBe(true);
    await expect
      .poll(async () => {
        const res = await fetch(`${h.baseUrl}/api`, {
          method: 'POST',
          body: new URLSearchParams({
            app_id: 'CHECKOUTJOY',
            ...creds,
            'actions[0][cmd]': 'retrieve_account_tags',
          }),
        });
        return ((await res.json()) as { type?: string }).type;
      })
      .toBe('239');
    await h.screenshot('61-integrations-apps', { hideToasts: true });
  });

  await h.step('the lead shows where it came from', async () => {
    await page.getByRole('link', { name: 'Leads' }).click();
    await page.getByRole('link', { name: /buyer@example.com/ }).click();
    await page.getByText('API (app CHECKOUTJOY)').first().waitFor();
  });

  await h.step('add an outbound webhook', async () => {
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('tab', { name: 'Outbound webhooks' }).click();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a webhook' });
    await dialog.getByLabel('Address').fill('https://hooks.example.com/kartra');
    await dialog.getByLabel(/Membership granted/).check();
    await dialog.getByRole('button', { name: 'Add webhook' }).click();
    const hooks = page.getByRole('table', { name: 'Webhooks' });
    await hooks.getByText('https://hooks.example.com/kartra').waitFor();
    await hooks.getByText('Membership granted').waitFor();
    await page.getByText('Nothing sent yet.').waitFor();
    await page.getByRole('heading', { name: 'Payment notifications (IPN)' }).waitFor();
    await h.screenshot('62-integrations-webhooks', { hideToasts: true });
  });
});
