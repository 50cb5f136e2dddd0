import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.js';
import {
  call,
  createAutomation,
  createLead,
  createMembership,
  createTag,
  membershipsOf,
  runs,
  settle,
  tagLead,
  timeline,
} from './testkit.js';
import { isPrivateAddress } from './webhook.js';

/** Webhooks (real HTTP servers on loopback), retries, dead runs, replay, SSRF guard, tenancy. */

type Hit = { body: Record<string, unknown>; key: string | undefined };
async function hookServer(host = '127.0.0.1') {
  const hits: Hit[] = [];
  let status = 500;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      hits.push({ body: JSON.parse(body), key: req.headers['idempotency-key'] as string | undefined });
      res.statusCode = status;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}/hook`,
    port: (server.address() as AddressInfo).port,
    hits,
    answer: (s: number) => {
      status = s;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const replay = (t: TestApp, s: Session, id: number) =>
  t.request({ method: 'POST', url: `/api/v1/automation-runs/${id}/replay`, session: s });

describe('with WEBHOOK_ALLOW_PRIVATE=1', () => {
  let t: TestApp;
  let s: Session;
  let hook: Awaited<ReturnType<typeof hookServer>>;
  beforeAll(async () => {
    t = await createTestApp({ WEBHOOK_ALLOW_PRIVATE: '1' });
    s = await t.signup('hooks');
    hook = await hookServer();
  });
  afterAll(async () => {
    await hook.close();
    await t.close();
  });

  it('retries a failing webhook with backoff, ends dead, and a replay finishes the run once', async () => {
    const start = await createTag(t, s, 'Start');
    const done = await createTag(t, s, 'Done');
    await createAutomation(t, s, {
      name: 'Notify',
      trigger: { type: 'tag_applied', tag_id: start },
      steps: [
        { type: 'webhook', url: hook.url },
        { type: 'apply_tag', tag_id: done },
      ],
    });
    const lead = await createLead(t, s, 'wh@example.com', { first_name: 'Wes' });
    await tagLead(t, s, lead.id, 'Start');
    await settle(t);
    let [run] = await runs(t, s);
    expect(run).toMatchObject({
      status: 'pending',
      step: 0,
      attempts: 1,
      error: 'The webhook answered HTTP 500.',
      next_attempt_at: expect.any(String),
      replayable: false,
    });
    expect(hook.hits).toHaveLength(1);
    expect(hook.hits[0]).toEqual({
      key: `automation-run:${run!.id}:0`,
      body: expect.objectContaining({
        event: 'automation.webhook',
        run_id: run!.id,
        step: 0,
        lead: { id: lead.id, email: 'wh@example.com', first_name: 'Wes', last_name: null },
        automation: { id: run!.automation_id, name: 'Notify' },
      }),
    });
    expect((await replay(t, s, run!.id)).statusCode).toBe(409); // still retrying

    for (let i = 0; i < 7; i++) {
      t.clock.advance(2 * 3_600_000);
      await settle(t);
    }
    expect(hook.hits).toHaveLength(8);
    [run] = await runs(t, s, '&status=dead');
    expect(run).toMatchObject({
      status: 'dead',
      attempts: 8,
      error: 'The webhook answered HTTP 500.',
      replayable: true,
    });
    expect(await runs(t, s, '&status=pending')).toEqual([]);

    hook.answer(200);
    const res = await replay(t, s, run!.id);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'pending', attempts: 0 });
    await settle(t);
    [run] = await runs(t, s);
    expect(run).toMatchObject({ status: 'done', step: 2, error: null });
    expect(run!.steps.map((x: { detail: unknown }) => x.detail)).toEqual([
      { url: hook.url, status: 200 },
      { tag: 'Done' },
    ]);
    expect(hook.hits).toHaveLength(9);

    // Replaying a finished run changes nothing: no second POST, no second effect.
    const before = await timeline(t, s, lead.id);
    expect((await replay(t, s, run!.id)).statusCode).toBe(202);
    await settle(t);
    expect(hook.hits).toHaveLength(9);
    expect(await timeline(t, s, lead.id)).toEqual(before);
    expect((await runs(t, s))[0]).toMatchObject({ status: 'done', step: 2 });
  });

  it('replaying a run whose grant succeeded changes nothing (no second grant, no second welcome)', async () => {
    const tag = await createTag(t, s, 'Member');
    const m = await createMembership(t, s, 'club', 'Club');
    await createAutomation(t, s, {
      trigger: { type: 'tag_applied', tag_id: tag },
      steps: [{ type: 'grant_membership', membership_id: m.id, level_id: m.basic }],
    });
    const lead = await createLead(t, s, 'gr@example.com');
    await tagLead(t, s, lead.id, 'Member');
    await settle(t);
    const [run] = await runs(t, s);
    expect(run).toMatchObject({ status: 'done', replayable: true });
    const access = await membershipsOf(t, s, lead.id);
    const before = await timeline(t, s, lead.id);
    for (let i = 0; i < 2; i++) {
      expect((await replay(t, s, run!.id)).statusCode).toBe(202);
      await settle(t);
    }
    expect(await membershipsOf(t, s, lead.id)).toEqual(access);
    expect(await timeline(t, s, lead.id)).toEqual(before);
    expect((await t.mailbox()).filter((x) => x.to === 'gr@example.com')).toHaveLength(1);
    const grants = await t.db.db
      .selectFrom('membership_access')
      .select('grants')
      .where('lead_id', '=', lead.id)
      .execute();
    expect(grants).toEqual([{ grants: 1 }]);
  });
});

describe('SSRF guard (no WEBHOOK_ALLOW_PRIVATE)', () => {
  let t: TestApp;
  let s: Session;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.signup('guard');
  });
  afterAll(() => t.close());

  it('classifies addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '::ffff:7f00:1',
      'not-an-ip',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses private literal addresses and other schemes when the automation is saved', async () => {
    const tag = await createTag(t, s, 'T');
    for (const url of [
      'http://127.0.0.1:8080/x',
      'http://10.0.0.5/',
      'http://[::1]/',
      'http://169.254.169.254/latest',
    ]) {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/automations',
        session: s,
        payload: {
          name: 'x',
          trigger: { type: 'tag_applied', tag_id: tag },
          steps: [{ type: 'webhook', url }],
        },
      });
      expect(res.statusCode, url).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'webhook_refused', details: { field: 'steps.0.url' } });
    }
    for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'gopher://x']) {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/automations',
        session: s,
        payload: {
          name: 'x',
          trigger: { type: 'tag_applied', tag_id: tag },
          steps: [{ type: 'webhook', url }],
        },
      });
      expect(res.statusCode, url).toBe(400);
    }
  });

  it('refuses at send time a name that resolves to a loopback address; the run fails, nothing is sent', async () => {
    const hook = await hookServer('127.0.0.1');
    try {
      hook.answer(200);
      const tag = await createTag(t, s, 'Send');
      await createAutomation(t, s, {
        trigger: { type: 'tag_applied', tag_id: tag },
        steps: [{ type: 'webhook', url: `http://localhost:${hook.port}/hook` }],
      });
      const lead = await createLead(t, s, 'ss@example.com');
      await tagLead(t, s, lead.id, 'Send');
      await settle(t);
      const [run] = await runs(t, s);
      expect(run!.status).toBe('failed');
      expect(run!.error).toMatch(
        /^Step 1 failed: The webhook address localhost resolves to (127\.0\.0\.1|::1), a private or local network address/,
      );
      expect(hook.hits).toHaveLength(0);
    } finally {
      await hook.close();
    }
  });
});

describe('tenancy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it("account B can never see or change A's automations or runs, nor name A's things", async () => {
    const a = await t.signup('alpha');
    const b = await t.signup('bravo');
    const tagA = await createTag(t, a, 'Gold');
    const m = await createMembership(t, a);
    const auto = await createAutomation(t, a, {
      trigger: { type: 'tag_applied', tag_id: tagA },
      steps: [{ type: 'grant_membership', membership_id: m.id, level_id: m.gold }],
    });
    const lead = await createLead(t, a, 'ten@example.com', { tags: ['Gold'] });
    await settle(t);
    const [run] = await runs(t, a);
    expect(run).toMatchObject({ status: 'done', lead_id: lead.id });

    expect((await call(t, b, 'GET', '/automations')).automations).toEqual([]);
    expect(await runs(t, b)).toEqual([]);
    for (const [method, url, payload] of [
      ['GET', `/automations/${auto.id}`],
      ['PATCH', `/automations/${auto.id}`, { active: false }],
      ['DELETE', `/automations/${auto.id}`],
      ['GET', `/automation-runs/${run!.id}`],
      ['POST', `/automation-runs/${run!.id}/replay`],
    ] as const) {
      const res = await t.request({
        method,
        url: `/api/v1${url}`,
        session: b,
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    // B cannot aim its own automation at A's tag or membership.
    const tagB = await createTag(t, b, 'Mine');
    for (const [trigger, steps, field] of [
      [{ type: 'tag_applied', tag_id: tagA }, [{ type: 'apply_tag', tag_id: tagB }], 'trigger.tag_id'],
      [{ type: 'tag_applied', tag_id: tagB }, [{ type: 'apply_tag', tag_id: tagA }], 'steps.0.tag_id'],
      [
        { type: 'tag_applied', tag_id: tagB },
        [{ type: 'grant_membership', membership_id: m.id, level_id: m.gold }],
        'steps.0.membership_id',
      ],
    ] as const) {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/automations',
        session: b,
        payload: { name: 'x', trigger, steps },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details).toEqual({ field });
    }
    // A's automation is untouched.
    expect(await call(t, a, 'GET', `/automations/${auto.id}`)).toMatchObject({ active: true });
  });
});
