import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.js';
import { safeCell } from './export.js';
import { importAll, leadsOf } from './testkit.js';

describe('tenant isolation', () => {
  let t: TestApp;
  let a: Session;
  let b: Session;
  beforeEach(async () => {
    t = await createTestApp();
    a = await t.signup('alpha');
    b = await t.signup('bravo');
  });
  afterEach(() => t.close());

  it('account B can never read or change A’s leads, tags, lists, custom fields or imports', async () => {
    const req = (s: Session, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      t.request({ method, url: `/api/v1${url}`, session: s, ...(payload ? { payload } : {}) });
    const lead = (
      await req(a, 'POST', '/leads', { email: 'secret@example.com', tags: ['A tag'], lists: ['A list'] })
    ).json();
    const tag = (await req(a, 'GET', '/tags')).json().tags[0];
    const list = (await req(a, 'GET', '/lists')).json().lists[0];
    const field = (
      await req(a, 'POST', '/custom-fields', { identifier: 'secret', type: 'input_field' })
    ).json();
    const imp = await importAll(t, a, 'Email\nbad-email\nx@example.com\n');

    const attempts: [string, Awaited<ReturnType<typeof req>>][] = [
      ['get lead', await req(b, 'GET', `/leads/${lead.id}`)],
      ['patch lead', await req(b, 'PATCH', `/leads/${lead.id}`, { first_name: 'Hacked' })],
      ['delete lead', await req(b, 'DELETE', `/leads/${lead.id}`)],
      ['timeline', await req(b, 'GET', `/leads/${lead.id}/timeline`)],
      ['tag lead', await req(b, 'POST', `/leads/${lead.id}/tags`, { tag: 'x' })],
      ['untag lead', await req(b, 'DELETE', `/leads/${lead.id}/tags/${tag.id}`)],
      ['subscribe lead', await req(b, 'POST', `/leads/${lead.id}/lists`, { list: 'x' })],
      ['unsubscribe lead', await req(b, 'DELETE', `/leads/${lead.id}/lists/${list.id}`)],
      ['rename tag', await req(b, 'PATCH', `/tags/${tag.id}`, { name: 'Mine' })],
      ['delete tag', await req(b, 'DELETE', `/tags/${tag.id}`)],
      ['rename list', await req(b, 'PATCH', `/lists/${list.id}`, { name: 'Mine' })],
      ['delete list', await req(b, 'DELETE', `/lists/${list.id}`)],
      ['patch field', await req(b, 'PATCH', `/custom-fields/${field.id}`, { label: 'Mine' })],
      ['delete field', await req(b, 'DELETE', `/custom-fields/${field.id}`)],
      ['get import', await req(b, 'GET', `/imports/${imp.id}`)],
      ['import errors', await req(b, 'GET', `/imports/${imp.id}/errors.csv`)],
      ['cancel import', await req(b, 'DELETE', `/imports/${imp.id}`)],
    ];
    for (const [what, res] of attempts) expect(res.statusCode, what).toBe(404);

    const bulk = await req(b, 'POST', '/leads/bulk', { ids: [lead.id], action: 'delete' });
    expect(bulk.json()).toEqual({ affected: 0 });
    // B's own filters by A's tag or list name or id find nothing of A's.
    expect(await leadsOf(t, b)).toEqual([]);
    expect(await leadsOf(t, b, `&tag=${tag.id}`)).toEqual([]);
    expect(await leadsOf(t, b, '&tag=A%20tag')).toEqual([]);
    expect((await req(b, 'GET', '/tags')).json().tags).toEqual([]);
    expect((await req(b, 'GET', '/lists')).json().lists).toEqual([]);
    expect((await req(b, 'GET', '/custom-fields')).json().custom_fields).toEqual([]);
    expect((await req(b, 'GET', '/imports')).json().imports).toEqual([]);
    const exportB = await req(b, 'GET', '/leads/export.csv');
    expect(exportB.body).not.toContain('secret@example.com');
    // Same email in B is B's own lead: no clash with A's.
    expect((await req(b, 'POST', '/leads', { email: 'secret@example.com' })).statusCode).toBe(201);
    // B importing the same email creates B's lead; A's lead is untouched.
    await importAll(t, b, 'Email,First Name\nsecret@example.com,Bravo\n', { update_existing: true });

    const still = (await req(a, 'GET', `/leads/${lead.id}`)).json();
    expect(still).toMatchObject({
      email: 'secret@example.com',
      first_name: null,
      tags: [{ name: 'A tag' }],
      lists: [{ name: 'A list', status: 'subscribed' }],
    });
    expect((await req(a, 'GET', '/custom-fields')).json().custom_fields).toHaveLength(1);
    expect((await req(a, 'GET', `/imports/${imp.id}`)).json().status).toBe('completed');
  });
});

describe('export', () => {
  let t: TestApp;
  let s: Session;
  beforeEach(async () => {
    t = await createTestApp();
    s = await t.signup('shop');
  });
  afterEach(() => t.close());

  it('neutralises spreadsheet formulas but keeps plain numbers', () => {
    expect(safeCell('=HYPERLINK("http://evil","x")')).toBe('\'=HYPERLINK("http://evil","x")');
    expect(safeCell('+cmd|"/c calc"!A0')).toBe('\'+cmd|"/c calc"!A0');
    expect(safeCell('-2+3')).toBe("'-2+3");
    expect(safeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCell('\t=1')).toBe("'\t=1");
    expect(safeCell('-5')).toBe('-5');
    expect(safeCell('+15551234567')).toBe('+15551234567');
    expect(safeCell('Ada')).toBe('Ada');
  });

  it('streams the filtered leads with every field, tags, lists and custom fields, formula-safe', async () => {
    await t.request({
      method: 'POST',
      url: '/api/v1/custom-fields',
      session: s,
      payload: { identifier: 'goal', type: 'input_field' },
    });
    await t.request({
      method: 'POST',
      url: '/api/v1/leads',
      session: s,
      payload: {
        email: 'evil@example.com',
        first_name: '=cmd|"/c calc"!A0',
        company: 'Acme, "Inc"',
        notes: 'two\nlines',
        tags: ['b', 'a'],
        lists: ['News'],
        custom_fields: { goal: '@evil' },
      },
    });
    await t.request({
      method: 'POST',
      url: '/api/v1/leads',
      session: s,
      payload: { email: 'plain@example.com', tags: ['other'] },
    });
    const res = await t.request({ method: 'GET', url: '/api/v1/leads/export.csv?tag=a', session: s });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('leads.csv');
    const body = res.body.replace(/^\uFEFF/, '');
    const [head] = body.split('\n');
    expect(head).toBe(
      'id,email,first_name,middle_name,last_name,last_name2,phone,phone_country_code,company,address,city,zip,state,country,website,facebook,twitter,linkedin,ip,lead_preferred_time_zone,sales_tax_id,notes,score,source,blocked,gdpr_status,gdpr_date,gdpr_ip,created_at,updated_at,tags,lists,goal',
    );
    expect(body).toContain('"\'=cmd|""/c calc""!A0"');
    expect(body).toContain('"Acme, ""Inc"""');
    expect(body).toContain('"two\nlines"');
    expect(body).toContain("a; b,News,'@evil");
    expect(body).not.toContain('plain@example.com');

    // The export is an import file: it maps back onto the same fields.
    const p = await t.request({ method: 'GET', url: '/api/v1/leads/export.csv', session: s });
    const again = await importAll(t, await t.signup('copy'), p.body);
    expect(again).toMatchObject({ created: 2, failed: 0 });
  });
});
