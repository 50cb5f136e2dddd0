import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Harness, linkPath, startHarness } from './harness';

/**
 * An owner sets up their account from Settings: profile, business defaults, a new email
 * confirmed from the mailed link, a security question, the support code, the plan, and an
 * API token that works until it is deleted.
 */

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const owner = {
  username: 'sam-shop',
  email: 'sam@example.com',
  name: 'Sam Rivera',
  password: 'sam-secret-123',
};

test('set up the account from Settings', async () => {
  const { page } = h;

  await h.step('sign-up', async () => {
    await page.goto('/signup');
    await page.getByLabel('Username').fill(owner.username);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Full name').fill(owner.name);
    await page.getByLabel(/^Password/).fill(owner.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Welcome, Sam' }).waitFor();
  });

  await h.step('profile', async () => {
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.waitForURL('**/settings/profile');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    // A required field left empty is named next to the field, and nothing is saved.
    await page.getByLabel('Full name').fill('');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Enter your name').waitFor();
    await page.getByLabel('Full name').fill('Sam Rivera');
    await page.getByLabel('Company').fill('Rivera Ceramics');
    await page.getByLabel('City').fill('Lisbon');
    await page.getByLabel('Country').fill('Portugal');
    await page.getByRole('textbox', { name: 'Time zone' }).fill('Europe/Lis');
    await page.getByRole('option', { name: 'Europe/Lisbon' }).click();
    await h.screenshot('10-settings-profile');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved').waitFor();
    await page.reload();
    expect(await page.getByLabel('Company').inputValue()).toBe('Rivera Ceramics');
    expect(await page.getByRole('textbox', { name: 'Time zone' }).inputValue()).toBe('Europe/Lisbon');
  });

  await h.step('business', async () => {
    await page.getByRole('tab', { name: 'Business' }).click();
    await page.waitForURL('**/settings/business');
    await page.getByRole('textbox', { name: 'Currency' }).click();
    await page.getByRole('option', { name: /^EUR/ }).click();
    await page.getByRole('textbox', { name: 'Checkout language' }).click();
    await page.getByRole('option', { name: /Portuguese/ }).click();
    await page.getByRole('button', { name: 'Save business settings' }).click();
    await page.getByText('Business settings saved').waitFor();
    await h.screenshot('11-settings-business');
    await page.reload();
    expect(await page.getByRole('textbox', { name: 'Currency' }).inputValue()).toMatch(/^EUR/);
  });

  await h.step('change-email', async () => {
    await page.getByRole('tab', { name: 'Security' }).click();
    const form = page.getByRole('form', { name: 'Change email' });
    await form.getByLabel('New email address').fill('sam@rivera.example');
    await form.getByLabel('Current password').fill('wrong-password');
    await form.getByRole('button', { name: 'Change email' }).click();
    await form.getByText('The password is not correct').waitFor();
    await form.getByLabel('Current password').fill(owner.password);
    await form.getByRole('button', { name: 'Change email' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'We sent a confirmation to sam@rivera.example' })
      .waitFor();
    await h.screenshot('12-settings-security');

    const mail = await h.waitForMail((m) => m.to === 'sam@rivera.example');
    await page.goto(linkPath(mail, '/confirm-email/'));
    await page.getByRole('button', { name: 'Confirm my new email address' }).click();
    await page.getByText('email address is now sam@rivera.example').waitFor();
    await page.getByRole('link', { name: 'Continue to Atrium' }).click();
    await page.getByRole('heading', { name: 'Welcome, Sam' }).waitFor();
  });

  await h.step('security-question-and-support-code', async () => {
    await page.goto('/settings/security');
    await page.getByText("Your account's email is sam@rivera.example").waitFor();
    const form = page.getByRole('form', { name: 'Security question' });
    await form.getByLabel('Question').fill('Name of my first kiln');
    await form.getByLabel('Answer').fill('Vesuvius');
    await form.getByLabel('Current password').fill(owner.password);
    await form.getByRole('button', { name: 'Save security question' }).click();
    await page.getByText('Answer set').waitFor();

    const code = page.getByTestId('support-code');
    const before = (await code.textContent())?.trim();
    expect(before).toBeTruthy();
    await page.getByRole('button', { name: 'Regenerate' }).click();
    await page.getByText('New support code').waitFor();
    expect((await code.textContent())?.trim()).not.toBe(before);
  });

  await h.step('plan', async () => {
    await page.getByRole('tab', { name: 'Plan' }).click();
    await page.getByRole('table', { name: 'Plan limits and usage' }).waitFor();
    await page.getByText('Starter', { exact: true }).first().waitFor();
    await h.screenshot('13-settings-plan');
  });

  await h.step('api-tokens', async () => {
    await page.getByRole('tab', { name: 'API tokens' }).click();
    await page.getByLabel('Token name').fill('Backup script');
    await page.getByRole('button', { name: 'Create token' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your new API token' });
    const token = (await dialog.getByTestId('secret-value').textContent())?.trim() ?? '';
    expect(token.length).toBeGreaterThan(20);
    await h.screenshot('14-settings-token-created');

    const asScript = () => fetch(`${h.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await asScript()).status).toBe(200);

    await dialog.getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Backup script' });
    await row.waitFor();
    await h.screenshot('15-settings-tokens');
    await row.getByRole('button', { name: 'Delete token Backup script' }).click();
    await page
      .getByRole('dialog', { name: 'Delete API token?' })
      .getByRole('button', { name: 'Delete token' })
      .click();
    await page.getByText('No tokens yet.').waitFor();
    expect((await asScript()).status).toBe(401);
  });
});
