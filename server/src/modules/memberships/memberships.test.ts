import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.js';
import { call, createLead, createMembership, membershipsOf, timeline } from '../automations/testkit.js';

/** The admin API of memberships: levels, the content tree, files, access by hand, tenancy. */

let t: TestApp;
let n = 0;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
const account = () => t.signup(`mem${++n}`);

function upload(name: string, content: string | Buffer) {
  const boundary = `----atrium${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('memberships and levels', () => {
  it('creates, lists, renames, reorders levels, and refuses a taken slug', async () => {
    const s = await account();
    const m = await createMembership(t, s);
    expect(m.json).toMatchObject({
      name: 'Academy',
      slug: 'academy',
      levels: [
        { name: 'Basic', position: 0 },
        { name: 'Gold', position: 1 },
      ],
      members: { active: 0, revoked: 0 },
      portal_url: `http://${s.username}.localhost:3000/m/academy/`,
    });
    const dup = await t.request({
      method: 'POST',
      url: '/api/v1/memberships',
      session: s,
      payload: { name: 'Other', slug: 'Academy', levels: [{ name: 'A' }] },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('slug_taken');
    const bad = await t.request({
      method: 'POST',
      url: '/api/v1/memberships',
      session: s,
      payload: { name: 'Other', slug: 'not ok!', levels: [] },
    });
    expect(bad.statusCode).toBe(400);

    const patched = await call(t, s, 'PATCH', `/memberships/${m.id}`, {
      name: 'The Academy',
      levels: [{ id: m.gold, name: 'Gold' }, { id: m.basic, name: 'Starter' }, { name: 'Platinum' }],
    });
    expect(patched.levels.map((l: { name: string }) => l.name)).toEqual(['Gold', 'Starter', 'Platinum']);
    expect((await call(t, s, 'GET', '/memberships')).memberships).toHaveLength(1);
  });

  it('refuses to delete a level someone holds, and deletes a membership with everything in it', async () => {
    const s = await account();
    const m = await createMembership(t, s, 'club');
    const lead = await createLead(t, s, 'lv@example.com');
    await call(t, s, 'POST', `/memberships/${m.id}/access`, { lead_id: lead.id, level_id: m.gold });
    const res = await t.request({
      method: 'PATCH',
      url: `/api/v1/memberships/${m.id}`,
      session: s,
      payload: { levels: [{ id: m.basic, name: 'Basic' }] },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('level_in_use');
    await call(t, s, 'DELETE', `/memberships/${m.id}/access/${lead.id}`);
    await call(t, s, 'PATCH', `/memberships/${m.id}`, { levels: [{ id: m.basic, name: 'Basic' }] });
    await call(t, s, 'DELETE', `/memberships/${m.id}`, undefined, 204);
    expect(
      (await t.request({ method: 'GET', url: `/api/v1/memberships/${m.id}`, session: s })).statusCode,
    ).toBe(404);
    expect(await membershipsOf(t, s, lead.id)).toEqual([]);
  });
});

describe('content tree', () => {
  let s: Session;
  let m: Awaited<ReturnType<typeof createMembership>>;
  beforeAll(async () => {
    s = await account();
    m = await createMembership(t, s);
  });

  it('builds categories > subcategories > posts, sanitizes bodies and checks video links and levels', async () => {
    const cat = await call(t, s, 'POST', `/memberships/${m.id}/categories`, { name: 'Module 1' }, 201);
    const sub = await call(
      t,
      s,
      'POST',
      `/memberships/${m.id}/subcategories`,
      { category_id: cat.id, name: 'Week 1' },
      201,
    );
    const post = await call(
      t,
      s,
      'POST',
      `/memberships/${m.id}/posts`,
      {
        subcategory_id: sub.id,
        title: 'Welcome',
        body: '<p onclick="steal()">Hi <strong>there</strong><script>alert(1)</script> <a href="https://x.test" target="_blank">link</a> <a href="javascript:alert(1)">bad</a><iframe src="https://evil.test"></iframe></p>',
        level_ids: [m.basic, m.gold],
        video_url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      },
      201,
    );
    expect(post.body).toBe(
      '<p>Hi <strong>there</strong> <a href="https://x.test" target="_blank" rel="noopener noreferrer nofollow">link</a> <a rel="noopener noreferrer nofollow">bad</a></p>',
    );
    expect(post).toMatchObject({
      video_embed_url: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
      level_ids: [m.basic, m.gold],
      release_after_days: 0,
      position: 0,
    });
    for (const [payload, code] of [
      [{ subcategory_id: sub.id, title: 'x', video_url: 'https://evil.test/video' }, 'unsupported_video_url'],
      [{ subcategory_id: sub.id, title: 'x', level_ids: [999999] }, 'level_not_found'],
    ] as const) {
      const res = await t.request({
        method: 'POST',
        url: `/api/v1/memberships/${m.id}/posts`,
        session: s,
        payload,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe(code);
    }
    const vimeo = await call(t, s, 'PATCH', `/memberships/${m.id}/posts/${post.id}`, {
      video_url: 'https://vimeo.com/76979871',
      level_ids: [m.gold],
      release_after_days: 3,
    });
    expect(vimeo).toMatchObject({
      video_embed_url: 'https://player.vimeo.com/video/76979871',
      level_ids: [m.gold],
      release_after_days: 3,
    });
  });

  it('reorders and moves items, and deleting a category removes what is under it', async () => {
    const tree0 = await call(t, s, 'GET', `/memberships/${m.id}/tree`);
    const cat1 = tree0.categories[0];
    const cat2 = await call(t, s, 'POST', `/memberships/${m.id}/categories`, { name: 'Module 2' }, 201);
    const sub2 = await call(
      t,
      s,
      'POST',
      `/memberships/${m.id}/subcategories`,
      { category_id: cat2.id, name: 'Week 2' },
      201,
    );
    const a = await call(
      t,
      s,
      'POST',
      `/memberships/${m.id}/posts`,
      { subcategory_id: sub2.id, title: 'A' },
      201,
    );
    const b = await call(
      t,
      s,
      'POST',
      `/memberships/${m.id}/posts`,
      { subcategory_id: sub2.id, title: 'B' },
      201,
    );
    let tree = await call(t, s, 'POST', `/memberships/${m.id}/reorder`, {
      kind: 'categories',
      ids: [cat2.id, cat1.id],
    });
    expect(tree.categories.map((c: { name: string }) => c.name)).toEqual(['Module 2', 'Module 1']);
    tree = await call(t, s, 'POST', `/memberships/${m.id}/reorder`, {
      kind: 'posts',
      parent_id: sub2.id,
      ids: [b.id, a.id],
    });
    expect(tree.categories[0].subcategories[0].posts.map((p: { title: string }) => p.title)).toEqual([
      'B',
      'A',
    ]);
    // Moving the first subcategory's post "Welcome" into Week 2, first.
    const welcome = cat1.subcategories[0].posts[0];
    tree = await call(t, s, 'POST', `/memberships/${m.id}/reorder`, {
      kind: 'posts',
      parent_id: sub2.id,
      ids: [welcome.id],
    });
    expect(tree.categories[0].subcategories[0].posts.map((p: { title: string }) => p.title)).toEqual([
      'Welcome',
      'B',
      'A',
    ]);
    expect(tree.categories[1].subcategories[0].posts).toEqual([]);
    await call(t, s, 'DELETE', `/memberships/${m.id}/categories/${cat2.id}`, undefined, 204);
    tree = await call(t, s, 'GET', `/memberships/${m.id}/tree`);
    expect(tree.categories.map((c: { name: string }) => c.name)).toEqual(['Module 1']);
    expect(
      (await t.request({ method: 'GET', url: `/api/v1/memberships/${m.id}/posts/${a.id}`, session: s }))
        .statusCode,
    ).toBe(404);
  });

  it('stores files under DATA_DIR/uploads and deletes them with their post', async () => {
    const tree = await call(t, s, 'GET', `/memberships/${m.id}/tree`);
    const sub = tree.categories[0].subcategories[0];
    const post = await call(
      t,
      s,
      'POST',
      `/memberships/${m.id}/posts`,
      { subcategory_id: sub.id, title: 'Files' },
      201,
    );
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/memberships/${m.id}/posts/${post.id}/files`,
      session: s,
      ...upload('../../workbook.pdf', '%PDF-1.4 workbook'),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      file_name: 'workbook.pdf',
      size: 17,
      content_type: 'application/pdf',
    });
    const stored = await t.db.db
      .selectFrom('membership_files')
      .select('storage_key')
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    const file = path.join(t.runtime.deps.config.dataDir, 'uploads', stored.storage_key);
    expect(fs.readFileSync(file, 'utf8')).toBe('%PDF-1.4 workbook');
    const got = await t.request({
      method: 'GET',
      url: `/api/v1/memberships/${m.id}/posts/${post.id}/files/${res.json().id}`,
      session: s,
    });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-disposition']).toBe("attachment; filename*=UTF-8''workbook.pdf");
    expect(got.body).toBe('%PDF-1.4 workbook');
    await call(t, s, 'DELETE', `/memberships/${m.id}/posts/${post.id}`, undefined, 204);
    await new Promise((r) => setTimeout(r, 20));
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('access by hand', () => {
  it('grants by email (creating the lead), by lead id and level name; re-grant after revoke re-sends the welcome', async () => {
    const s = await account();
    const m = await createMembership(t, s);
    const g = await call(t, s, 'POST', `/memberships/${m.id}/access`, {
      email: 'New@Example.com',
      level: 'gold',
    });
    expect(g).toMatchObject({
      change: 'granted',
      status: 'active',
      level_name: 'Gold',
      membership_name: 'Academy',
      source: 'user',
    });
    const again = await call(t, s, 'POST', `/memberships/${m.id}/access`, {
      lead_id: g.lead_id,
      level_id: m.gold,
    });
    expect(again.change).toBe('unchanged');
    const moved = await call(t, s, 'POST', `/memberships/${m.id}/access`, {
      lead_id: g.lead_id,
      level: m.basic,
    });
    expect(moved).toMatchObject({ change: 'level_changed', level_name: 'Basic', granted_at: g.granted_at });
    expect((await t.mailbox()).filter((x) => x.to === 'New@Example.com')).toHaveLength(1);

    t.clock.advance(3_600_000);
    const revoked = await call(t, s, 'DELETE', `/memberships/${m.id}/access/${g.lead_id}`);
    expect(revoked).toMatchObject({ change: 'revoked', status: 'revoked', revoked_at: expect.any(String) });
    t.clock.advance(3_600_000);
    const back = await call(t, s, 'POST', `/memberships/${m.id}/access`, {
      lead_id: g.lead_id,
      level_id: m.gold,
    });
    expect(back).toMatchObject({ change: 'regranted', status: 'active', revoked_at: null });
    expect(back.granted_at > g.granted_at).toBe(true); // the drip schedule starts again
    const mails = (await t.mailbox()).filter((x) => x.to === 'New@Example.com');
    expect(mails).toHaveLength(2);
    expect(mails[0]!.text).toMatch(/set-password\//);

    const members = (await call(t, s, 'GET', `/memberships/${m.id}/members`)).members;
    expect(members).toMatchObject([
      { lead_id: g.lead_id, email: 'New@Example.com', status: 'active', level_name: 'Gold' },
    ]);
    const kinds = (await timeline(t, s, g.lead_id)).map((e) => e.kind);
    expect(kinds.filter((k) => k.startsWith('membership_'))).toEqual([
      'membership_granted',
      'membership_revoked',
      'membership_level_changed',
      'membership_granted',
    ]);
    expect(
      (await t.request({ method: 'DELETE', url: `/api/v1/memberships/${m.id}/access/999999`, session: s }))
        .statusCode,
    ).toBe(404);
    const noLevel = await t.request({
      method: 'POST',
      url: `/api/v1/memberships/${m.id}/access`,
      session: s,
      payload: { lead_id: g.lead_id, level: 'Diamond' },
    });
    expect(noLevel.statusCode).toBe(422);
  });
});

describe('tenancy', () => {
  it("account B can never see or change A's memberships, content, files, members or access", async () => {
    const a = await account();
    const b = await account();
    const m = await createMembership(t, a);
    const cat = await call(t, a, 'POST', `/memberships/${m.id}/categories`, { name: 'C' }, 201);
    const sub = await call(
      t,
      a,
      'POST',
      `/memberships/${m.id}/subcategories`,
      { category_id: cat.id, name: 'S' },
      201,
    );
    const post = await call(
      t,
      a,
      'POST',
      `/memberships/${m.id}/posts`,
      { subcategory_id: sub.id, title: 'P' },
      201,
    );
    const file = (
      await t.request({
        method: 'POST',
        url: `/api/v1/memberships/${m.id}/posts/${post.id}/files`,
        session: a,
        ...upload('a.pdf', 'x'),
      })
    ).json();
    const lead = await createLead(t, a, 'ta@example.com');
    await call(t, a, 'POST', `/memberships/${m.id}/access`, { lead_id: lead.id, level_id: m.gold });

    expect((await call(t, b, 'GET', '/memberships')).memberships).toEqual([]);
    const mb = await createMembership(t, b, 'own');
    for (const [method, url, payload] of [
      ['GET', `/memberships/${m.id}`],
      ['PATCH', `/memberships/${m.id}`, { name: 'Mine' }],
      ['DELETE', `/memberships/${m.id}`],
      ['GET', `/memberships/${m.id}/tree`],
      ['POST', `/memberships/${m.id}/categories`, { name: 'x' }],
      ['PATCH', `/memberships/${m.id}/categories/${cat.id}`, { name: 'x' }],
      ['DELETE', `/memberships/${m.id}/subcategories/${sub.id}`],
      ['GET', `/memberships/${m.id}/posts/${post.id}`],
      ['PATCH', `/memberships/${m.id}/posts/${post.id}`, { title: 'x' }],
      ['GET', `/memberships/${m.id}/posts/${post.id}/files/${file.id}`],
      ['DELETE', `/memberships/${m.id}/posts/${post.id}/files/${file.id}`],
      ['GET', `/memberships/${m.id}/members`],
      ['POST', `/memberships/${m.id}/access`, { lead_id: lead.id, level_id: m.gold }],
      ['DELETE', `/memberships/${m.id}/access/${lead.id}`],
      ['GET', `/leads/${lead.id}/memberships`],
      // B's own membership, A's lead or A's content:
      ['POST', `/memberships/${mb.id}/access`, { lead_id: lead.id, level_id: mb.gold }],
      ['POST', `/memberships/${mb.id}/subcategories`, { category_id: cat.id, name: 'x' }],
      ['POST', `/memberships/${mb.id}/posts`, { subcategory_id: sub.id, title: 'x' }],
      ['GET', `/memberships/${mb.id}/posts/${post.id}`],
    ] as const) {
      const res = await t.request({
        method,
        url: `/api/v1${url}`,
        session: b,
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const reorder = await t.request({
      method: 'POST',
      url: `/api/v1/memberships/${mb.id}/reorder`,
      session: b,
      payload: { kind: 'categories', ids: [cat.id] },
    });
    expect(reorder.statusCode).toBe(404);
    // Nothing of A's changed.
    expect((await call(t, a, 'GET', `/memberships/${m.id}/tree`)).categories).toHaveLength(1);
    expect(await membershipsOf(t, a, lead.id)).toMatchObject([{ status: 'active' }]);
  });
});
