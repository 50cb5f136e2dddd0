import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { countRows, runChildKilledMidGrant } from '../../../test/crash.js';
import { createTestDb, type TestDb } from '../../../test/db.js';
import { goldShop } from '../../../test/gold-shop.js';
import { closeTestDb } from '../../../test/worker/close.js';
import { loadConfig } from '../../config.js';
import type { AppDeps } from '../../deps.js';
import { systemClock } from '../../lib/clock.js';
import { createWorker } from '../../worker/index.js';
import { automationWorkerParts } from '../automations/engine.js';
import { mailJobHandler } from '../mail/handler.js';
import { createMailTransport } from '../mail/transport.js';
import { loadPlanCatalog } from '../plans/catalog.js';
import { createGateways } from './gateways/index.js';
import { SANDBOX_SIGNATURE_HEADER, signedSandboxWebhook } from './gateways/sandbox.js';
import { commerceWorkerParts, receiveWebhook } from './webhooks.js';

/**
 * "Every completed order granted exactly once" with real processes: 400 orders get their signed
 * checkout.completed webhook (10 % delivered twice), worker processes running the webhook job,
 * the automation engine and mail are SIGKILLed in the middle of the burst (twice), then a fresh
 * worker finishes. Every order ends completed with one lead, one tag, one product.purchased, one
 * receipt, one automation run and one active access granted once.
 */

const ORDERS = 400;
const LEASE_MS = 300;
const childScript = fileURLToPath(new URL('./crash-worker.fixture.ts', import.meta.url));
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

let t: TestDb | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await closeTestDb(t);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const runChild = (db: TestDb) =>
  runChildKilledMidGrant(db, {
    script: childScript,
    dataDir: dataDir!,
    leaseMs: LEASE_MS,
    deadlineMs: 30_000,
  });

it('grants each completed order exactly once although workers are killed mid-burst', async () => {
  t = await createTestDb();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-crash-'));
  const config = loadConfig({ DATA_DIR: dataDir, DEMO: '0', LOG_LEVEL: 'silent' });
  config.database = t.config;
  const deps = {
    config,
    db: t.db,
    dialect: t.dialect,
    clock: systemClock,
    log: quiet,
    plans: loadPlanCatalog(undefined),
    wake() {},
  } as unknown as AppDeps;
  const gateways = createGateways();
  const { account, pendingOrders } = await goldShop(deps, 'crash');
  const orders = await pendingOrders(0, ORDERS);
  for (const [i, id] of orders.entries()) {
    const signed = await signedSandboxWebhook(deps, account.id, {
      id: `evt_${id}`,
      type: 'checkout.completed',
      created: Math.floor(Date.now() / 1000),
      data: { order_id: id },
    });
    const headers = { [SANDBOX_SIGNATURE_HEADER]: signed.signature };
    await receiveWebhook(deps, gateways, 'sandbox', account.id, signed.body, headers);
    if (i % 10 === 0) await receiveWebhook(deps, gateways, 'sandbox', account.id, signed.body, headers);
  }

  const first = await runChild(t);
  const second = await runChild(t);
  for (const c of [first, second]) {
    expect(c.signal).toBe('SIGKILL');
    expect(c.grantedAtKill).toBeGreaterThan(0);
  }
  expect(first.grantedAtKill).toBeLessThan(ORDERS);

  const transport = createMailTransport({
    smtpUrl: undefined,
    from: 'x@localhost',
    db: t.db,
    clock: systemClock,
    log: quiet,
  });
  const parts = automationWorkerParts({ config, dialect: t.dialect });
  const commerce = commerceWorkerParts({ dialect: t.dialect }, gateways);
  const worker = createWorker({
    db: t.db,
    dialect: t.dialect,
    clock: systemClock,
    log: quiet,
    handlers: [mailJobHandler(transport), ...commerce.handlers, ...parts.handlers],
    subscribers: [...commerce.subscribers, ...parts.subscribers],
    leaseMs: LEASE_MS,
    pollMs: 10,
  });
  worker.start();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const open = await t.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['pending', 'running'])
      .executeTakeFirstOrThrow();
    const undispatched = await t.db
      .selectFrom('events')
      .select('id')
      .where('dispatched_at', 'is', null)
      .limit(1)
      .execute();
    if (Number(open.n) === 0 && undispatched.length === 0) break;
    if (Date.now() > deadline) throw new Error(`not finished: ${open.n} jobs open`);
    await new Promise((r) => setTimeout(r, 25));
  }
  await worker.stop();

  const done = await t.db.selectFrom('orders').select(['id', 'status', 'lead_id']).orderBy('id').execute();
  expect(done.every((o) => o.status === 'completed' && o.lead_id !== null)).toBe(true);
  expect(new Set(done.map((o) => o.lead_id)).size).toBe(ORDERS);
  expect(await t.db.selectFrom('gateway_webhooks').select('id').execute()).toHaveLength(ORDERS);
  const access = await t.db.selectFrom('membership_access').select(['lead_id', 'status', 'grants']).execute();
  expect(access).toHaveLength(ORDERS);
  expect(access.every((a) => a.status === 'active' && a.grants === 1)).toBe(true);
  expect(await countRows(t.db, 'automation_runs')).toBe(ORDERS);
  const events = await t.db.selectFrom('events').select('type').execute();
  expect(events.filter((e) => e.type === 'product.purchased')).toHaveLength(ORDERS);
  expect(events.filter((e) => e.type === 'lead.tag_applied')).toHaveLength(ORDERS);
  expect(events.filter((e) => e.type === 'membership.granted')).toHaveLength(ORDERS);
  const mails = await t.db
    .selectFrom('jobs')
    .select(['dedupe_key', 'status'])
    .where('type', '=', 'mail.send')
    .execute();
  expect(mails.filter((j) => j.dedupe_key?.startsWith('commerce.receipt:'))).toHaveLength(ORDERS);
  expect(mails.every((j) => j.status === 'done')).toBe(true);
  const delivered = await t.db.selectFrom('dev_mailbox').select('to_address').execute();
  expect(new Set(delivered.map((d) => d.to_address)).size).toBe(ORDERS);
}, 120_000);
