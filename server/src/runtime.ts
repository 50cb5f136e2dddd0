import pino from 'pino';
import type { Config } from './config.js';
import { type DbHandle, openDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import type { AppDeps, Log } from './deps.js';
import { traffic } from './http/traffic.js';
import { type Clock, systemClock } from './lib/clock.js';
import { housekeepingHandler, housekeepingSchedule } from './modules/accounts/housekeeping.js';
import { automationWorkerParts } from './modules/automations/engine.js';
import { createGateways } from './modules/commerce/gateways/index.js';
import { commerceWorkerParts } from './modules/commerce/webhooks.js';
import { HostDirectory } from './modules/domains/directory.js';
import { createDnsLookup } from './modules/domains/dns.js';
import { domainsRecheckHandler, domainsRecheckSchedule } from './modules/domains/jobs.js';
import { pointsExpireHandler } from './modules/kartra/service.js';
import { leadImportHandler } from './modules/leads/import/service.js';
import { mailJobHandler } from './modules/mail/handler.js';
import { createMailTransport, type MailTransport } from './modules/mail/transport.js';
import {
  membersHousekeepingHandler,
  membersHousekeepingSchedule,
} from './modules/memberships/housekeeping.js';
import { loadPlanCatalog } from './modules/plans/catalog.js';
import { ipnSubscriber } from './modules/webhooks/ipn.js';
import { deliverHandler, webhookSubscriber } from './modules/webhooks/service.js';
import { createWorker, type Worker } from './worker/index.js';

/**
 * Wiring at the edge: builds the stateful things once (database, clock, logger, plans, mail
 * transport, worker) and hands them to whoever runs: `serve`, `worker`, tests.
 */
export type Runtime = {
  deps: AppDeps;
  transport: MailTransport;
  worker: Worker;
  close(): Promise<void>;
};

export function createLogger(config: Config): pino.Logger {
  const pretty = process.stdout.isTTY && !process.env.CI;
  return pino({
    level: config.logLevel,
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
          },
        }
      : {}),
  });
}

export async function openRuntime(
  config: Config,
  opts: { clock?: Clock; log?: Log; migrate?: boolean; handle?: DbHandle } = {},
): Promise<Runtime> {
  const log = opts.log ?? createLogger(config);
  const clock = opts.clock ?? systemClock;
  const plans = loadPlanCatalog(config.plansFile);
  const handle = opts.handle ?? openDatabase(config.database);
  if (opts.migrate !== false) await migrateToLatest(handle.db, handle.dialect);
  let worker: Worker | undefined;
  const deps: AppDeps = {
    config,
    db: handle.db,
    dialect: handle.dialect,
    clock,
    log,
    plans,
    dns: createDnsLookup(config.dnsServers),
    hosts: new HostDirectory(handle.db),
    wake: () => worker?.poke(),
  };
  const transport = createMailTransport({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    db: handle.db,
    clock,
    log,
  });
  const automations = automationWorkerParts(deps);
  const commerce = commerceWorkerParts(deps, createGateways());
  worker = createWorker({
    // Serving requests goes first (http/traffic.ts); a worker process has none.
    yieldTo: () => traffic.inFlight > 0,
    db: handle.db,
    dialect: handle.dialect,
    clock,
    log,
    handlers: [
      mailJobHandler(transport),
      housekeepingHandler,
      leadImportHandler(deps),
      ...automations.handlers,
      membersHousekeepingHandler,
      ...commerce.handlers,
      domainsRecheckHandler(deps),
      pointsExpireHandler,
      deliverHandler(config),
    ],
    subscribers: [...automations.subscribers, ...commerce.subscribers, webhookSubscriber(), ipnSubscriber()],
    schedules: [housekeepingSchedule, membersHousekeepingSchedule, domainsRecheckSchedule],
  });
  const w = worker;
  return {
    deps,
    transport,
    worker: w,
    async close() {
      await w.stop();
      transport.close();
      if (!opts.handle) await handle.db.destroy();
    },
  };
}
