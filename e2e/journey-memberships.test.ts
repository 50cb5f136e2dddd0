import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { artifactsDir, type Harness, type Mail, startHarness } from './harness';

/**
 * Kartra's heart, through the real UI: an owner builds a membership with two levels, a category,
 * a subcategory and a post per level; the automations "tag Gold applied → grant Gold" and "tag
 * Gold removed → revoke"; tags a lead. The lead gets the welcome mail, chooses a password on the
 * site host, logs into the portal and reads only what Gold may read. Removing the tag shuts them
 * out at their next click. On the way: a per-field error from the server in the automation
 * editor, a webhook the SSRF guard stops at run time, its failed run in the log, and Replay.
 */

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const owner = {
  username: 'mia-members',
  email: 'mia@example.com',
  name: 'Mia Chen',
  password: 'mia-secret-123',
};
const member = { email: 'max@example.com', firstName: 'Max', password: 'max-portal-pass-1' };

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

test('membership granted by a tag, read in the portal, revoked when the tag goes', async () => {
  const { page } = h;
  // Screens without the toasts of the last steps or a tooltip under the pointer.
  const shot = async (name: string) => {
    await page.mouse.move(0, 0);
    return h.screenshot(name, { hideToasts: true });
  };
  const ids: { membership?: string; silverPost?: string; goldPost?: string } = {};

  await h.step('sign-up', async () => {
    await page.goto('/signup');
    await page.getByLabel('Username').fill(owner.username);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Full name').fill(owner.name);
    await page.getByLabel(/^Password/).fill(owner.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Welcome, Mia' }).waitFor();
  });

  await h.step('create-membership', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Memberships' })
      .click();
    await page.getByRole('heading', { name: 'No memberships yet' }).waitFor();
    await shot('40-memberships-empty');
    await page.getByRole('button', { name: 'New membership' }).click();
    const dialog = page.getByRole('dialog', { name: 'New membership' });
    await dialog.getByLabel('Name').fill('Inner Circle');
    // The address follows the name.
    expect(await dialog.getByLabel('Address').inputValue()).toBe('inner-circle');
    await dialog.getByRole('textbox', { name: 'Level 1', exact: true }).fill('Silver');
    await dialog.getByRole('button', { name: 'Add level' }).click();
    await dialog.getByRole('textbox', { name: 'Level 2', exact: true }).fill('silver');
    await dialog.getByRole('button', { name: 'Create membership' }).click();
    await dialog.getByText('Another level has this name').waitFor();
    await dialog.getByRole('textbox', { name: 'Level 2', exact: true }).fill('Gold');
    await shot('41-membership-create');
    await dialog.getByRole('button', { name: 'Create membership' }).click();
    await page.waitForURL(/\/memberships\/\d+$/);
    ids.membership = /\/memberships\/(\d+)$/.exec(page.url())![1];
    await page.getByRole('heading', { name: 'Inner Circle', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'No content yet' }).waitFor();
    const portal = page.getByRole('link', { name: 'Open portal' });
    expect(await portal.getAttribute('href')).toMatch(
      new RegExp(`^http://${owner.username}\\.localhost:\\d+/m/inner-circle/$`),
    );
  });

  await h.step('content-tree', async () => {
    await page.getByLabel('New category').fill('Module 1');
    await page.getByRole('button', { name: 'Add category' }).click();
    const category = page.getByRole('region', { name: 'Category Module 1' });
    await category.waitFor();
    await category.getByLabel('New subcategory in Module 1').fill('Week 1');
    await category.getByRole('button', { name: 'Add subcategory' }).click();
    await category.getByRole('region', { name: 'Subcategory Week 1' }).waitFor();
  });

  const addPost = async (title: string, level: string, body: string, video?: string) => {
    await page
      .getByRole('region', { name: 'Subcategory Week 1' })
      .getByRole('link', { name: 'Add post to Week 1' })
      .click();
    await page.getByRole('heading', { name: 'New post', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Post' });
    expect(await form.getByRole('textbox', { name: 'Subcategory' }).inputValue()).toBe('Week 1');
    await form.getByLabel('Title').fill(title);
    await form.getByRole('textbox', { name: 'Body' }).fill(body);
    if (video) await form.getByLabel('Video URL').fill(video);
    await form.getByRole('checkbox', { name: level }).check();
    await form.getByRole('button', { name: 'Create post' }).click();
    await page.waitForURL(/\/memberships\/\d+\/posts\/\d+$/);
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    return /\/posts\/(\d+)$/.exec(page.url())![1];
  };

  await h.step('posts', async () => {
    ids.silverPost = await addPost('Silver welcome', 'Silver', 'Welcome to the Silver lessons.');
    await page.getByRole('link', { name: 'Inner Circle: content' }).click();
    ids.goldPost = await addPost(
      'Gold masterclass',
      'Gold',
      'The Gold masterclass starts here.\n\nBring your questions.',
      'https://youtu.be/dQw4w9WgXcQ',
    );
    // Plain text became paragraphs; the video link became an embed; a download is attached.
    const form = page.getByRole('form', { name: 'Post' });
    expect(await form.getByRole('textbox', { name: 'Body' }).inputValue()).toBe(
      '<p>The Gold masterclass starts here.</p>\n<p>Bring your questions.</p>',
    );
    await form.getByText('Embedded from https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ').waitFor();
    const workbook = path.join(artifactsDir, 'gold-workbook.txt');
    await writeFile(workbook, 'Gold workbook: exercise 1.\n');
    await form.locator('input[type="file"]').setInputFiles(workbook);
    await page
      .getByRole('list', { name: 'Files' })
      .getByRole('link', { name: 'gold-workbook.txt' })
      .waitFor();
    await shot('42-post-editor');
    await form.getByText('Preview', { exact: true }).click();
    const preview = page.frameLocator('iframe[title="Preview of the body"]');
    await preview.getByText('Bring your questions.').waitFor();
    await page.getByRole('link', { name: 'Inner Circle: content' }).click();
  });

  await h.step('reorder', async () => {
    const posts = page.getByRole('region', { name: 'Subcategory Week 1' }).getByRole('listitem');
    await posts.nth(1).getByText('Gold masterclass').waitFor();
    await page.getByRole('button', { name: 'Move post Gold masterclass up' }).click();
    await posts.nth(0).getByText('Gold masterclass').waitFor();
    // The order is the server's, not only the screen's.
    await page.reload();
    await posts.nth(0).getByText('Gold masterclass').waitFor();
    await posts.nth(1).getByText('Silver welcome').waitFor();
    await shot('43-membership-content');
  });

  await h.step('automation-grant', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Automations' })
      .click();
    await page.getByRole('heading', { name: 'No automations yet' }).waitFor();
    await page.getByRole('link', { name: 'New automation' }).first().click();
    await page.getByRole('heading', { name: 'New automation', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Automation' });
    await form.getByLabel('Name').fill('Gold buyers get Gold');
    // Trigger: "A tag is applied" is the default; the tag does not exist yet, so create it here.
    await form.getByRole('textbox', { name: 'Tag', exact: true }).fill('Gold');
    await page.getByRole('option', { name: '+ Create tag “Gold”' }).click();
    await expect
      .poll(() => form.getByRole('textbox', { name: 'Tag', exact: true }).inputValue())
      .toBe('Gold');
    const step1 = form.getByRole('group', { name: 'Step 1' });
    await choose(page, step1, 'Membership', 'Inner Circle');
    await choose(page, step1, 'Level', 'Gold');
    await shot('44-automation-editor');
    await form.getByRole('button', { name: 'Create automation' }).click();
    await page.waitForURL(/\/automations\/\d+$/);
    await page.getByRole('heading', { name: 'Gold buyers get Gold', level: 1 }).waitFor();
    await page.getByTestId('automation-status').filter({ hasText: 'Active' }).waitFor();
  });

  await h.step('automation-revoke', async () => {
    await page.goto('/automations/new');
    const form = page.getByRole('form', { name: 'Automation' });
    await form.getByLabel('Name').fill('Gold removed: revoke');
    await choose(page, form, 'Trigger', 'A tag is removed');
    await form.getByRole('textbox', { name: 'Tag', exact: true }).fill('Gol');
    await page.getByRole('option', { name: 'Gold', exact: true }).click();
    const step1 = form.getByRole('group', { name: 'Step 1' });
    await choose(page, step1, 'Action', 'Revoke membership access');
    await choose(page, step1, 'Membership', 'Inner Circle');
    await form.getByRole('button', { name: 'Create automation' }).click();
    await page.waitForURL(/\/automations\/\d+$/);
  });

  await h.step('automation-webhook-field-error', async () => {
    await page.goto('/automations/new');
    const form = page.getByRole('form', { name: 'Automation' });
    await form.getByLabel('Name').fill('New leads to the CRM');
    await choose(page, form, 'Trigger', 'A lead is created');
    const step1 = form.getByRole('group', { name: 'Step 1' });
    await choose(page, step1, 'Action', 'Apply a tag');
    await step1.getByRole('textbox', { name: 'Tag', exact: true }).fill('new');
    await page.getByRole('option', { name: '+ Create tag “new”' }).click();
    await form.getByRole('button', { name: 'Add step' }).click();
    const step2 = form.getByRole('group', { name: 'Step 2' });
    await choose(page, step2, 'Action', 'Call a webhook');
    await step2.getByLabel('Webhook URL').fill('http://127.0.0.1:9/new-lead');
    // Order matters: the webhook goes first.
    await step2.getByRole('button', { name: 'Move step 2 up' }).click();
    await form.getByRole('group', { name: 'Step 1' }).getByLabel('Webhook URL').waitFor();
    await form.getByRole('button', { name: 'Create automation' }).click();
    // The server's refusal lands on the very field, in the step it belongs to.
    await form
      .getByRole('group', { name: 'Step 1' })
      .getByText(/resolves to 127\.0\.0\.1|private or local network/)
      .first()
      .waitFor();
    await shot('45-automation-field-error');
    // A name is checked when the webhook connects: saved now, refused at run time.
    await form
      .getByRole('group', { name: 'Step 1' })
      .getByLabel('Webhook URL')
      .fill('http://localhost:9/new-lead');
    await form.getByRole('button', { name: 'Create automation' }).click();
    await page.waitForURL(/\/automations\/\d+$/);
    await page.getByRole('link', { name: 'All automations' }).click();
    const table = page.getByRole('table', { name: 'Automations' });
    await table.getByText('When tag “Gold” is applied').waitFor();
    await table.getByText('Grant “Inner Circle” at level “Gold”').waitFor();
    await table.getByText('When tag “Gold” is removed').waitFor();
    await table.getByText('POST to http://localhost:9/new-lead → Apply tag “new”').waitFor();
    expect(await table.getByRole('switch', { name: 'Active: Gold buyers get Gold' }).isChecked()).toBe(true);
    await table.getByText('Never ran').nth(2).waitFor();
    await shot('46-automations-list');
  });

  await h.step('tag-lead', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Leads' })
      .click();
    await page.getByRole('button', { name: 'Add lead' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add lead' });
    await dialog.getByLabel('Email').fill(member.email);
    await dialog.getByLabel('First name').fill(member.firstName);
    await dialog.getByRole('button', { name: 'Add lead' }).click();
    await page.getByRole('heading', { name: member.firstName, level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Add tag' });
    await form.getByLabel('Add tag').fill('Gold');
    await form.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('list', { name: 'Tags of this lead' }).getByText('Gold').waitFor();
  });

  let runsShown = 0;
  await h.step('run-log', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Automations' })
      .click();
    await page.getByRole('tab', { name: 'Run log' }).click();
    const runs = page.getByRole('table', { name: 'Runs' });
    const grant = runs.getByRole('row').filter({ hasText: 'Gold buyers get Gold' });
    await grant.getByText('Done', { exact: true }).waitFor();
    await grant.getByRole('link', { name: member.email }).waitFor();
    const webhook = runs.getByRole('row').filter({ hasText: 'New leads to the CRM' });
    await webhook.getByText('Failed', { exact: true }).waitFor();
    await webhook.getByText(/private or local network address/).waitFor();
    await shot('47-run-log');
    runsShown = await runs.locator('tbody tr').count();

    await page.getByRole('radiogroup', { name: 'Run status' }).getByText('Failed', { exact: true }).click();
    await page.waitForURL(/\/automations\/runs\?status=failed$/);
    await runs.getByRole('row').filter({ hasText: 'Gold buyers get Gold' }).waitFor({ state: 'detached' });
    await webhook.getByRole('button', { name: /^Replay run \d+$/ }).click();
    await page.getByText(/^Run #\d+ replayed$/).waitFor();
    // The guard refuses again: the run fails again, with the same reason.
    await webhook.getByText(/private or local network address/).waitFor();
    await page.getByRole('radiogroup', { name: 'Run status' }).getByText('All', { exact: true }).click();
  });

  await h.step('members-tab', async () => {
    await page.goto(`/memberships/${ids.membership}/members`);
    const members = page.getByRole('table', { name: 'Members' });
    const row = members.getByRole('row').filter({ hasText: member.email });
    await row.getByText('Active', { exact: true }).waitFor();
    await row.getByText('Gold', { exact: true }).waitFor();
    await row.getByText('Automation', { exact: true }).waitFor();
    await row.getByText('No password yet').waitFor();
    await shot('48-membership-members');
  });

  // The member's tab, on the site host. A failing step saves what the member saw too.
  const portal = await h.context.newPage();
  const portalStep = (name: string, fn: () => Promise<void>) =>
    h.step(name, async () => {
      try {
        await fn();
      } catch (e) {
        await h.screenshot(`FAILED-${name}-portal`, { page: portal }).catch(() => {});
        throw e;
      }
    });
  /**
   * Sends a portal form by its button and waits for `next`. The portal's "This form has expired"
   * (its CSRF check refusing the post) fails at once, saying what the browser sent.
   */
  const send = async (button: string, next: Locator) => {
    const [request] = await Promise.all([
      portal.waitForRequest((r) => r.method() === 'POST'),
      portal.getByRole('button', { name: button }).click(),
    ]);
    const expired = portal.getByText('This form has expired');
    await next.or(expired).first().waitFor();
    if (await expired.isVisible()) {
      const origin = request.headers().origin ?? '(no Origin header)';
      throw new Error(
        `The portal refused its own "${button}" form as expired (CSRF check); the browser sent Origin: ${origin}`,
      );
    }
  };
  const contents = portal.getByRole('heading', { name: 'Inner Circle', level: 1 });

  await portalStep('welcome-mail-set-password', async () => {
    const mail = await h.waitForMail(
      (m) => m.to === member.email && m.subject === 'Your access to Inner Circle',
    );
    expect(mail.text).toContain('(Gold)');
    const link = mailLink(mail, '/m/inner-circle/set-password/');
    expect(link.hostname).toBe(`${owner.username}.localhost`);
    await portal.goto(link.href);
    await portal.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await portal.getByLabel(/^New password/).fill(member.password);
    await portal.getByLabel('Repeat it').fill(member.password);
    await h.screenshot('50-portal-set-password', { page: portal });
    await send('Save and log in', contents);
  });

  await portalStep('portal-login', async () => {
    await send('Log out', portal.getByRole('heading', { name: 'Log in' }));
    await portal.getByLabel('Email').fill(member.email);
    await portal.getByLabel('Password').fill('not-the-password');
    await send('Log in', portal.getByRole('alert'));
    await portal.getByLabel('Password').fill(member.password);
    await send('Log in', contents);
  });

  await portalStep('portal-reads-gold-only', async () => {
    await portal.getByText('Your level: Gold').waitFor();
    await portal.getByRole('heading', { name: 'Module 1', level: 2 }).waitFor();
    await portal.getByRole('heading', { name: 'Week 1', level: 3 }).waitFor();
    await portal.getByRole('link', { name: 'Gold masterclass' }).waitFor();
    expect(await portal.getByText('Silver welcome').count()).toBe(0);
    await h.screenshot('51-portal-contents', { page: portal });

    await portal.getByRole('link', { name: 'Gold masterclass' }).click();
    await portal.getByRole('heading', { name: 'Gold masterclass', level: 1 }).waitFor();
    await portal.getByText('Bring your questions.').waitFor();
    expect(await portal.locator('iframe[src^="https://www.youtube-nocookie.com/embed/"]').count()).toBe(1);
    // Downloads go through the browser: Node does not resolve *.localhost, Chromium does.
    const [download] = await Promise.all([
      portal.waitForEvent('download'),
      portal.getByRole('link', { name: /gold-workbook\.txt/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('gold-workbook.txt');
    expect(await readFile((await download.path())!, 'utf8')).toBe('Gold workbook: exercise 1.\n');
    await h.screenshot('52-portal-post', { page: portal });

    // Silver's post by its address: refused, not shown.
    const silver = await portal.goto(new URL(`/m/inner-circle/posts/${ids.silverPost}`, portal.url()).href);
    expect(silver?.status()).toBe(403);
    await portal.getByRole('heading', { name: 'Not part of your level' }).waitFor();
    await portal.goBack();
    await portal.getByRole('heading', { name: 'Gold masterclass', level: 1 }).waitFor();
  });

  await h.step('members-tab-after-login', async () => {
    await page.reload();
    const row = page
      .getByRole('table', { name: 'Members' })
      .getByRole('row')
      .filter({ hasText: member.email });
    await row.getByText('Password set').waitFor();
    await row.getByText(/^Last login /).waitFor();
  });

  await h.step('remove-tag', async () => {
    await page.getByRole('table', { name: 'Members' }).getByRole('link', { name: member.email }).click();
    await page.getByRole('heading', { name: member.firstName, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Remove tag Gold' }).click();
    await page.getByRole('list', { name: 'Tags of this lead' }).waitFor({ state: 'detached' });
    await page.goto('/automations/runs');
    const runs = page.getByRole('table', { name: 'Runs' });
    await runs
      .getByRole('row')
      .filter({ hasText: 'Gold removed: revoke' })
      .getByText('Done', { exact: true })
      .waitFor();
    expect(await runs.locator('tbody tr').count()).toBe(runsShown + 1);
  });

  await portalStep('portal-shut-out', async () => {
    const res = await portal.reload();
    expect(res?.status()).toBe(403);
    await portal.getByRole('heading', { name: 'Your access has ended' }).waitFor();
    expect(await portal.getByText('Bring your questions.').count()).toBe(0);
    await h.screenshot('53-portal-shut-out', { page: portal });
    await portal.close();
    await page.goto(`/memberships/${ids.membership}/members`);
    await page
      .getByRole('radiogroup', { name: 'Member status' })
      .getByText('Revoked', { exact: true })
      .click();
    const row = page
      .getByRole('table', { name: 'Members' })
      .getByRole('row')
      .filter({ hasText: member.email });
    await row.getByText('Revoked', { exact: true }).waitFor();
  });

  await h.step('levels-and-list', async () => {
    await page.getByRole('tab', { name: 'Levels' }).click();
    const levels = page.getByRole('form', { name: 'Levels' });
    await levels.getByRole('button', { name: 'Add level' }).click();
    await levels.getByRole('textbox', { name: 'Level 3', exact: true }).fill('Platinum');
    await levels.getByRole('button', { name: 'Save levels' }).click();
    await page.getByText('Levels saved').waitFor();
    await shot('49-membership-levels');
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('form', { name: 'Name and address' }).getByLabel('Address').waitFor();
    await shot('56-membership-settings');
    await page.getByRole('link', { name: 'All memberships' }).click();
    const list = page.getByRole('table', { name: 'Memberships' });
    await list.getByText('Platinum').waitFor();
    await shot('57-memberships-list');
  });

  await h.step('mobile', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/memberships/${ids.membership}`);
    await page.getByRole('region', { name: 'Category Module 1' }).waitFor();
    await shot('54-membership-content-mobile');
    await page.goto('/automations');
    await page.getByRole('table', { name: 'Automations' }).waitFor();
    await page
      .getByRole('table', { name: 'Automations' })
      .getByRole('link', { name: 'Gold buyers get Gold' })
      .click();
    await page.getByRole('form', { name: 'Automation' }).waitFor();
    await shot('55-automation-editor-mobile');
    await page.setViewportSize({ width: 1280, height: 860 });
  });
});
