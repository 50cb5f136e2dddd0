import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Harness, linkPath, startHarness } from './harness';

/**
 * An owner's account life, through the real UI: sign up, log out, mistype the password,
 * forget it, reset it from the mailed link, get forced to choose a new one, and log in with it.
 */

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const owner = {
  username: 'maria-lopez',
  email: 'maria@example.com',
  name: 'Maria Lopez',
  password: 'first-secret-42',
  newPassword: 'second-secret-99',
};

test('sign up, forget the password, reset it, change it, log in again', async () => {
  const { page } = h;

  await h.step('signed-out-redirect', async () => {
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Log in to Atrium' }).waitFor();
    await h.screenshot('01-login');
  });

  await h.step('sign-up', async () => {
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: 'Create your Atrium account' }).waitFor();
    await page.getByLabel('Username').fill(owner.username);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Full name').fill(owner.name);
    await page.getByLabel(/^Password/).fill(owner.password);
    await h.screenshot('02-signup');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Welcome, Maria' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByTestId('header-username').filter({ hasText: owner.username }).waitFor();
    await h.screenshot('03-home');
  });

  await h.step('log-out', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    // The session is gone for real, not only in the UI.
    await page.goto('/settings/profile');
    await page.waitForURL(/\/login\?redirect=/);
  });

  await h.step('wrong-password', async () => {
    await page.getByLabel('Email or username').fill(owner.email);
    await page.getByLabel(/^Password/).fill('not-my-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not correct' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await h.screenshot('04-login-error');
  });

  await h.step('forgot-password', async () => {
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('Email').fill(owner.email);
    await page.getByRole('button', { name: 'Mail me a reset link' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: "If an account exists for maria@example.com, we've mailed a link" })
      .waitFor();
    await h.screenshot('05-forgot-sent');
  });

  let temporaryPassword = '';
  await h.step('reset-from-mail', async () => {
    const mail = await h.waitForMail((m) => m.to === owner.email && /reset/i.test(m.subject));
    const resetPath = linkPath(mail, '/reset/');
    // The mailed link must point at this server (its port), not only carry the right path.
    expect(mail.text).toContain(`:${new URL(h.baseUrl).port}/reset/`);
    await page.goto(resetPath);
    await page.getByRole('button', { name: 'Reset my password' }).click();
    const secret = page.getByTestId('secret-value');
    await secret.waitFor();
    temporaryPassword = (await secret.textContent())?.trim() ?? '';
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(8);
    await h.screenshot('06-reset-temporary-password');
    await page.getByRole('button', { name: 'Log in with it' }).click();
  });

  await h.step('forced-change', async () => {
    await page.waitForURL('**/change-password');
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await h.screenshot('07-forced-change');
    // Nothing else is reachable until the password is changed.
    await page.goto('/settings/profile');
    await page.waitForURL('**/change-password');
    // After that reload the hand-over is gone: type the temporary password like a user would.
    await page.getByLabel('Current password').fill(temporaryPassword);
    await page.getByLabel(/^New password/).fill(owner.newPassword);
    await page.getByLabel('Repeat new password').fill(owner.newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { name: 'Welcome, Maria' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  await h.step('log-in-with-new-password', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    // A deep link survives the detour through the login page.
    await page.goto('/settings/security');
    await page.waitForURL(/\/login\?redirect=/);
    await page.getByLabel('Email or username').fill(owner.username);
    await page.getByLabel(/^Password/).fill(owner.newPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/settings/security');
    await page.getByRole('tab', { name: 'Security', selected: true }).waitFor();
  });
});
