import pino from 'pino';
import type { Config } from './config.js';
import { type DbHandle, openDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { createWriterLockBuffer, writerLockOn } from './db/writer-lock.js';
import type { AppDeps, Log, ThreadOps } from './deps.js';
import { traffic } from './http/traffic.js';
import { type Clock, systemClock } from './lib/clock.js';
import { housekeepingHandler, housekeepingSchedule } from './modules/accounts/housekeeping.js';
import { automationWorkerParts } from './modules/automations/engine.js';
import { createGateways } from './modules/commerce/gateways/index.js';
import { commerceThreadOps, commerceWorkerParts } from './modules/commerce/webhooks.js';
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
import { SERVER_HOLDER, startWorkerThread, type ThreadWorker } from './worker/thread.js';

/**
 * Wiring at the edge: builds the stateful things once (database, clock, logger, plans, mail
 * transport, worker) and hands them to whoever runs: `serve`, `worker`, tests.
 */
export type Runtime = {
  deps: AppDeps;
  transport: MailTransport;
  worker: Worker;
  /** With `workerThread`: the same worker, seen as the thread it runs on. */
  thread?: ThreadWorker;
  /** On a worker thread's runtime: what the serving thread may ask it to run (deps.onWorkerThread). */
  threadOps?: ThreadOps;
  close(): Promise<void>;
};

/** Whether logs are written for a person (a terminal) rather than as JSON lines. */
export const prettyLogs = () => Boolean(process.stdout.isTTY && !process.env.CI);

export function createLogger(config: Config, opts: { pretty?: boolean } = {}): pino.Logger {
  const pretty = opts.pretty ?? prettyLogs();
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
  opts: {
    clock?: Clock;
    log?: Log;
    migrate?: boolean;
    handle?: DbHandle;
    /**
     * Run the worker on a thread of its own (worker/thread.ts), as `atrium serve` does: this
     * thread answers requests, the other core runs events and jobs. With the system clock only.
     */
    workerThread?: boolean;
    /**
     * This runtime is that thread's: requests are answered elsewhere, so passes do not wait for
     * them; they end early when the serving thread has handed work over (`callsWaiting`).
     */
    onOwnThread?: { callsWaiting: () => boolean };
  } = {},
): Promise<Runtime> {
  const log = opts.log ?? createLogger(config);
  const clock = opts.clock ?? systemClock;
  const plans = loadPlanCatalog(config.plansFile);
  if (opts.workerThread && opts.handle)
    throw new Error("A worker thread opens its runtime's database itself.");
  const writerLock =
    opts.workerThread && config.database.dialect === 'sqlite'
      ? writerLockOn(createWriterLockBuffer(), SERVER_HOLDER)
      : undefined;
  const handle = opts.handle ?? openDatabase(config.database, { writerLock });
  if (opts.migrate !== false) await migrateToLatest(handle.db, handle.dialect);
  let worker: Worker | undefined;
  let thread: ThreadWorker | undefined;
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
  if (opts.workerThread) {
    thread = startWorkerThread({ config, writerLock, log, prettyLogs: prettyLogs() });
    deps.onWorkerThread = thread.call;
    worker = thread;
  } else worker = inProcessWorker(deps, transport, opts.onOwnThread);
  const w = worker;
  return {
    deps,
    transport,
    worker: w,
    ...(thread ? { thread } : {}),
    ...(opts.onOwnThread ? { threadOps: { ...commerceThreadOps(deps) } } : {}),
    async close() {
      await w.stop();
      transport.close();
      if (!opts.handle) await handle.db.destroy();
    },
  };
}

/** How long a dispatch pass of the worker thread may hold SQLite's writer: nothing waits on its thread. */
const THREAD_PASS_TARGET_MS = 20;

function inProcessWorker(
  deps: AppDeps,
  transport: MailTransport,
  onOwnThread: { callsWaiting: () => boolean } | undefined,
): Worker {
  const { config, db, dialect, clock, log } = deps;
  const automations = automationWorkerParts(deps);
  const commerce = commerceWorkerParts(deps, createGateways());
  return createWorker({
    // Serving requests goes first (http/traffic.ts); a worker process has none. On its own
    // thread the worker does not wait for them, but keeps its transactions short meanwhile.
    yieldTo: () => traffic.inFlight > 0,
    ...(onOwnThread
      ? { yieldMs: 0, passTargetMs: THREAD_PASS_TARGET_MS, stopSoon: onOwnThread.callsWaiting }
      : {}),
    db,
    dialect,
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
}
