import type { Config } from './config.js';
import type { Db, Dialect } from './db/types.js';
import type { Clock } from './lib/clock.js';
import type { HostDirectory } from './modules/domains/directory.js';
import type { DnsLookup } from './modules/domains/dns.js';
import type { PlanCatalog } from './modules/plans/catalog.js';

/** Minimal structured logger (pino's and Fastify's loggers both fit). */
export interface Log {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
  debug(obj: unknown, msg?: string): void;
}

/**
 * The stateful things built once at the edge (main.ts, or a test) and handed to modules.
 * No module keeps state of its own.
 */
export interface AppDeps {
  config: Config;
  db: Db;
  dialect: Dialect;
  clock: Clock;
  log: Log;
  plans: PlanCatalog;
  /** DNS through node:dns with DNS_SERVERS (domain and sender checks). */
  dns: DnsLookup;
  /** Custom hostname → account, cached (modules/domains/directory.ts). */
  hosts: HostDirectory;
  /** Wakes the worker after a commit that queued work, so it runs within milliseconds. */
  wake(): void;
  /**
   * With the worker on its own thread (worker/thread.ts): runs one of the operations the thread
   * offers (`ThreadOps`) there, so that this thread does not wait for the database's single
   * writer. Undefined (no thread, or it is not running): do the work here.
   */
  onWorkerThread?: (op: string, input: unknown) => Promise<unknown> | undefined;
}

/** Operations a worker thread runs for the serving thread: by name, structured-clonable input and output. */
export type ThreadOps = Record<string, (input: unknown) => Promise<unknown>>;
