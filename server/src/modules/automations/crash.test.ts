import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { runChildKilledMidGrant } from '../../../test/crash.js';
import { createTestDb, type TestDb } from '../../../test/db.js';
import { closeTestDb } from '../../../test/worker/close.js';
import { loadConfig } from '../../config.js';
import type { AppDeps } from '../../deps.js';
import { iso, systemClock } from '../../lib/clock.js';
import { createWorker } from '../../worker/index.js';
import { createAccount } from '../accounts/service.js';
import { HostDirectory } from '../domains/directory.js';
import { createDnsLookup } from '../domains/dns.js';
import { applyTags, createNamed } from '../leads/service.js';
import { mailJobHandler } from '../mail/handler.js';
import { createMailTransport } from '../mail/transport.js';
import { createMembership } from '../memberships/service.js';
import { loadPlanCatalog } from '../plans/catalog.js';
import { automationWorkerParts } from './engine.js';
import { createAutomation } from './service.js';

/**
 * "Every grant exactly once" with real processes: 1,000 leads are tagged at once, worker
 * processes running the engine are SIGKILLed in the middle of the burst (twice), then a fresh
 * worker finishes. Every lead ends with one active access, one grant on its timeline, one run,
 * one welcome mail queued; the welcome mail itself (SMTP, at least once) reached everyone.
 */

const LEADS = 1000;
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
    deadlineMs: 20_000,
  });

it('grants each of 1,000 tagged leads exactly once although workers are killed mid-burst', async () => {
  t = await createTestDb();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-crash-'));
  const config = loadConfig({ DATA_DIR: dataDir, DEMO: '0', LOG_LEVEL: 'silent' });
  config.database = t.config;
  const deps: AppDeps = {
    config,
    db: t.db,
    dialect: t.dialect,
    clock: systemClock,
    log: quiet,
    plans: loadPlanCatalog(undefined),
    dns: createDnsLookup(config.dnsServers),
    hosts: new HostDirectory(t.db),
    wake() {},
  };
  const account = await createAccount(deps, {
    username: 'crash',
    email: 'crash@example.com',
    password: 'Correct-horse-battery',
    name: 'Crash',
  });
  const tag = await createNamed(deps, 'tags', account.id, 'Gold');
  const m = await createMembership(deps, account, {
    name: 'Academy',
    slug: 'academy',
    levels: [{ name: 'Gold' }],
  });
  await createAutomation(deps, account.id, {
    name: 'Gold',
    active: true,
    trigger: { type: 'tag_applied', tag_id: tag.id },
    steps: [{ type: 'grant_membership', membership_id: m.id, level_id: m.levels[0]!.id }],
  });
  const now = iso(new Date());
  const leads = await t.db
    .insertInto('leads')
    .values(
      Array.from({ length: LEADS }, (_, i) => ({
        account_id: account.id,
        email: `m${i}@example.com`,
        email_normalized: `m${i}@example.com`,
        source: 'test',
        created_at: now,
        updated_at: now,
      })),
    )
    .returning('id')
    .execute();
  await t.db.transaction().execute((trx) =>
    applyTags(
      trx,
      account.id,
      leads.map((l) => l.id),
      ['Gold'],
      { source: 'test' },
      new Date(),
    ),
  );

  // Two workers die mid-burst, each after some grants committed and before all did.
  const first = await runChild(t);
  const second = await runChild(t);
  for (const c of [first, second]) {
    expect(c.signal).toBe('SIGKILL');
    expect(c.grantedAtKill).toBeGreaterThan(0);
  }
  expect(first.grantedAtKill).toBeLessThan(LEADS);

  // A fresh worker takes over (after the dead workers' leases expire) and finishes.
  const transport = createMailTransport({
    smtpUrl: undefined,
    from: 'x@localhost',
    db: t.db,
    clock: systemClock,
    log: quiet,
  });
  const parts = automationWorkerParts({ config, dialect: t.dialect });
  const worker = createWorker({
    db: t.db,
    dialect: t.dialect,
    clock: systemClock,
    log: quiet,
    handlers: [mailJobHandler(transport), ...parts.handlers],
    subscribers: parts.subscribers,
    leaseMs: LEASE_MS,
    pollMs: 10,
  });
  worker.start();
  const deadline = Date.now() + 40_000;
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

  const ids = leads.map((l) => l.id).sort((a, b) => a - b);
  const access = await t.db.selectFrom('membership_access').select(['lead_id', 'status', 'grants']).execute();
  expect(access.map((a) => a.lead_id).sort((a, b) => a - b)).toEqual(ids);
  expect(access.every((a) => a.status === 'active' && a.grants === 1)).toBe(true);
  const runs = await t.db.selectFrom('automation_runs').select(['lead_id', 'status']).execute();
  expect(runs).toHaveLength(LEADS);
  expect(runs.every((r) => r.status === 'done')).toBe(true);
  expect(await t.db.selectFrom('automation_run_steps').select('run_id').execute()).toHaveLength(LEADS);
  const granted = await t.db
    .selectFrom('lead_timeline')
    .select('lead_id')
    .where('kind', '=', 'membership_granted')
    .execute();
  expect(granted.map((g) => g.lead_id).sort((a, b) => a - b)).toEqual(ids);
  expect(
    await t.db.selectFrom('events').select('id').where('type', '=', 'membership.granted').execute(),
  ).toHaveLength(LEADS);
  const mails = await t.db.selectFrom('jobs').select(['status']).where('type', '=', 'mail.send').execute();
  expect(mails).toHaveLength(LEADS);
  expect(mails.every((j) => j.status === 'done')).toBe(true);
  expect(await t.db.selectFrom('member_tokens').select('token_hash').execute()).toHaveLength(LEADS);
  // At least once: every welcome reached the (dev) mailbox; one interrupted mid-send may repeat.
  const delivered = await t.db.selectFrom('dev_mailbox').select('to_address').execute();
  expect(new Set(delivered.map((d) => d.to_address)).size).toBe(LEADS);
}, 90_000);
