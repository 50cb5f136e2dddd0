import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.js';
import { emitEvent } from '../../worker/index.js';
import { importAll } from '../leads/testkit.js';
import { FORM_SUBMITTED, PRODUCT_PURCHASED, SUBSCRIPTION_CANCELLED } from './events.js';
import {
  call,
  createAutomation,
  createLead,
  createList,
  createMembership,
  createTag,
  membershipsOf,
  runs,
  settle,
  tagLead,
  timeline,
  untagLead,
} from './testkit.js';

/** The engine end to end over HTTP: each trigger, each database step, revoke, re-grant, loops. */

let t: TestApp;
let n = 0;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
const account = () => t.signup(`eng${++n}`);

describe('tag applied → membership granted', () => {
  let s: Session;
  let m: Awaited<ReturnType<typeof createMembership>>;
  let leadId: number;
  beforeAll(async () => {
    s = await account();
    m = await createMembership(t, s);
    const gold = await createTag(t, s, 'Gold');
    await createAutomation(t, s, {
      name: 'Gold buyers',
      trigger: { type: 'tag_applied', tag_id: gold },
      steps: [{ type: 'grant_membership', membership_id: m.id, level_id: m.gold }],
    });
    await createAutomation(t, s, {
      name: 'Gold cancelled',
      trigger: { type: 'tag_removed', tag_id: gold },
      steps: [{ type: 'revoke_membership', membership_id: m.id }],
    });
    leadId = (await createLead(t, s, 'ada@example.com', { first_name: 'Ada' })).id;
  });

  it('grants access, mails the welcome with a set-password link, logs the run and the timeline', async () => {
    await tagLead(t, s, leadId, 'Gold');
    await settle(t);
    expect(await membershipsOf(t, s, leadId)).toMatchObject([
      {
        membership_id: m.id,
        membership_name: 'Academy',
        level_id: m.gold,
        level_name: 'Gold',
        status: 'active',
        revoked_at: null,
        source: 'automation',
      },
    ]);
    // The lead itself carries its memberships (API.md).
    expect((await call(t, s, 'GET', `/leads/${leadId}`)).memberships).toEqual([
      {
        membership_id: m.id,
        membership_name: 'Academy',
        level_id: m.gold,
        level_name: 'Gold',
        status: 'active',
        granted_at: expect.any(String),
        revoked_at: null,
        source: 'automation',
        source_id: expect.stringMatching(/^\d+$/),
      },
    ]);
    const mails = (await t.mailbox()).filter((x) => x.to === 'ada@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Your access to Academy');
    expect(mails[0]!.text).toMatch(
      new RegExp(`http://${s.username}\\.localhost(:\\d+)?/m/academy/set-password/[\\w-]{20,}`),
    );
    const [run] = await runs(t, s);
    expect(run).toMatchObject({
      automation_name: 'Gold buyers',
      lead_id: leadId,
      lead_email: 'ada@example.com',
      status: 'done',
      step: 1,
      error: null,
      trigger: { type: 'tag_applied' },
    });
    expect(run!.steps).toEqual([
      { index: 0, type: 'grant_membership', done_at: expect.any(String), detail: { change: 'granted' } },
    ]);
    const kinds = (await timeline(t, s, leadId)).map((e) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['tag_applied', 'membership_granted', 'automation_completed']),
    );
    // A run that ends in the transaction it started in has one entry.
    expect(kinds.filter((k) => k.startsWith('automation_'))).toEqual(['automation_completed']);
    const member = (await call(t, s, 'GET', `/memberships/${m.id}/members`)).members;
    expect(member).toMatchObject([
      { lead_id: leadId, email: 'ada@example.com', status: 'active', password_set: false },
    ]);
  });

  it('revokes on tag removal; tagging again re-grants and re-sends the welcome', async () => {
    await untagLead(t, s, leadId, 'Gold');
    await settle(t);
    expect(await membershipsOf(t, s, leadId)).toMatchObject([
      { status: 'revoked', revoked_at: expect.any(String) },
    ]);
    t.clock.advance(60_000);
    await tagLead(t, s, leadId, 'Gold');
    await settle(t);
    const [access] = await membershipsOf(t, s, leadId);
    expect(access).toMatchObject({ status: 'active', revoked_at: null });
    const mails = (await t.mailbox()).filter((x) => x.to === 'ada@example.com');
    expect(mails).toHaveLength(2);
    expect((await runs(t, s))[0]!.steps[0].detail).toEqual({ change: 'regranted' });
  });

  it('does nothing for a paused automation', async () => {
    const other = await createTag(t, s, 'Paused');
    const a = await createAutomation(t, s, {
      active: false,
      trigger: { type: 'tag_applied', tag_id: other },
      steps: [{ type: 'apply_tag', tag_id: other }],
    });
    const before = (await runs(t, s)).length;
    await tagLead(t, s, leadId, 'Paused');
    await settle(t);
    expect((await runs(t, s)).length).toBe(before);
    expect((await runs(t, s, `&automation_id=${a.id}`)).length).toBe(0);
  });
});

describe('triggers', () => {
  it('lead_created, list_subscribed, list_unsubscribed and tag_removed start runs', async () => {
    const s = await account();
    const marker = await createTag(t, s, 'Marker');
    const list = await createList(t, s, 'News');
    const old = await createTag(t, s, 'Old');
    const rule = (trigger: object, name: string) =>
      createAutomation(t, s, { name, trigger, steps: [{ type: 'apply_tag', tag_id: marker }] });
    await rule({ type: 'lead_created' }, 'created');
    await rule({ type: 'list_subscribed', list_id: list }, 'subscribed');
    await rule({ type: 'list_unsubscribed', list_id: list }, 'unsubscribed');
    await rule({ type: 'tag_removed', tag_id: old }, 'untagged');
    const lead = await createLead(t, s, 'bo@example.com', { tags: ['Old'] });
    await call(t, s, 'POST', `/leads/${lead.id}/lists`, { list: 'News' });
    await call(t, s, 'DELETE', `/leads/${lead.id}/lists/News`);
    await untagLead(t, s, lead.id, 'Old');
    await settle(t);
    const done = await runs(t, s, '&status=done');
    expect(done.map((r) => r.automation_name).sort()).toEqual([
      'created',
      'subscribed',
      'unsubscribed',
      'untagged',
    ]);
    expect(done.map((r) => r.trigger.type).sort()).toEqual([
      'lead_created',
      'list_subscribed',
      'list_unsubscribed',
      'tag_removed',
    ]);
    const got = await call(t, s, 'GET', `/leads/${lead.id}`);
    expect(got.tags.map((x: { name: string }) => x.name)).toEqual(['Marker']);
  });

  it('form_submitted, product_purchased and subscription_cancelled start runs for the id they name', async () => {
    const s = await account();
    const marker = await createTag(t, s, 'Marker');
    const lead = await createLead(t, s, 'cy@example.com');
    for (const [type, field] of [
      ['form_submitted', 'form_id'],
      ['product_purchased', 'product_id'],
      ['subscription_cancelled', 'product_id'],
    ] as const)
      await createAutomation(t, s, {
        name: type,
        trigger: { type, [field]: 7 },
        steps: [{ type: 'apply_tag', tag_id: marker }],
      });
    const at = t.clock.now();
    await t.db.db.transaction().execute(async (trx) => {
      await emitEvent(trx, {
        accountId: s.accountId,
        type: FORM_SUBMITTED,
        payload: { lead_id: lead.id, form_id: 7 },
        at,
      });
      await emitEvent(trx, {
        accountId: s.accountId,
        type: FORM_SUBMITTED,
        payload: { lead_id: lead.id, form_id: 8 },
        at,
      });
      await emitEvent(trx, {
        accountId: s.accountId,
        type: PRODUCT_PURCHASED,
        payload: { lead_id: lead.id, product_id: 7, order_id: 1 },
        at,
      });
      await emitEvent(trx, {
        accountId: s.accountId,
        type: SUBSCRIPTION_CANCELLED,
        payload: { lead_id: lead.id, product_id: 7, subscription_id: 3 },
        at,
      });
    });
    await settle(t);
    const done = await runs(t, s, '&status=done');
    expect(done.map((r) => r.automation_name).sort()).toEqual([
      'form_submitted',
      'product_purchased',
      'subscription_cancelled',
    ]);
  });
  it('imported leads start tag_applied and lead_created automations, one run per lead', async () => {
    const s = await account();
    const vip = await createTag(t, s, 'VIP');
    const marker = await createTag(t, s, 'Welcomed');
    const m = await createMembership(t, s);
    await createAutomation(t, s, {
      name: 'vip',
      trigger: { type: 'tag_applied', tag_id: vip },
      steps: [{ type: 'grant_membership', membership_id: m.id, level_id: m.gold }],
    });
    await createAutomation(t, s, {
      name: 'new',
      trigger: { type: 'lead_created' },
      steps: [{ type: 'apply_tag', tag_id: marker }],
    });
    const existing = await createLead(t, s, 'old@example.com');
    await settle(t);
    const csv = 'Email,Tags\nold@example.com,VIP\nnew1@example.com,VIP\nnew2@example.com,\n';
    const result = await importAll(t, s, csv, { update_existing: true });
    expect(result).toMatchObject({ created: 2, updated: 1 });
    await settle(t);
    const done = await runs(t, s, '&status=done');
    expect(done.map((r) => `${r.automation_name}:${r.lead_email}`).sort()).toEqual([
      'new:new1@example.com',
      'new:new2@example.com',
      'new:old@example.com',
      'vip:new1@example.com',
      'vip:old@example.com',
    ]);
    expect(await membershipsOf(t, s, existing.id)).toMatchObject([{ status: 'active', level_name: 'Gold' }]);
  });
});

describe('steps', () => {
  it('apply_tag, remove_tag, subscribe_list, unsubscribe_list, send_email and wait run in order', async () => {
    const s = await account();
    const start = await createTag(t, s, 'Start');
    const added = await createTag(t, s, 'Added');
    const list = await createList(t, s, 'Course');
    const m = await createMembership(t, s);
    await createAutomation(t, s, {
      name: 'Onboarding',
      trigger: { type: 'tag_applied', tag_id: start },
      steps: [
        { type: 'apply_tag', tag_id: added },
        { type: 'subscribe_list', list_id: list },
        { type: 'grant_membership', membership_id: m.id, level_id: m.basic },
        { type: 'send_email', subject: 'Hi {first_name}', body: 'Welcome, {first_name}!\n\nSee you.' },
        { type: 'wait', days: 2 },
        { type: 'remove_tag', tag_id: start },
        { type: 'unsubscribe_list', list_id: list },
        { type: 'revoke_membership', membership_id: m.id },
      ],
    });
    const lead = await createLead(t, s, 'di@example.com', { first_name: 'Di' });
    await tagLead(t, s, lead.id, 'Start');
    await settle(t);
    let [run] = await runs(t, s);
    expect(run).toMatchObject({ status: 'pending', step: 5, resume_at: expect.any(String) });
    let got = await call(t, s, 'GET', `/leads/${lead.id}`);
    expect(got.tags.map((x: { name: string }) => x.name).sort()).toEqual(['Added', 'Start']);
    expect(got.lists).toMatchObject([{ name: 'Course', status: 'subscribed' }]);
    expect(await membershipsOf(t, s, lead.id)).toMatchObject([{ status: 'active', level_name: 'Basic' }]);
    const mail = (await t.mailbox()).find((x) => x.to === 'di@example.com' && x.subject === 'Hi Di');
    expect(mail?.text).toBe('Welcome, Di!\n\nSee you.\n');

    t.clock.advance(47 * 3_600_000);
    await settle(t);
    expect((await runs(t, s))[0]).toMatchObject({ status: 'pending', step: 5 });
    t.clock.advance(3_600_000 + 1000);
    await settle(t);
    [run] = await runs(t, s);
    expect(run).toMatchObject({ status: 'done', step: 8, resume_at: null });
    expect(run!.steps.every((x: { done_at: string | null }) => x.done_at)).toBe(true);
    got = await call(t, s, 'GET', `/leads/${lead.id}`);
    expect(got.tags.map((x: { name: string }) => x.name)).toEqual(['Added']);
    expect(got.lists).toMatchObject([{ name: 'Course', status: 'unsubscribed' }]);
    expect(await membershipsOf(t, s, lead.id)).toMatchObject([{ status: 'revoked' }]);
    // The step effects carry the run as their source on the lead's timeline.
    const entries = await timeline(t, s, lead.id);
    expect(entries.find((e) => e.kind === 'tag_applied' && e.detail.tag === 'Added')).toMatchObject({
      source: 'automation',
      source_id: String(run!.id),
    });
    expect(entries.map((e) => e.kind)).toContain('email_queued');
  });

  it('pausing an automation cancels its waiting runs before their next step', async () => {
    const s = await account();
    const start = await createTag(t, s, 'Start');
    const later = await createTag(t, s, 'Later');
    const a = await createAutomation(t, s, {
      trigger: { type: 'tag_applied', tag_id: start },
      steps: [
        { type: 'wait', minutes: 30 },
        { type: 'apply_tag', tag_id: later },
      ],
    });
    const lead = await createLead(t, s, 'ed@example.com', { tags: ['Start'] });
    await settle(t);
    await call(t, s, 'PATCH', `/automations/${a.id}`, { active: false });
    t.clock.advance(31 * 60_000);
    await settle(t);
    const [run] = await runs(t, s);
    expect(run).toMatchObject({ status: 'cancelled', error: 'The automation was paused before step 2 ran.' });
    expect((await call(t, s, 'GET', `/leads/${lead.id}`)).tags.map((x: { name: string }) => x.name)).toEqual([
      'Start',
    ]);
  });

  it('a step naming something deleted fails the run with a clear error', async () => {
    const s = await account();
    const start = await createTag(t, s, 'Start');
    const gone = await createTag(t, s, 'Gone');
    await createAutomation(t, s, {
      trigger: { type: 'tag_applied', tag_id: start },
      steps: [{ type: 'apply_tag', tag_id: gone }],
    });
    await call(t, s, 'DELETE', `/tags/${gone}`);
    await createLead(t, s, 'fi@example.com', { tags: ['Start'] });
    await settle(t);
    const [run] = await runs(t, s, '&status=failed');
    expect(run?.error).toBe(`Step 1 failed: The tag ${gone} no longer exists; edit the automation.`);
  });
});

describe('loops', () => {
  it('stops A → B → A for the same lead and reports it on the run and the timeline', async () => {
    const s = await account();
    const x = await createTag(t, s, 'X');
    const y = await createTag(t, s, 'Y');
    await createAutomation(t, s, {
      name: 'A',
      trigger: { type: 'tag_applied', tag_id: x },
      steps: [
        { type: 'remove_tag', tag_id: y },
        { type: 'apply_tag', tag_id: y },
      ],
    });
    await createAutomation(t, s, {
      name: 'B',
      trigger: { type: 'tag_applied', tag_id: y },
      steps: [
        { type: 'remove_tag', tag_id: x },
        { type: 'apply_tag', tag_id: x },
      ],
    });
    const lead = await createLead(t, s, 'lo@example.com');
    await tagLead(t, s, lead.id, 'X');
    await settle(t);
    const all = await runs(t, s);
    expect(all.map((r) => `${r.automation_name}:${r.status}`)).toEqual(['A:failed', 'B:done', 'A:done']);
    const failed = all[0]!;
    expect(failed.error).toMatch(/^Loop stopped: this automation was started again for the same lead/);
    expect(failed.chain).toHaveLength(3);
    expect(failed.replayable).toBe(false);
    const replay = await t.request({
      method: 'POST',
      url: `/api/v1/automation-runs/${failed.id}/replay`,
      session: s,
    });
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error.code).toBe('not_replayable');
    expect((await timeline(t, s, lead.id)).find((e) => e.kind === 'automation_failed')?.detail.error).toBe(
      failed.error,
    );
  });
});
