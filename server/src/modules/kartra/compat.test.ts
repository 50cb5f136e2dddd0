import qs from 'qs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { call, createList, createTag, timeline } from '../automations/testkit.js';
import { kartraAccount, leadByEmail, phpCall, post, seedFields } from './testkit.js';

/**
 * The compatibility suite: the request sets real Kartra clients send (kartra-api.md §3), replayed
 * as those clients put them on the wire, and every answer checked field by field.
 */

let t: TestApp;
let n = 0;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
const account = () => kartraAccount(t, `kapi${++n}`);

describe('connection checks, in Kartra order', () => {
  it('answers 202/203/233/204/238/239/240/223/224/236/206/254 with HTTP 200 and Kartra text', async () => {
    const k = await account();
    const cases: [Record<string, unknown>, { message: string; type: string }][] = [
      [{}, { message: 'API key cannot be empty. Please get an API key first', type: '202' }],
      [
        { api_key: 'nope', api_password: k.api_password, app_id: 'x' },
        { message: 'API key not valid. Please get an API key first', type: '203' },
      ],
      [
        { api_key: k.api_key, api_password: 'wrong', app_id: 'x' },
        { message: 'API password not valid. Please get an API password first', type: '233' },
      ],
      [
        { api_key: k.api_key, api_password: k.api_password },
        { message: 'App Id cannot be empty. Please get an App Id first', type: '238' },
      ],
      [
        { ...k.creds, lead: 'x' },
        { message: "'lead' not an array", type: '223' },
      ],
      [
        { ...k.creds, lead: { email: 'a@example.com' }, actions: 'assign_tag' },
        { message: "'actions' not an array", type: '224' },
      ],
      [
        { ...k.creds, get_lead: 'a@example.com' },
        { message: "'get_lead' not an array", type: '236' },
      ],
      [
        { ...k.creds, actions: [{ cmd: 'assign_tag', tag_name: 'T' }] },
        { message: 'email or lead id is required. Nothing done', type: '206' },
      ],
      [
        { ...k.creds, lead: { email: 'a@example.com' }, actions: [{ tag_name: 'T' }] },
        { message: "'cmd' is required", type: '254' },
      ],
      [{ ...k.creds }, { message: "'cmd' is required", type: '254' }],
      [
        { ...k.creds, actions: Array.from({ length: 101 }, () => ({ cmd: 'retrieve_account_tags' })) },
        { message: 'At most 100 actions can be sent in one call', type: '299' },
      ],
    ];
    for (const [body, expected] of cases) {
      const res = await post(t, qs.stringify(body));
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(res.json, JSON.stringify(body)).toEqual({ status: 'Error', ...expected });
    }

    // Restricted to registered apps: an unknown app is 239, a blocked one 240.
    await call(t, k.session, 'PATCH', '/api-credentials', { restrict_apps: true });
    const retrieve = { actions: [{ cmd: 'retrieve_account_tags' }] };
    expect((await post(t, qs.stringify({ ...k.creds, ...retrieve }))).json).toEqual({
      status: 'Error',
      message: 'App Id is not valid. The app does not exists or is inactive',
      type: '239',
    });
    const app = await call(t, k.session, 'POST', '/api-apps', { app_id: k.app_id, name: 'Mine' });
    expect(app).toMatchObject({ app_id: k.app_id, status: 'registered', name: 'Mine' });
    expect((await post(t, qs.stringify({ ...k.creds, ...retrieve }))).json).toEqual({
      status: 'Success',
      account_tags: [],
      actions: [{ retrieve_account_tags: { status: 'Success', account_tags: [] } }],
    });
    await call(t, k.session, 'PATCH', `/api-apps/${app.id}`, { status: 'blocked' });
    expect((await post(t, qs.stringify({ ...k.creds, ...retrieve }))).json).toEqual({
      status: 'Error',
      message: 'App Account inactive',
      type: '240',
    });
    const apps = await call(t, k.session, 'GET', '/api-apps');
    expect(apps.apps.find((a: { app_id: string }) => a.app_id === k.app_id)).toMatchObject({
      status: 'blocked',
      calls: 10, // every call with valid credentials and this app id, refused ones included
      refused: 2,
    });
    const unknown = apps.apps.find((a: { app_id: string }) => a.app_id === 'x');
    expect(unknown).toBeUndefined(); // failed credentials never reach the app checks

    // An inactive account: 204.
    await t.db.db.updateTable('accounts').set({ active: 0 }).where('id', '=', k.session.accountId).execute();
    expect((await post(t, qs.stringify({ ...k.creds, ...retrieve }))).json).toEqual({
      status: 'Error',
      message: 'API Account inactive',
      type: '204',
    });
  });

  it('records any new app id as seen; regenerating stops the old pair at once', async () => {
    const k = await account();
    const body = { ...k.creds, app_id: 'ZAPLIKE', actions: [{ cmd: 'retrieve_account_lists' }] };
    expect((await post(t, qs.stringify(body))).json.status).toBe('Success');
    const apps = await call(t, k.session, 'GET', '/api-apps');
    expect(apps.apps).toMatchObject([{ app_id: 'ZAPLIKE', status: 'seen', calls: 1, refused: 0 }]);
    const masked = await call(t, k.session, 'GET', '/api-credentials');
    expect(masked).toMatchObject({ configured: true, restrict_apps: false, api_password: '••••••••' });
    expect(masked.api_key).toBe(`${k.api_key.slice(0, 4)}…${k.api_key.slice(-4)}`);
    // Stored hashed: neither secret is in the table.
    const row = await t.db.db
      .selectFrom('kartra_credentials')
      .selectAll()
      .where('account_id', '=', k.session.accountId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(k.api_key);
    expect(JSON.stringify(row)).not.toContain(k.api_password);

    const fresh = await call(t, k.session, 'POST', '/api-credentials/regenerate');
    expect((await post(t, qs.stringify(body))).json.type).toBe('203');
    const again = { ...body, api_key: fresh.api_key, api_password: fresh.api_password };
    expect((await post(t, qs.stringify(again))).json.status).toBe('Success');
  });

  it('answers 429 over 20 calls in a second per app; other apps and the next second go on', async () => {
    const k = await account();
    const body = (app: string) =>
      qs.stringify({ ...k.creds, app_id: app, actions: [{ cmd: 'retrieve_account_tags' }] });
    for (let i = 0; i < 20; i++) expect((await post(t, body('A'))).status).toBe(200);
    const over = await post(t, body('A'));
    expect(over.status).toBe(429);
    expect(over.headers['retry-after']).toBe('1');
    expect(over.json).toEqual({ status: 'Error', message: 'Too many requests', type: '429' });
    expect((await post(t, body('B'))).status).toBe(200);
    t.clock.advance(1000);
    expect((await post(t, body('A'))).status).toBe(200);
  });
});

describe('201: plain http where Atrium is served over https', () => {
  it('refuses http, accepts https as told by a trusted proxy', async () => {
    const secure = await createTestApp({ PUBLIC_SCHEME: 'https', TRUST_PROXY: '1' });
    try {
      const k = await kartraAccount(secure, 'kapis');
      const body = qs.stringify({ ...k.creds, actions: [{ cmd: 'retrieve_account_tags' }] });
      expect((await post(secure, body)).json).toEqual({
        status: 'Error',
        message: 'Connection not secure',
        type: '201',
      });
      const viaProxy = await post(secure, body, { headers: { 'x-forwarded-proto': 'https' } });
      expect(viaProxy.json.status).toBe('Success');
    } finally {
      await secure.close();
    }
  });
});

describe('WP Fusion (includes/crms/kartra/class-kartra.php)', () => {
  it('syncs tags, lists and fields, finds, creates, updates and tags contacts', async () => {
    const k = await account();
    await createTag(t, k.session, 'Customer');
    await createTag(t, k.session, 'VIP');
    await createList(t, k.session, 'Newsletter');
    const opts = await seedFields(t, k.session);
    const base = { app_id: k.app_id, api_key: k.api_key, api_password: k.api_password };

    // connect / sync_tags
    const tags = await phpCall(t, { ...base, actions: [{ cmd: 'retrieve_account_tags' }] });
    expect(tags.json).toEqual({
      status: 'Success',
      account_tags: ['Customer', 'VIP'],
      actions: [{ retrieve_account_tags: { status: 'Success', account_tags: ['Customer', 'VIP'] } }],
    });
    // sync_lists
    const lists = await phpCall(t, { ...base, actions: [{ cmd: 'retrieve_account_lists' }] });
    expect(lists.json.account_lists).toEqual(['Newsletter']);
    // sync_crm_fields
    const fields = await phpCall(t, { ...base, actions: [{ cmd: 'retrieve_custom_fields' }] });
    expect(fields.json.status).toBe('Success');
    expect(fields.json.custom_fields).toEqual([
      expect.objectContaining({ field_identifier: 'text1', field_type: 'input_field', field_value: [] }),
      expect.objectContaining({
        field_identifier: 'dropdown1',
        field_type: 'drop_down',
        field_value: [
          { option_id: expect.any(String), option_value: 'A' },
          { option_id: opts.dropdownB, option_value: 'B' },
        ],
      }),
      expect.objectContaining({ field_identifier: 'checkbox1', field_type: 'checkbox' }),
    ]);

    // get_contact_id: not found is exactly "No lead found"
    const missing = await phpCall(t, { ...base, get_lead: { email: 'jane@example.com' } });
    expect(missing.json).toEqual({ status: 'Error', message: 'No lead found', type: '234' });

    // add_contact: create_lead + subscribe lists + custom fields
    const added = await phpCall(t, {
      ...base,
      lead: {
        email: 'jane@example.com',
        first_name: 'Jane',
        last_name: 'Doe',
        phone: '555 0100',
        ip: '203.0.113.9',
        custom_fields: [
          { field_identifier: 'text1', field_value: 'hello world' },
          { field_identifier: 'dropdown1', field_value: opts.dropdownB },
        ],
      },
      actions: [{ cmd: 'create_lead' }, { cmd: 'subscribe_lead_to_list', list_name: 'Newsletter' }],
    });
    expect(added.status).toBe(200);
    expect(added.json.status).toBe('Success');
    const id = added.json.actions[0].create_lead.lead_details.id;
    expect(id).toMatch(/^\d+$/);
    expect(added.json.actions[0].create_lead).toMatchObject({ status: 'Success', message: 'Lead created' });
    expect(added.json.actions[1]).toEqual({
      subscribe_lead_to_list: { status: 'Success', message: 'Lead subscribed to list', type: '101' },
    });
    expect(added.json.lead_details.id).toBe(id);
    expect(added.json).toMatchObject({ message: 'Lead subscribed to list', type: '101' });

    // get_contact_id by email, load_contact / get_tags by id
    expect(
      (await phpCall(t, { ...base, get_lead: { email: 'JANE@example.com' } })).json.lead_details.id,
    ).toBe(id);

    // apply_tags by lead[id], one action per tag
    const tagged = await phpCall(t, {
      ...base,
      lead: { id },
      actions: [
        { cmd: 'assign_tag', tag_name: 'Customer' },
        { cmd: 'assign_tag', tag_name: 'VIP' },
      ],
    });
    expect(tagged.json).toEqual({
      status: 'Success',
      message: 'Tag added to lead',
      type: '103',
      actions: [
        { assign_tag: { status: 'Success', message: 'Tag added to lead', type: '103' } },
        { assign_tag: { status: 'Success', message: 'Tag added to lead', type: '103' } },
      ],
    });
    const loaded = await phpCall(t, { ...base, get_lead: { id } });
    expect(loaded.json.status).toBe('Success');
    const d = loaded.json.lead_details;
    expect(d).toMatchObject({
      id,
      email: 'jane@example.com',
      first_name: 'Jane',
      last_name: 'Doe',
      middle_name: '',
      phone: '555 0100',
      ip: '203.0.113.9',
      source: 'api',
      score: 0,
      blacklisted: 0,
      date_joined: expect.stringMatching(/^2026-03-01 05:00:\d\d$/), // 10:00 UTC is 05:00 in New York (EST)
      tags: [
        { tag_id: expect.any(String), tag_name: 'Customer' },
        { tag_id: expect.any(String), tag_name: 'VIP' },
      ],
      lists: [
        {
          list_id: expect.any(String),
          list_name: 'Newsletter',
          active: '1',
          subscribed_at: expect.any(String),
        },
      ],
      memberships: [],
    });
    expect(d.custom_fields).toEqual([
      expect.objectContaining({
        field_identifier: 'text1',
        field_type: 'input_field',
        field_value: 'hello world',
      }),
      expect.objectContaining({
        field_identifier: 'dropdown1',
        field_value: [{ option_id: opts.dropdownB, option_value: 'B' }],
      }),
      expect.objectContaining({ field_identifier: 'checkbox1', field_value: [] }),
    ]);

    // remove_tags
    const untagged = await phpCall(t, {
      ...base,
      lead: { id },
      actions: [{ cmd: 'unassign_tag', tag_name: 'VIP' }],
    });
    expect(untagged.json.actions[0]).toEqual({
      unassign_tag: { status: 'Success', message: 'Tag removed from lead', type: '104' },
    });

    // update_contact: stray lead[cmd], lead[id], lead[new_email], fields, actions[0][cmd]=edit_lead
    const edited = await phpCall(t, {
      ...base,
      lead: {
        cmd: 'edit_lead',
        id,
        new_email: 'jane.doe@example.com',
        first_name: 'Janet',
        custom_fields: [{ field_identifier: 'text1', field_value: '' }],
      },
      actions: [{ cmd: 'edit_lead' }],
    });
    expect(edited.json.status).toBe('Success');
    expect(edited.json.lead_details).toMatchObject({
      id,
      email: 'jane.doe@example.com',
      first_name: 'Janet',
    });
    const lead = await leadByEmail(t, k.session, 'jane.doe@example.com');
    expect(lead).toMatchObject({
      first_name: 'Janet',
      tags: [{ name: 'Customer' }],
      custom_fields: { text1: null, dropdown1: 'B' },
    });
    // Everything the API did is on the timeline as the API with the app's id.
    const entries = await timeline(t, k.session, Number(id));
    expect(entries.length).toBeGreaterThanOrEqual(5);
    for (const e of entries) expect(e).toMatchObject({ source: 'kartra_api', source_id: k.app_id });

    // Errors WP Fusion turns into WP_Error: a tag that does not exist.
    const bad = await phpCall(t, {
      ...base,
      lead: { id },
      actions: [{ cmd: 'assign_tag', tag_name: 'Nope' }],
    });
    expect(bad.json).toEqual({
      status: 'Error',
      message: 'Tag does not exist',
      type: '212',
      actions: [{ assign_tag: { status: 'Error', message: 'Tag does not exist', type: '212' } }],
    });
  });
});

describe("Kartra's PHP sample (creating a lead)", () => {
  it('creates with custom fields (text, dropdown option id, checkbox ids) and a tag; search_lead', async () => {
    const k = await account();
    await createTag(t, k.session, 'Membership2024 - GBP 30 Trial');
    const opts = await seedFields(t, k.session);
    const sample = {
      app_id: k.app_id,
      api_key: k.api_key,
      api_password: k.api_password,
      lead: {
        email: 'testkartra@gmail.com',
        first_name: 'Test',
        last_name: 'Kartra',
        custom_fields: {
          '0': { field_identifier: 'text1', field_value: 'text message' },
          '1': { field_identifier: 'dropdown1', field_value: opts.dropdownB },
          '2': { field_identifier: 'checkbox1', field_value: [opts.checkboxX, opts.checkboxZ] },
        },
      },
      actions: {
        '0': { cmd: 'create_lead' },
        '1': { cmd: 'assign_tag', tag_name: 'Membership2024 - GBP 30 Trial' },
      },
    };
    const res = await phpCall(t, sample);
    expect(res.json.status).toBe('Success');
    expect(res.json.lead_details).toMatchObject({ email: 'testkartra@gmail.com', first_name: 'Test' });
    expect(res.json.actions[1]).toEqual({
      assign_tag: { status: 'Success', message: 'Tag added to lead', type: '103' },
    });
    const lead = await leadByEmail(t, k.session, 'testkartra@gmail.com');
    expect(lead).toMatchObject({
      custom_fields: { text1: 'text message', dropdown1: 'B', checkbox1: ['X', 'Z'] },
      tags: [{ name: 'Membership2024 - GBP 30 Trial' }],
      source: 'kartra_api',
    });

    // The same sample again: the lead exists (244), the tag action still applies to it.
    const again = await phpCall(t, sample);
    expect(again.json.status).toBe('Error');
    expect(again.json).toMatchObject({ message: 'Lead already exists', type: '244' });
    expect(again.json.actions[0].create_lead).toMatchObject({
      status: 'Error',
      message: 'Lead already exists',
      type: '244',
      lead_details: { id: String(lead!.id) },
    });
    expect(again.json.actions[1].assign_tag.status).toBe('Success');

    const found = await phpCall(t, {
      app_id: k.app_id,
      api_key: k.api_key,
      api_password: k.api_password,
      lead: { email: 'testkartra@gmail.com' },
      actions: { '0': { cmd: 'search_lead' } },
    });
    expect(found.json.status).toBe('Success');
    expect(found.json.lead_details.id).toBe(String(lead!.id));
    const none = await phpCall(t, {
      app_id: k.app_id,
      api_key: k.api_key,
      api_password: k.api_password,
      lead: { email: 'nobody@example.com' },
      actions: { '0': { cmd: 'search_lead' } },
    });
    expect(none.json).toEqual({
      status: 'Error',
      message: 'No lead found',
      type: '243',
      actions: [{ search_lead: { status: 'Error', message: 'No lead found', type: '243' } }],
    });

    // A checkbox option that is not one of the field's: 271, and nothing of the action stays.
    const wrong = await phpCall(t, {
      app_id: k.app_id,
      api_key: k.api_key,
      api_password: k.api_password,
      lead: {
        email: 'other@example.com',
        custom_fields: [{ field_identifier: 'checkbox1', field_value: ['999999'] }],
      },
      actions: [{ cmd: 'create_lead' }],
    });
    expect(wrong.json).toMatchObject({ status: 'Error', message: 'Wrong custom field format', type: '271' });
    expect(await leadByEmail(t, k.session, 'other@example.com')).toBeUndefined();
  });
});

describe('Advanced Form Integration (JSON body, credentials in the query string)', () => {
  it('old shape: lead as a one-element list; list fetch with a JSON body', async () => {
    const k = await account();
    await createList(t, k.session, 'Leads 2024');
    const q = `app_id=${k.app_id}&api_key=${k.api_key}&api_password=${k.api_password}`;
    const lists = await post(t, JSON.stringify({ actions: [{ cmd: 'retrieve_account_lists' }] }), {
      url: `/api?${q}`,
      contentType: 'application/json',
    });
    expect(lists.json).toMatchObject({ status: 'Success', account_lists: ['Leads 2024'] });
    const body = {
      lead: [{ email: 'afi@example.com', first_name: 'Afi', last_name: 'Form', phone: '' }],
      actions: [{ cmd: 'create_lead' }, { cmd: 'subscribe_lead_to_list', list_name: 'Leads 2024' }],
    };
    const res = await post(t, JSON.stringify(body), { url: `/api?${q}`, contentType: 'application/json' });
    expect(res.json.status).toBe('Success');
    expect(res.json.actions[1].subscribe_lead_to_list.type).toBe('101');
    expect(await leadByEmail(t, k.session, 'afi@example.com')).toMatchObject({
      first_name: 'Afi',
      lists: [{ name: 'Leads 2024', status: 'subscribed' }],
    });
  });

  it('new shape: flat lead, credentials both in the query string and in the JSON body', async () => {
    const k = await account();
    const q = `app_id=${k.app_id}&api_key=${k.api_key}&api_password=${k.api_password}`;
    const res = await post(
      t,
      JSON.stringify({
        ...k.creds,
        lead: { email: 'afi2@example.com', first_name: 'New' },
        actions: [{ cmd: 'create_lead' }],
      }),
      { url: `/api/?${q}`, contentType: 'application/json' },
    );
    expect(res.json).toMatchObject({ status: 'Success', lead_details: { email: 'afi2@example.com' } });
    // A body with the wrong password wins over the query string's right one (PHP $_REQUEST order).
    const wrong = await post(
      t,
      JSON.stringify({ api_password: 'bad', actions: [{ cmd: 'retrieve_account_tags' }] }),
      {
        url: `/api?${q}`,
        contentType: 'application/json',
      },
    );
    expect(wrong.json.type).toBe('233');
  });
});

describe('NestJS client (axios + qs.stringify) and the TypeScript upsert client', () => {
  it('create_lead + assign_tag, subscribe, calendar (Kartra’s does-not-exist), get_lead', async () => {
    const k = await account();
    await createTag(t, k.session, 'Signup from App');
    await createList(t, k.session, 'App Wait List');
    const signup = await post(
      t,
      qs.stringify({
        ...k.creds,
        'lead[email]': 'nest@example.com',
        'lead[first_name]': 'Nest',
        'lead[last_name]': 'Js',
        'actions[0][cmd]': 'create_lead',
        'actions[1][cmd]': 'assign_tag',
        'actions[1][tag_name]': 'Signup from App',
      }),
    );
    expect(signup.json.status).toBe('Success');
    expect(signup.json.actions[0].create_lead.lead_details.email).toBe('nest@example.com');
    const sub = await post(
      t,
      qs.stringify({
        ...k.creds,
        'lead[email]': 'nest@example.com',
        'actions[0][cmd]': 'subscribe_lead_to_list',
        'actions[0][list_name]': 'App Wait List',
      }),
    );
    expect(sub.json.actions[0].subscribe_lead_to_list).toEqual({
      status: 'Success',
      message: 'Lead subscribed to list',
      type: '101',
    });
    const cal = await post(
      t,
      qs.stringify({
        ...k.creds,
        'lead[email]': 'nest@example.com',
        'actions[0][calendar_name]': 'Coaching',
        'actions[0][class_name]': 'Intro',
        'actions[0][cmd]': 'calendar_subscribe',
      }),
    );
    expect(cal.json.actions[0].calendar_subscribe).toEqual({
      status: 'Error',
      message: 'Calendar does not exist',
      type: '257',
    });
    const got = await post(t, qs.stringify({ ...k.creds, 'get_lead[email]': 'nest@example.com' }));
    expect(got.json.lead_details.tags).toEqual([{ tag_id: expect.any(String), tag_name: 'Signup from App' }]);
  });

  it('upsert: create_lead → 244 → edit_lead, then subscribe and tag (URLSearchParams bodies)', async () => {
    const k = await account();
    await createTag(t, k.session, 'Upserted');
    await createList(t, k.session, 'Main');
    const opts = await seedFields(t, k.session);
    const flat = (lead: Record<string, string>, actions: Record<string, string>[]) => {
      const p = new URLSearchParams(k.creds);
      for (const [f, v] of Object.entries(lead)) p.append(`lead[${f}]`, v);
      p.append('lead[custom_fields][0][field_identifier]', 'dropdown1');
      p.append('lead[custom_fields][0][field_value]', opts.dropdownB);
      actions.forEach((a, i) => {
        for (const [f, v] of Object.entries(a)) p.append(`actions[${i}][${f}]`, v);
      });
      return p.toString();
    };
    const first = await post(
      t,
      flat({ email: 'up@example.com', first_name: 'One' }, [{ cmd: 'create_lead' }]),
    );
    expect(first.json.status).toBe('Success');
    const dup = await post(t, flat({ email: 'up@example.com', first_name: 'Two' }, [{ cmd: 'create_lead' }]));
    expect(dup.json.type).toBe('244');
    const edit = await post(
      t,
      flat({ email: 'up@example.com', first_name: 'Two' }, [
        { cmd: 'edit_lead' },
        { cmd: 'subscribe_lead_to_list', list_name: 'Main' },
        { cmd: 'assign_tag', tag_name: 'Upserted' },
      ]),
    );
    expect(edit.json.status).toBe('Success');
    expect(edit.json.actions.map((a: object) => Object.keys(a)[0])).toEqual([
      'edit_lead',
      'subscribe_lead_to_list',
      'assign_tag',
    ]);
    expect(await leadByEmail(t, k.session, 'up@example.com')).toMatchObject({
      first_name: 'Two',
      tags: [{ name: 'Upserted' }],
      lists: [{ name: 'Main' }],
      custom_fields: { dropdown1: 'B' },
    });
  });

  it('raw brackets, /api/ with a trailing slash, lead[id] wins over lead[email]', async () => {
    const k = await account();
    await createTag(t, k.session, 'Raw');
    const a = await post(
      t,
      `app_id=${k.app_id}&api_key=${k.api_key}&api_password=${k.api_password}&lead[email]=a@example.com&actions[0][cmd]=create_lead`,
      {
        url: '/api/',
      },
    );
    const b = await post(
      t,
      `app_id=${k.app_id}&api_key=${k.api_key}&api_password=${k.api_password}&lead[email]=b@example.com&actions[0][cmd]=create_lead`,
    );
    const idA = a.json.lead_details.id;
    expect(b.json.lead_details.id).not.toBe(idA);
    const res = await post(
      t,
      `app_id=${k.app_id}&api_key=${k.api_key}&api_password=${k.api_password}&lead[id]=${idA}&lead[email]=b@example.com&actions[0][cmd]=assign_tag&actions[0][tag_name]=Raw`,
    );
    expect(res.json.status).toBe('Success');
    expect((await leadByEmail(t, k.session, 'a@example.com'))!.tags).toEqual([
      expect.objectContaining({ name: 'Raw' }),
    ]);
    expect((await leadByEmail(t, k.session, 'b@example.com'))!.tags).toEqual([]);
  });
});

describe('other commands and error paths', () => {
  it('points, lists, custom field creation, sequences, transactions, unknown commands', async () => {
    const k = await account();
    await createList(t, k.session, 'L');
    const base = { ...k.creds, lead: { email: 'p@example.com' } };
    await post(t, qs.stringify({ ...base, actions: [{ cmd: 'create_lead' }] }));
    const pts = await post(
      t,
      qs.stringify({
        ...base,
        actions: [
          { cmd: 'give_points_to_lead', points: '10', expiration: '2' },
          { cmd: 'remove_points_from_lead', points: '3' },
          { cmd: 'give_points_to_lead', points: '' },
          { cmd: 'give_points_to_lead', tag_name: 'NoobTask bug' },
          { cmd: 'remove_points_from_lead', points: 'ten' },
        ],
      }),
    );
    expect(pts.json.actions).toEqual([
      { give_points_to_lead: { status: 'Success', message: 'Points added to lead', type: '105' } },
      { remove_points_from_lead: { status: 'Success', message: 'Points removed from lead', type: '106' } },
      { give_points_to_lead: { status: 'Error', message: 'Points cannot be empty', type: '215' } },
      { give_points_to_lead: { status: 'Error', message: 'Points cannot be empty', type: '215' } },
      { remove_points_from_lead: { status: 'Error', message: 'Points is not a number', type: '228' } },
    ]);
    expect(pts.json).toMatchObject({ status: 'Error', type: '215' });
    expect((await leadByEmail(t, k.session, 'p@example.com'))!.score).toBe(7);
    // The 10 points expire after 2 days.
    t.clock.advance(2 * 24 * 3600_000 + 1000);
    await t.runJobs();
    expect((await leadByEmail(t, k.session, 'p@example.com'))!.score).toBe(-3);

    const listOps = await post(
      t,
      qs.stringify({
        ...base,
        actions: [
          { cmd: 'subscribe_lead_to_list', list_name: '' },
          { cmd: 'subscribe_lead_to_list', list_name: 'Nope' },
          { cmd: 'unsubscribe_lead_from_list', list_name: 'L' },
          { cmd: 'unsubscribe_lead_from_list', list_name: 'Nope' },
          { cmd: 'assign_tag', tag_name: '' },
          { cmd: 'unassign_tag', tag_name: 'Nope' },
          { cmd: 'subscribe_lead_to_sequence_at_step', sequence_name: 'S', step: '1' },
          { cmd: 'unsubscribe_lead_from_sequence', sequence_name: '' },
          { cmd: 'calendar_cancel', calendar_name: 'C' },
          { cmd: 'remove_tag', tag_name: 'x' },
        ],
      }),
    );
    expect(
      listOps.json.actions.map((a: Record<string, { type: string }>) => Object.values(a)[0]!.type),
    ).toEqual(['207', '231', '101', '209', '211', '214', '219', '226', '256', '254']);

    const cf = await post(
      t,
      qs.stringify({
        ...k.creds,
        actions: [
          {
            cmd: 'create_custom_field',
            custom_field_identifier: 'color',
            custom_field_type: 'radio_button',
            custom_field_options: [{ option_name: 'Red' }, { option_name: 'Blue' }],
          },
          { cmd: 'create_custom_field', custom_field_identifier: 'color', custom_field_type: 'input_field' },
          {
            cmd: 'create_custom_field',
            custom_field_identifier: 'bad id!',
            custom_field_type: 'input_field',
          },
          { cmd: 'create_custom_field', custom_field_identifier: 'x', custom_field_type: 'slider' },
          {
            cmd: 'create_custom_field',
            custom_field_identifier: 'y',
            custom_field_type: 'checkbox',
            custom_field_options: [{ option_name: 'One' }],
          },
          { cmd: 'create_custom_field', custom_field_identifier: '', custom_field_type: 'input_field' },
        ],
      }),
    );
    expect(cf.json.actions.map((a: Record<string, { type: string }>) => Object.values(a)[0]!.type)).toEqual([
      '114',
      '264',
      '263',
      '269',
      '273',
      '265',
    ]);
    const fields = await call(t, k.session, 'GET', '/custom-fields');
    expect(fields.custom_fields ?? fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ identifier: 'color', type: 'radio_button' })]),
    );

    const tx = await post(
      t,
      qs.stringify({
        ...k.creds,
        actions: [
          { cmd: 'search_transaction', transaction_id: '792354' },
          { cmd: 'get_subscription_details', subscription_id: '14833' },
        ],
      }),
    );
    expect(tx.json.actions).toEqual([
      { search_transaction: { status: 'Error', message: "Transaction doesn't exist", type: '247' } },
      { get_subscription_details: { status: 'Error', message: "Subscription doesn't exist", type: '248' } },
    ]);
    const fromLead = await post(
      t,
      qs.stringify({ ...base, actions: [{ cmd: 'retrieve_transactions_from_lead' }] }),
    );
    expect(fromLead.json).toMatchObject({ status: 'Success', transaction_list: [] });

    // A lead command on an unknown lead, and a deleted lead.
    const unknown = await post(
      t,
      qs.stringify({
        ...k.creds,
        lead: { email: 'zz@example.com' },
        actions: [{ cmd: 'assign_tag', tag_name: 'x' }],
      }),
    );
    expect(unknown.json.type).toBe('212');
    const lead = await leadByEmail(t, k.session, 'p@example.com');
    await call(t, k.session, 'DELETE', `/leads/${lead!.id}`);
    const gone = await post(
      t,
      qs.stringify({ ...base, actions: [{ cmd: 'subscribe_lead_to_list', list_name: 'L' }] }),
    );
    expect(gone.json.actions[0].subscribe_lead_to_list).toEqual({
      status: 'Error',
      message: 'Lead is deleted',
      type: '245',
    });
    const missing = await post(
      t,
      qs.stringify({
        ...k.creds,
        lead: { email: 'zz@example.com' },
        actions: [{ cmd: 'subscribe_lead_to_list', list_name: 'L' }],
      }),
    );
    expect(missing.json.actions[0].subscribe_lead_to_list).toEqual({
      status: 'Error',
      message: 'No lead found',
      type: '234',
    });
    // Re-creating a deleted lead's e-mail restores it (Kartra's recovery).
    const restored = await post(t, qs.stringify({ ...base, actions: [{ cmd: 'create_lead' }] }));
    expect(restored.json.lead_details.id).toBe(String(lead!.id));
  });

  it('one account can never reach another account’s leads through the API', async () => {
    const a = await account();
    const b = await account();
    await createTag(t, b.session, 'T');
    const made = await post(
      t,
      qs.stringify({ ...a.creds, lead: { email: 'mine@example.com' }, actions: [{ cmd: 'create_lead' }] }),
    );
    const id = made.json.lead_details.id;
    const byId = await post(t, qs.stringify({ ...b.creds, get_lead: { id } }));
    expect(byId.json).toEqual({ status: 'Error', message: 'No lead found', type: '234' });
    const byEmail = await post(t, qs.stringify({ ...b.creds, get_lead: { email: 'mine@example.com' } }));
    expect(byEmail.json.type).toBe('234');
    const tag = await post(
      t,
      qs.stringify({ ...b.creds, lead: { id }, actions: [{ cmd: 'assign_tag', tag_name: 'T' }] }),
    );
    expect(tag.json.actions[0].assign_tag.type).toBe('234');
    expect((await call(t, b.session, 'GET', '/leads')).leads).toEqual([]);

    // Apps and credentials are the account's own.
    const appsOfA = (await call(t, a.session, 'GET', '/api-apps')).apps;
    expect(appsOfA).toHaveLength(1);
    expect(
      (await call(t, b.session, 'GET', '/api-apps')).apps.map((x: { id: number }) => x.id),
    ).not.toContain(appsOfA[0].id);
    await call(t, b.session, 'PATCH', `/api-apps/${appsOfA[0].id}`, { status: 'blocked' }, 404);
    await call(t, b.session, 'DELETE', `/api-apps/${appsOfA[0].id}`, undefined, 404);
    expect((await call(t, a.session, 'GET', '/api-apps')).apps[0].status).toBe('seen');
    const other = await t.signup(`kapi${++n}`);
    expect(await call(t, other, 'GET', '/api-credentials')).toMatchObject({
      configured: false,
      api_key: null,
    });
    await call(t, other, 'PATCH', '/api-credentials', { restrict_apps: true }, 409);
  });
});
