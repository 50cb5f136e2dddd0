/**
 * A worker process for commerce's crash test, which SIGKILLs it mid-burst. It runs what
 * `atrium worker` runs on the purchase → access path: commerce's webhook job, the automation
 * engine, and the mail job into the dev mailbox, with a short lease so a restart takes over fast.
 *   ATRIUM_CRASH_DB='<database config JSON>' ATRIUM_CRASH_DATA=<dir> node --import tsx …/crash-worker.fixture.ts
 */
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/connect.js';
import { systemClock } from '../../lib/clock.js';
import { createWorker } from '../../worker/index.js';
import { automationWorkerParts } from '../automations/engine.js';
import { mailJobHandler } from '../mail/handler.js';
import { createMailTransport } from '../mail/transport.js';
import { createGateways } from './gateways/index.js';
import { commerceWorkerParts } from './webhooks.js';

const database = JSON.parse(process.env.ATRIUM_CRASH_DB ?? '');
const config = loadConfig({ DATA_DIR: process.env.ATRIUM_CRASH_DATA ?? '/tmp', DEMO: '0' });
const { db, dialect } = openDatabase(database);
const quiet = () => {};
const log = {
  debug: quiet,
  info: quiet,
  warn: quiet,
  error: (obj: unknown, msg?: string) => console.error(msg, obj),
};
const transport = createMailTransport({
  smtpUrl: undefined,
  from: 'x@localhost',
  db,
  clock: systemClock,
  log,
});
const parts = automationWorkerParts({ config, dialect });
const commerce = commerceWorkerParts({ dialect }, createGateways());
const worker = createWorker({
  db,
  dialect,
  clock: systemClock,
  log,
  handlers: [mailJobHandler(transport), ...commerce.handlers, ...parts.handlers],
  subscribers: [...commerce.subscribers, ...parts.subscribers],
  leaseMs: Number(process.env.ATRIUM_CRASH_LEASE_MS ?? 300),
  pollMs: 5,
});
worker.start();
console.log('READY');
