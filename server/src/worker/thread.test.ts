import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/db.js';
import { goldShop } from '../../test/gold-shop.js';
import { closeTestDb } from '../../test/worker/close.js';
import { loadConfig } from '../config.js';
import { buildApp } from '../http/app.js';
import { SANDBOX_SIGNATURE_HEADER, signedSandboxWebhook } from '../modules/commerce/gateways/sandbox.js';
import { createLead } from '../modules/leads/service.js';
import { openRuntime, type Runtime } from '../runtime.js';

/**
 * `atrium serve`'s worker thread (thread.ts), for real: a runtime opened with `workerThread`
 * answers HTTP on this thread while its worker runs on another, with its own connection (on
 * SQLite, the two share the writer lock). A purchase's webhook is stored by the thread, then
 * processed there through to membership access, while this thread keeps writing too.
 */

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
let t: TestDb | undefined;
let runtime: Runtime | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
  await closeTestDb(t);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

it('runs the worker on its own thread: webhooks stored there, purchases granted, both threads writing', async () => {
  t = await createTestDb();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-thread-'));
  const config = loadConfig({ DATA_DIR: dataDir, DEMO: '0', LOG_LEVEL: 'silent' });
  config.database = t.config;
  runtime = await openRuntime(config, { log: quiet, migrate: false, workerThread: true });
  const { deps } = runtime;
  const app = await buildApp(deps);
  runtime.worker.start();
  await runtime.thread!.ready();

  const { account, pendingOrders } = await goldShop(deps, 'threadshop');
  const buyers = 20;
  const ids = await pendingOrders(0, buyers);

  // Count what this thread hands to the worker thread.
  const offloaded: string[] = [];
  const call = deps.onWorkerThread!;
  deps.onWorkerThread = (op, input) => {
    const done = call(op, input);
    if (done) offloaded.push(op);
    return done;
  };

  const sends: Promise<unknown>[] = [];
  for (const id of ids) {
    // This thread writes (a lead) while the worker thread processes the earlier purchases.
    await createLead(deps, account, { email: `visitor${id}@example.com` }, { source: 'test' });
    const { body, signature } = await signedSandboxWebhook(deps, account.id, {
      id: `evt_${id}`,
      type: 'checkout.completed',
      created: Math.floor(Date.now() / 1000),
      data: { order_id: id },
    });
    sends.push(
      app
        .inject({
          method: 'POST',
          url: `/webhooks/sandbox/${account.username}`,
          headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signature },
          payload: body,
        })
        .then((res) => {
          expect(res.statusCode).toBe(200);
          expect(res.json()).toEqual({ received: true, duplicate: false });
        }),
    );
  }
  await Promise.all(sends);
  expect(offloaded.length).toBeGreaterThan(0);
  expect(new Set(offloaded)).toEqual(new Set(['commerce.storeDeliveries']));

  const access = await until(
    'every buyer to have access',
    () => deps.db.selectFrom('membership_access').select(['lead_id', 'grants', 'status']).execute(),
    (rows) => rows.length === buyers,
  );
  expect(access.every((a) => a.grants === 1 && a.status === 'active')).toBe(true);
  const orders = await deps.db.selectFrom('orders').select('status').execute();
  expect(orders.map((o) => o.status)).toEqual(Array(buyers).fill('completed'));
  // The receipts and welcome mails are sent by the thread too.
  await until(
    'the mails',
    () => deps.db.selectFrom('dev_mailbox').select('id').execute(),
    (rows) => rows.length === 2 * buyers,
  );

  // Stopping waits for the thread; afterwards nothing is handed over and this thread stores itself.
  await runtime.worker.stop();
  expect(deps.onWorkerThread('commerce.storeDeliveries', [])).toBeUndefined();
});
