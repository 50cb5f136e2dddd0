import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { artifactsDir, type Harness, startHarness } from './harness';

/**
 * An owner moves their leads in: a CSV through the import wizard (one bad row, a tags column),
 * progress to the result and the error CSV, the list filtered by a tag, a lead's timeline
 * showing the import, a tag added by hand, two leads subscribed to a list at once, the export.
 */

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'leads-import.csv');

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const owner = {
  username: 'lena-leads',
  email: 'lena@example.com',
  name: 'Lena Ortiz',
  password: 'lena-secret-123',
};

test('import, find, change and export leads', async () => {
  const { page } = h;
  const leadsTable = page.getByRole('table', { name: 'Leads' });
  const leadRows = leadsTable.locator('tbody tr');

  await h.step('sign-up', async () => {
    await page.goto('/signup');
    await page.getByLabel('Username').fill(owner.username);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Full name').fill(owner.name);
    await page.getByLabel(/^Password/).fill(owner.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Welcome, Lena' }).waitFor();
  });

  await h.step('empty-leads', async () => {
    await page.getByRole('link', { name: 'Leads', exact: true }).click();
    await page.waitForURL('**/leads');
    await page.getByRole('heading', { name: 'No leads yet' }).waitFor();
    await h.screenshot('20-leads-empty');
  });

  await h.step('too-many-columns', async () => {
    await page.getByRole('link', { name: 'Import CSV' }).first().click();
    await page.getByRole('heading', { name: 'Import leads' }).waitFor();
    const wide = path.join(artifactsDir, 'wide.csv');
    const header = Array.from({ length: 61 }, (_, i) => `col${i + 1}`).join(',');
    await writeFile(wide, `${header}\n${Array.from({ length: 61 }, () => 'x').join(',')}\n`);
    await page.locator('input[type="file"]').setInputFiles(wide);
    const alert = page.getByRole('alert').filter({ hasText: 'Too many columns' });
    await alert.getByText('61 columns with data').waitFor();
    await alert.getByText('Delete the columns you don').waitFor();
    await h.screenshot('21-import-too-many-columns');
  });

  await h.step('import-mapping', async () => {
    await page.locator('input[type="file"]').setInputFiles(fixture);
    const mapping = page.getByRole('table', { name: 'Column mapping' });
    await mapping.waitFor();
    expect(await page.getByRole('textbox', { name: 'Import column Email as' }).inputValue()).toBe('Email');
    expect(await page.getByRole('textbox', { name: 'Import column Tags as' }).inputValue()).toMatch(/^Tags/);
    await page.getByText('4 rows', { exact: true }).waitFor();
    await page.getByRole('table', { name: 'Sample rows' }).getByText('not-an-email').waitFor();
    await h.screenshot('22-import-mapping');
    await page.getByRole('button', { name: 'Next: options' }).click();
  });

  await h.step('import-options', async () => {
    const form = page.getByRole('form', { name: 'Import options' });
    await form.getByLabel('Tags for every row').fill('spring-import');
    await form.getByLabel('Tags for every row').press('Enter');
    await form.getByLabel('They consented').check();
    await h.screenshot('23-import-options');
    await form.getByRole('button', { name: 'Start import' }).click();
  });

  await h.step('import-result', async () => {
    await page.waitForURL(/\/leads\/import\?id=\d+/);
    await page.getByTestId('import-status').filter({ hasText: 'Done' }).waitFor();
    expect(
      await page.getByRole('progressbar', { name: 'Import progress' }).getAttribute('aria-valuenow'),
    ).toBe('100');
    expect(await page.getByTestId('stat-created').textContent()).toBe('3');
    expect(await page.getByTestId('stat-errors').textContent()).toBe('1');
    const problems = page.getByRole('table', { name: 'Rows not imported' });
    await problems.getByText('is not a valid email address').waitFor();
    await h.screenshot('24-import-result');

    const href = await page.getByRole('link', { name: 'Download error CSV' }).getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/imports\/\d+\/errors\.csv$/);
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/csv');
    const csv = await res.text();
    expect(csv).toContain('not-an-email');
    expect(csv).not.toContain('ann@example.com');
  });

  await h.step('list-and-filter', async () => {
    await page.getByRole('link', { name: 'View leads tagged “spring-import”' }).click();
    await page.waitForURL('**/leads?tag=spring-import');
    await leadsTable.getByRole('link', { name: 'ann@example.com' }).waitFor();
    expect(await leadRows.count()).toBe(3);

    await page.getByRole('textbox', { name: 'Tag' }).click();
    await page.getByRole('option', { name: 'vip', exact: true }).click();
    await page.waitForURL('**/leads?tag=vip');
    await leadsTable.getByRole('link', { name: 'bob@example.com' }).waitFor();
    await leadsTable.getByRole('link', { name: 'cat@example.com' }).waitFor({ state: 'detached' });
    expect(await leadRows.count()).toBe(2);
    await h.screenshot('25-leads-filtered');
  });

  await h.step('lead-detail-timeline', async () => {
    await leadsTable.getByRole('link', { name: 'ann@example.com' }).click();
    await page.getByRole('heading', { name: 'Ann Lee', level: 1 }).waitFor();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText('Created by CSV import').waitFor();
    await timeline.getByText(/by CSV import #\d+/).waitFor();
    await timeline.getByText(/Tags: .*vip/).waitFor();
  });

  await h.step('edit-details', async () => {
    await page.getByRole('tab', { name: 'Details' }).click();
    const details = page.getByRole('form', { name: 'Lead details' });
    expect(await details.getByLabel('Phone', { exact: true }).inputValue()).toBe('+1 555 0101');
    // The server's per-field message lands next to the field it names.
    await details.getByLabel('Twitter').fill('x'.repeat(300));
    await details.getByLabel('City').fill('Porto');
    await details.getByRole('button', { name: 'Save details' }).click();
    await details.getByText('Must be at most 255 characters').waitFor();
    await h.screenshot('26-lead-detail-field-error');
    await details.getByLabel('Twitter').fill('@annlee');
    await details.getByRole('button', { name: 'Save details' }).click();
    await page.getByText('Lead saved').waitFor();
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.getByRole('region', { name: 'Timeline' }).getByText('City: empty → “Porto”').waitFor();
  });

  await h.step('add-tag-on-detail', async () => {
    const form = page.getByRole('form', { name: 'Add tag' });
    await form.getByLabel('Add tag').fill('webinar');
    await form.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('list', { name: 'Tags of this lead' }).getByText('webinar').waitFor();
    await page.getByRole('region', { name: 'Timeline' }).getByText('Tag “webinar” applied').waitFor();
    await page
      .getByRole('region', { name: 'Timeline' })
      .getByText(/by you/)
      .first()
      .waitFor();
    await h.screenshot('27-lead-detail');
  });

  await h.step('bulk-subscribe', async () => {
    await page.getByRole('link', { name: 'All leads' }).first().click();
    await page.waitForURL(/\/leads$/);
    await leadsTable.waitFor();
    expect(await leadRows.count()).toBe(3);
    await leadsTable.getByRole('checkbox', { name: 'Select ann@example.com' }).check();
    await leadsTable.getByRole('checkbox', { name: 'Select bob@example.com' }).check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await bar.getByText('2 leads selected').waitFor();
    await bar.getByRole('button', { name: 'Subscribe to list' }).click();
    const dialog = page.getByRole('dialog', { name: 'Subscribe?' });
    await dialog.getByRole('textbox', { name: 'List' }).fill('Weekly digest');
    await dialog.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByText('2 leads subscribed to “Weekly digest”.').waitFor();
    await bar.waitFor({ state: 'detached' });
    const annRow = leadRows.filter({ hasText: 'ann@example.com' });
    await annRow.getByText('Weekly digest').waitFor();
    expect(await leadRows.filter({ hasText: 'cat@example.com' }).getByText('Weekly digest').count()).toBe(0);
    await h.screenshot('28-leads-bulk-subscribed');
  });

  await h.step('export', async () => {
    await page.getByRole('textbox', { name: 'List' }).click();
    await page.getByRole('option', { name: 'Weekly digest', exact: true }).click();
    await page.waitForURL(/\/leads\?list=Weekly(\+|%20)digest$/);
    await leadsTable.getByRole('link', { name: 'cat@example.com' }).waitFor({ state: 'detached' });
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(href).toBe('/api/v1/leads/export.csv?list=Weekly+digest');
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/csv');
    const csv = await res.text();
    expect(csv).toContain('ann@example.com');
    expect(csv).toContain('bob@example.com');
    expect(csv).not.toContain('cat@example.com');
  });

  await h.step('add-lead', async () => {
    await page.getByRole('button', { name: 'Add lead' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add lead' });
    await dialog.getByLabel('Email').fill('ANN@example.com');
    await dialog.getByRole('button', { name: 'Add lead' }).click();
    await dialog.getByText('A lead with the email ANN@example.com already exists.').waitFor();
    await dialog.getByLabel('Email').fill('dan@example.com');
    await dialog.getByLabel('First name').fill('Dan');
    await dialog.getByLabel('Tags').fill('walk-in');
    await dialog.getByLabel('Tags').press('Enter');
    await dialog.getByRole('button', { name: 'Add lead' }).click();
    await page.getByRole('heading', { name: 'Dan', level: 1 }).waitFor();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText('Lead created').waitFor();
    await timeline.getByText('Tag “walk-in” applied').waitFor();
    await page.getByRole('link', { name: 'All leads' }).first().click();
    await leadsTable.getByRole('link', { name: 'dan@example.com' }).waitFor();
  });

  await h.step('manage-screens', async () => {
    await page.getByRole('tab', { name: 'Tags' }).click();
    await page.waitForURL('**/leads/tags');
    await page
      .getByRole('table', { name: 'Tags' })
      .getByRole('link', { name: 'Leads with tag vip' })
      .waitFor();
    await h.screenshot('29-leads-tags');
    await page.getByRole('tab', { name: 'Lists' }).click();
    await page.getByRole('table', { name: 'Lists' }).getByText('Weekly digest').waitFor();
    await page.getByRole('tab', { name: 'Custom fields' }).click();
    const form = page.getByRole('form', { name: 'Create custom field' });
    await form.getByLabel('Label').fill('Shirt size');
    await form.getByRole('textbox', { name: 'Type' }).click();
    await page.getByRole('option', { name: 'Drop-down' }).click();
    await form.getByRole('button', { name: 'Create field' }).click();
    await form.getByText('A choice field needs two or more options').waitFor();
    await form.getByLabel('Options').fill('S');
    await form.getByLabel('Options').press('Enter');
    await form.getByLabel('Options').fill('M');
    await form.getByLabel('Options').press('Enter');
    await form.getByRole('button', { name: 'Create field' }).click();
    await page.getByRole('table', { name: 'Custom fields' }).getByText('shirt_size').waitFor();
    await h.screenshot('30-leads-custom-fields');
  });

  await h.step('custom-field-on-lead', async () => {
    await page.getByRole('tab', { name: 'All leads' }).click();
    await leadsTable.getByRole('link', { name: 'bob@example.com' }).click();
    await page.getByRole('heading', { name: 'Bob Ray', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Custom fields' }).click();
    const form = page.getByRole('form', { name: 'Custom fields' });
    await form.getByRole('textbox', { name: 'Shirt size' }).click();
    await page.getByRole('option', { name: 'M', exact: true }).click();
    await form.getByRole('button', { name: 'Save custom fields' }).click();
    await page.getByText('Custom fields saved').waitFor();
    await page.reload();
    await page.getByRole('tab', { name: 'Custom fields' }).click();
    expect(await form.getByRole('textbox', { name: 'Shirt size' }).inputValue()).toBe('M');
  });

  await h.step('mobile', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/leads');
    await leadsTable.waitFor();
    await h.screenshot('31-leads-mobile');
    await leadsTable.getByRole('link', { name: 'ann@example.com' }).click();
    await page.getByRole('heading', { name: 'Ann Lee', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Timeline' }).getByText('Created by CSV import').waitFor();
    await h.screenshot('32-lead-detail-mobile');
    await page.setViewportSize({ width: 1280, height: 860 });
  });
});
