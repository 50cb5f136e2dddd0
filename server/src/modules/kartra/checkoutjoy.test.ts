import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import {
  createAutomation,
  createMembership,
  createTag,
  type Json,
  membershipsOf,
  runs,
  settle,
  timeline,
} from '../automations/testkit.js';
import { httpBuildQuery, kartraAccount } from './testkit.js';

/**
 * CheckoutJoy's documented flow (kartra-api.md §2.5), over real HTTP: on a sale it creates or
 * updates the buyer's lead and assigns the product's tag, and an automation grants the
 * membership; on cancellation it unassigns the tag and the automation revokes it. A call replayed
 * (a retry) changes nothing.
 */

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

async function kartra(body: Record<string, unknown>) {
  const res = await fetch(`${base}/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: httpBuildQuery(body as never),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}

describe('CheckoutJoy → Kartra API → automation → membership', () => {
  it('grants on sale, revokes on cancellation; replays change nothing', async () => {
    const k = await kartraAccount(t, 'cjoy', 'CHECKOUTJOY');
    const m = await createMembership(t, k.session);
    const tag = await createTag(t, k.session, 'Academy Gold');
    await createAutomation(t, k.session, {
      trigger: { type: 'tag_applied', tag_id: tag },
      steps: [{ type: 'grant_membership', membership_id: m.id, level_id: m.gold }],
    });
    await createAutomation(t, k.session, {
      trigger: { type: 'tag_removed', tag_id: tag },
      steps: [{ type: 'revoke_membership', membership_id: m.id }],
    });

    const sale = {
      ...k.creds,
      lead: { email: 'buyer@example.com', first_name: 'Bea', last_name: 'Buyer', country: 'GB' },
      actions: [{ cmd: 'create_lead' }, { cmd: 'assign_tag', tag_name: 'Academy Gold' }],
    };
    const first = await kartra(sale);
    expect(first).toMatchObject({
      status: 'Success',
      actions: [
        { create_lead: { status: 'Success' } },
        { assign_tag: { status: 'Success', message: 'Tag added to lead', type: '103' } },
      ],
    });
    const leadId = Number(first.lead_details.id);
    await settle(t);
    const granted = await membershipsOf(t, k.session, leadId);
    expect(granted).toMatchObject([{ membership_id: m.id, level_id: m.gold, status: 'active' }]);
    const welcome = (await t.mailbox()).filter((x) => x.to === 'buyer@example.com');
    expect(welcome).toHaveLength(1);

    // get_lead shows the membership the way Kartra clients read it.
    const got = await kartra({ ...k.creds, get_lead: { email: 'buyer@example.com' } });
    expect(got.lead_details.memberships).toEqual([
      {
        membership_id: String(m.id),
        membership_name: 'Academy',
        name: 'Academy',
        level_id: String(m.gold),
        level_name: 'Gold',
        active: '1',
        granted_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      },
    ]);

    // CheckoutJoy retries the sale (a timeout on its side): nothing changes.
    const entriesBefore = (await timeline(t, k.session, leadId)).length;
    const runsBefore = (await runs(t, k.session)).length;
    const replay = await kartra(sale);
    expect(replay).toMatchObject({ status: 'Error', type: '244', message: 'Lead already exists' });
    expect(replay.actions[1].assign_tag.status).toBe('Success');
    await settle(t);
    expect((await timeline(t, k.session, leadId)).length).toBe(entriesBefore);
    expect((await runs(t, k.session)).length).toBe(runsBefore);
    expect((await t.mailbox()).filter((x) => x.to === 'buyer@example.com')).toHaveLength(1);

    // Cancellation: the tag comes off, the automation revokes access.
    const cancel = {
      ...k.creds,
      lead: { email: 'buyer@example.com' },
      actions: [{ cmd: 'unassign_tag', tag_name: 'Academy Gold' }],
    };
    expect(await kartra(cancel)).toMatchObject({ status: 'Success', type: '104' });
    await settle(t);
    expect(await membershipsOf(t, k.session, leadId)).toMatchObject([
      { membership_id: m.id, status: 'revoked' },
    ]);
    const revokedRuns = (await runs(t, k.session)).length;
    expect(await kartra(cancel)).toMatchObject({ status: 'Success', type: '104' });
    await settle(t);
    expect((await runs(t, k.session)).length).toBe(revokedRuns);
    expect(await membershipsOf(t, k.session, leadId)).toMatchObject([{ status: 'revoked' }]);
    const lastEntries = await timeline(t, k.session, leadId);
    expect(lastEntries.find((e) => e.kind === 'tag_removed')).toMatchObject({
      source: 'kartra_api',
      source_id: 'CHECKOUTJOY',
    });
  });
});
