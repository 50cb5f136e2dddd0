import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import qs from 'qs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import {
  call,
  createAutomation,
  createMembership,
  createTag,
  type Json,
  settle,
} from '../automations/testkit.js';
import { kartraAccount, post } from '../kartra/testkit.js';

/** Outbound webhooks: Kartra's JSON, signed, delivered to a real HTTP receiver, logged, retried. */

type Received = { headers: http.IncomingHttpHeaders; body: string };
let receiver: http.Server;
let received: Received[] = [];
let failNext = 0;
let target: string;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      if (failNext > 0) {
        failNext--;
        res.writeHead(500).end('no');
      } else res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

describe('with private targets allowed (WEBHOOK_ALLOW_PRIVATE=1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ WEBHOOK_ALLOW_PRIVATE: '1' });
  });
  afterAll(() => t.close());

  it('posts {lead, action, action_details} with a verifiable Atrium-Signature; logs it', async () => {
    received = [];
    const k = await kartraAccount(t, 'hooks1');
    const m = await createMembership(t, k.session);
    const tag = await createTag(t, k.session, 'Gold');
    await createAutomation(t, k.session, {
      trigger: { type: 'tag_applied', tag_id: tag },
      steps: [{ type: 'grant_membership', membership_id: m.id, level_id: m.gold }],
    });
    const hook = await call(t, k.session, 'POST', '/webhooks', {
      url: target,
      events: ['assign_tag', 'membership_granted', 'lead_created'],
    });
    expect(hook).toMatchObject({
      url: target,
      active: true,
      events: ['assign_tag', 'membership_granted', 'lead_created'],
    });
    expect(hook.secret).toMatch(/^whsec_/);

    const res = await post(
      t,
      qs.stringify({
        ...k.creds,
        lead: { email: 'hook@example.com', first_name: 'Hook' },
        actions: [{ cmd: 'create_lead' }, { cmd: 'assign_tag', tag_name: 'Gold' }],
      }),
    );
    expect(res.json.status).toBe('Success');
    await settle(t);
    const byAction = new Map(received.map((r) => [JSON.parse(r.body).action, r]));
    expect([...byAction.keys()].sort()).toEqual(['assign_tag', 'lead_created', 'membership_granted']);

    const tagged = byAction.get('assign_tag')!;
    const body = JSON.parse(tagged.body) as Json;
    expect(body.lead).toMatchObject({
      id: res.json.lead_details.id,
      email: 'hook@example.com',
      first_name: 'Hook',
      last_name: '',
      source: 'api',
      score: '0',
      blacklisted: '0',
      custom_fields: [],
    });
    expect(body.action_details).toEqual({ tag: { tag_id: String(tag), tag_name: 'Gold' } });
    expect(JSON.parse(byAction.get('membership_granted')!.body).action_details).toEqual({
      membership: {
        membership_id: String(m.id),
        membership_name: 'Academy',
        level_id: String(m.gold),
        level_name: 'Gold',
      },
    });
    // The signature: t=…,v1=hex(HMAC-SHA256(secret, t + "." + body)).
    const sig = String(tagged.headers['atrium-signature']);
    const [, ts, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(sig)!;
    expect(createHmac('sha256', hook.secret).update(`${ts}.${tagged.body}`).digest('hex')).toBe(v1);
    expect(tagged.headers['content-type']).toBe('application/json');

    const log = await call(t, k.session, 'GET', `/webhook-deliveries?webhook_id=${hook.id}`);
    expect(log.deliveries).toHaveLength(3);
    for (const d of log.deliveries)
      expect(d).toMatchObject({
        kind: 'webhook',
        status: 'delivered',
        attempts: 1,
        response_status: 200,
        url: target,
      });

    // Another account sees none of it and cannot change it.
    const other = await t.signup('hooks1b');
    expect((await call(t, other, 'GET', '/webhooks')).webhooks).toEqual([]);
    expect((await call(t, other, 'GET', '/webhook-deliveries')).deliveries).toEqual([]);
    await call(t, other, 'PATCH', `/webhooks/${hook.id}`, { active: false }, 404);
    await call(t, other, 'DELETE', `/webhooks/${hook.id}`, undefined, 404);
  });

  it('retries a failing receiver with backoff, then delivers; a retry by hand after death', async () => {
    received = [];
    const k = await kartraAccount(t, 'hooks2');
    await createTag(t, k.session, 'T');
    const hook = await call(t, k.session, 'POST', '/webhooks', { url: target, events: ['assign_tag'] });
    failNext = 1;
    await post(
      t,
      qs.stringify({
        ...k.creds,
        lead: { email: 'r@example.com' },
        actions: [{ cmd: 'create_lead' }, { cmd: 'assign_tag', tag_name: 'T' }],
      }),
    );
    await settle(t);
    let log = (await call(t, k.session, 'GET', `/webhook-deliveries?webhook_id=${hook.id}`)).deliveries;
    expect(log[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      response_status: 500,
      error: 'The address answered HTTP 500.',
    });
    t.clock.advance(60_000);
    await settle(t);
    log = (await call(t, k.session, 'GET', `/webhook-deliveries?webhook_id=${hook.id}`)).deliveries;
    expect(log[0]).toMatchObject({ status: 'delivered', attempts: 2, response_status: 200 });
    expect(received).toHaveLength(2);
    expect(received[0]!.body).toBe(received[1]!.body);
    await call(t, k.session, 'POST', `/webhook-deliveries/${log[0].id}/retry`, undefined, 409);

    // Replaying the same event (dispatch again) creates no second delivery.
    const deliveries = await t.db.db.selectFrom('webhook_deliveries').select('id').execute();
    await t.db.db.updateTable('events').set({ dispatched_at: null }).execute();
    await settle(t);
    expect(await t.db.db.selectFrom('webhook_deliveries').select('id').execute()).toHaveLength(
      deliveries.length,
    );
  });
});

describe('SSRF guard (the default: private targets refused)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses private literal addresses when subscribing, and names resolving to them when sending', async () => {
    const s = await t.signup('ssrf1');
    for (const url of [
      'http://127.0.0.1:9/x',
      'http://10.0.0.1/x',
      'http://[::1]/x',
      'http://169.254.169.254/latest',
    ]) {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/webhooks',
        session: s,
        payload: { url, events: ['assign_tag'] },
      });
      expect(res.statusCode, url).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'webhook_refused', details: { field: 'url' } });
    }
    const bad = await t.request({
      method: 'POST',
      url: '/api/v1/webhooks',
      session: s,
      payload: { url: 'ftp://x.example/', events: ['assign_tag'] },
    });
    expect(bad.statusCode).toBe(422);

    const k = await kartraAccount(t, 'ssrf2');
    await createTag(t, k.session, 'T');
    const hook = await call(t, k.session, 'POST', '/webhooks', {
      url: 'http://localhost:9/x',
      events: ['assign_tag'],
    });
    await post(
      t,
      qs.stringify({
        ...k.creds,
        lead: { email: 's@example.com' },
        actions: [{ cmd: 'create_lead' }, { cmd: 'assign_tag', tag_name: 'T' }],
      }),
    );
    await settle(t);
    const log = (await call(t, k.session, 'GET', `/webhook-deliveries?webhook_id=${hook.id}`)).deliveries;
    expect(log[0]).toMatchObject({ status: 'dead', attempts: 1 });
    expect(log[0].error).toContain('private or local network address');
  });
});
