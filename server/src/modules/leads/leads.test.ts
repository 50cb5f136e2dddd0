import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.js';
import { leadsOf } from './testkit.js';

describe('leads API', () => {
  let t: TestApp;
  let s: Session;
  beforeEach(async () => {
    t = await createTestApp();
    s = await t.signup('shop');
  });
  afterEach(() => t.close());

  const post = (url: string, payload: unknown) =>
    t.request({ method: 'POST', url: `/api/v1${url}`, session: s, payload: payload as object });
  const get = (url: string) => t.request({ method: 'GET', url: `/api/v1${url}`, session: s });
  const events = async () =>
    (await t.db.db.selectFrom('events').select(['type', 'payload']).orderBy('id').execute()).map((e) => ({
      type: e.type,
      ...JSON.parse(e.payload),
    }));

  it('creates a lead with Kartra’s fields, tags, lists, custom fields and GDPR; email unique without case', async () => {
    await post('/custom-fields', { identifier: 'plan', type: 'radio_button', options: ['Gold', 'Silver'] });
    const res = await post('/leads', {
      email: 'Ada@Example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
      phone: '+44 20 7946 0000',
      sales_tax_id: 'GB1',
      custom_fields: { plan: 'silver' },
      tags: ['VIP'],
      lists: ['Newsletter'],
      score: 5,
      gdpr: { status: 'consented', ip: '81.2.69.160' },
    });
    expect(res.statusCode).toBe(201);
    const lead = res.json();
    expect(lead).toMatchObject({
      email: 'Ada@Example.com',
      first_name: 'Ada',
      custom_fields: { plan: 'Silver' },
      tags: [{ name: 'VIP' }],
      lists: [{ name: 'Newsletter', status: 'subscribed' }],
      score: 5,
      source: 'user',
      blocked: false,
      gdpr: { status: 'consented', ip: '81.2.69.160', date: t.clock.now().toISOString() },
      memberships: [],
    });
    const dup = await post('/leads', { email: 'ada@EXAMPLE.com' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'lead_exists', details: { lead_id: lead.id } });
    expect((await events()).map((e) => e.type)).toEqual([
      'lead.created',
      'lead.tag_applied',
      'lead.list_subscribed',
    ]);
    expect((await events())[1]).toMatchObject({ lead_id: lead.id, tag_id: lead.tags[0].id, source: 'user' });

    const bad = await post('/leads', { email: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('email');
    const unknownField = await post('/leads', { email: 'x@example.com', custom_fields: { shoe: '42' } });
    expect(unknownField.statusCode).toBe(422);
    expect(unknownField.json().error.code).toBe('unknown_custom_field');
    const badOption = await post('/leads', { email: 'x@example.com', custom_fields: { plan: 'Bronze' } });
    expect(badOption.json().error.code).toBe('invalid_custom_value');
  });

  it('changes, deletes softly and restores on re-create, all on the timeline', async () => {
    const { id } = (await post('/leads', { email: 'ada@example.com', first_name: 'Ada' })).json();
    const patched = await t.request({
      method: 'PATCH',
      url: `/api/v1/leads/${id}`,
      session: s,
      payload: { first_name: 'Augusta', city: 'London', blocked: true },
    });
    expect(patched.json()).toMatchObject({ first_name: 'Augusta', city: 'London', blocked: true });
    await post('/leads', { email: 'other@example.com' });
    const clash = await t.request({
      method: 'PATCH',
      url: `/api/v1/leads/${id}`,
      session: s,
      payload: { email: 'OTHER@example.com' },
    });
    expect(clash.statusCode).toBe(409);

    expect((await t.request({ method: 'DELETE', url: `/api/v1/leads/${id}`, session: s })).statusCode).toBe(
      204,
    );
    expect((await get(`/leads/${id}`)).statusCode).toBe(404);
    expect((await leadsOf(t, s)).map((l) => l.email)).toEqual(['other@example.com']);

    const again = await post('/leads', { email: 'Ada@example.com', last_name: 'Lovelace' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ id, first_name: null, last_name: 'Lovelace', blocked: false });
    const detail = (await get(`/leads/${id}`)).json();
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'restored',
      'deleted',
      'blocked',
      'updated',
      'created',
    ]);
    expect(detail.timeline[3]).toMatchObject({
      source: 'user',
      detail: {
        changes: {
          first_name: { from: 'Ada', to: 'Augusta' },
          city: { from: null, to: 'London' },
          blocked: { from: 0, to: 1 },
        },
      },
    });
  });

  it('tags, untags, subscribes and unsubscribes one lead, with events', async () => {
    const { id } = (await post('/leads', { email: 'a@example.com' })).json();
    const tagged = await post(`/leads/${id}/tags`, { tag: 'Buyer' });
    expect(tagged.json().tags).toMatchObject([{ name: 'Buyer' }]);
    expect((await post(`/leads/${id}/tags`, { tag: 'buyer' })).json().tags).toHaveLength(1);
    const untagged = await t.request({ method: 'DELETE', url: `/api/v1/leads/${id}/tags/Buyer`, session: s });
    expect(untagged.json().tags).toEqual([]);
    await post(`/leads/${id}/lists`, { list: 'News' });
    const unsub = await t.request({ method: 'DELETE', url: `/api/v1/leads/${id}/lists/news`, session: s });
    expect(unsub.json().lists).toMatchObject([
      { name: 'News', status: 'unsubscribed', unsubscribed_at: t.clock.now().toISOString() },
    ]);
    expect((await events()).map((e) => e.type)).toEqual([
      'lead.created',
      'lead.tag_applied',
      'lead.tag_removed',
      'lead.list_subscribed',
      'lead.list_unsubscribed',
    ]);
    expect(
      (await t.request({ method: 'DELETE', url: `/api/v1/leads/${id}/tags/Nope`, session: s })).statusCode,
    ).toBe(404);
  });

  it('lists with search, filters and cursor pages', async () => {
    for (let i = 0; i < 7; i++) {
      await post('/leads', {
        email: `lead${i}@example.com`,
        first_name: i % 2 ? 'Odd' : 'Even',
        tags: i < 3 ? ['early'] : [],
        lists: i === 6 ? ['VIP list'] : [],
      });
    }
    const page1 = (await get('/leads?limit=3')).json();
    expect(page1.leads.map((l: { email: string }) => l.email)).toEqual([
      'lead6@example.com',
      'lead5@example.com',
      'lead4@example.com',
    ]);
    const page2 = (await get(`/leads?limit=3&cursor=${page1.next_cursor}`)).json();
    expect(page2.leads.map((l: { email: string }) => l.email)).toEqual([
      'lead3@example.com',
      'lead2@example.com',
      'lead1@example.com',
    ]);
    const page3 = (await get(`/leads?limit=3&cursor=${page2.next_cursor}`)).json();
    expect(page3).toMatchObject({ next_cursor: null });
    expect(page3.leads).toHaveLength(1);
    expect((await leadsOf(t, s, '&q=odd')).length).toBe(3);
    expect((await leadsOf(t, s, '&q=LEAD4')).map((l) => l.email)).toEqual(['lead4@example.com']);
    expect((await leadsOf(t, s, '&q=%25')).length).toBe(0);
    expect((await leadsOf(t, s, '&tag=early')).length).toBe(3);
    const tagId = (await get('/tags')).json().tags[0].id;
    expect((await leadsOf(t, s, `&tag=${tagId}`)).length).toBe(3);
    expect((await leadsOf(t, s, '&list=VIP%20list')).map((l) => l.email)).toEqual(['lead6@example.com']);
    expect((await leadsOf(t, s, '&tag=nothing')).length).toBe(0);
    expect((await get('/leads?cursor=abc')).statusCode).toBe(400);
  });

  it('runs bulk actions on the account’s own leads only', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push((await post('/leads', { email: `b${i}@example.com` })).json().id);
    expect((await post('/leads/bulk', { ids, action: 'tag', tag: 'Bulk' })).json()).toEqual({ affected: 4 });
    expect((await leadsOf(t, s, '&tag=Bulk')).length).toBe(4);
    expect(
      (await post('/leads/bulk', { ids: ids.slice(0, 2), action: 'untag', tag: 'Bulk' })).json(),
    ).toEqual({ affected: 2 });
    expect((await leadsOf(t, s, '&tag=Bulk')).length).toBe(2);
    await post('/leads/bulk', { ids, action: 'subscribe', list: 'L' });
    await post('/leads/bulk', { ids: [ids[0]], action: 'unsubscribe', list: 'L' });
    expect((await leadsOf(t, s, '&list=L')).length).toBe(3);
    await post('/leads/bulk', { ids: [ids[1]], action: 'block' });
    expect((await leadsOf(t, s, '&blocked=true')).map((l) => l.id)).toEqual([ids[1]]);
    await post('/leads/bulk', { ids: [ids[1]], action: 'unblock' });
    expect((await post('/leads/bulk', { ids: [ids[2], ids[3]], action: 'delete' })).json()).toEqual({
      affected: 2,
    });
    expect((await leadsOf(t, s)).length).toBe(2);
    const missing = await post('/leads/bulk', { ids, action: 'tag' });
    expect(missing.statusCode).toBe(400);
    const types = (await events()).map((e) => e.type);
    expect(types.filter((x) => x === 'lead.tag_applied')).toHaveLength(4);
    expect(types.filter((x) => x === 'lead.tag_removed')).toHaveLength(2);
  });

  it('manages tags, lists and custom fields', async () => {
    const tag = (await post('/tags', { name: ' Big  Spender ' })).json();
    expect(tag).toMatchObject({ name: 'Big Spender', leads: 0 });
    expect((await post('/tags', { name: 'big spender' })).statusCode).toBe(409);
    const { id } = (await post('/leads', { email: 'a@example.com', tags: ['big spender'] })).json();
    expect((await get('/tags')).json().tags).toMatchObject([{ name: 'Big Spender', leads: 1 }]);
    const renamed = await t.request({
      method: 'PATCH',
      url: `/api/v1/tags/${tag.id}`,
      session: s,
      payload: { name: 'Whale' },
    });
    expect(renamed.json()).toMatchObject({ name: 'Whale', leads: 1 });
    expect(
      (await t.request({ method: 'DELETE', url: `/api/v1/tags/${tag.id}`, session: s })).statusCode,
    ).toBe(204);
    expect((await get(`/leads/${id}`)).json().tags).toEqual([]);
    expect((await post('/lists', { name: 'News' })).statusCode).toBe(201);
    expect((await get('/lists')).json().lists).toMatchObject([{ name: 'News', leads: 0 }]);

    const choice = await post('/custom-fields', { identifier: 'size', type: 'drop_down', options: ['S'] });
    expect(choice.statusCode).toBe(400);
    const field = (
      await post('/custom-fields', {
        identifier: 'size',
        label: 'T-shirt size',
        type: 'checkbox',
        options: ['S', 'M'],
      })
    ).json();
    expect(field).toMatchObject({
      identifier: 'size',
      label: 'T-shirt size',
      type: 'checkbox',
      options: [{ value: 'S' }, { value: 'M' }],
    });
    expect((await post('/custom-fields', { identifier: 'SIZE', type: 'input_field' })).statusCode).toBe(409);
    const more = await t.request({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${field.id}`,
      session: s,
      payload: { add_options: ['L', 'm'] },
    });
    expect(more.json().options.map((o: { value: string }) => o.value)).toEqual(['S', 'M', 'L']);
    const lead = (
      await post('/leads', { email: 'b@example.com', custom_fields: { size: ['M', 'L'] } })
    ).json();
    expect(lead.custom_fields).toEqual({ size: ['M', 'L'] });
    const cleared = await t.request({
      method: 'PATCH',
      url: `/api/v1/leads/${lead.id}`,
      session: s,
      payload: { custom_fields: { size: [] } },
    });
    expect(cleared.json().custom_fields).toEqual({ size: [] });
    expect(
      (await t.request({ method: 'DELETE', url: `/api/v1/custom-fields/${field.id}`, session: s }))
        .statusCode,
    ).toBe(204);
    expect((await get(`/leads/${lead.id}`)).json().custom_fields).toEqual({});
    const targets = (await get('/imports/targets')).json().fields;
    expect(targets.map((f: { value: string }) => f.value)).toContain('lead_preferred_time_zone');
  });

  it('respects the plan’s lead limit', async () => {
    await t.db.db.updateTable('accounts').set({ plan: 'starter' }).where('id', '=', s.accountId).execute();
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      account_id: s.accountId,
      email: `l${i}@example.com`,
      email_normalized: `l${i}@example.com`,
      source: 'import',
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    }));
    for (let i = 0; i < rows.length; i += 500)
      await t.db.db
        .insertInto('leads')
        .values(rows.slice(i, i + 500))
        .execute();
    const res = await post('/leads', { email: 'one-more@example.com' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'plan_limit_reached',
      details: { limit: 'leads', max: 2500 },
    });
  });
});
