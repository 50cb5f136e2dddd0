import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './http/app.js';
import { systemClock } from './lib/clock.js';
import { AppError } from './lib/errors.js';
import { ensureDemoAccount } from './modules/accounts/demo.js';
import { signupBody } from './modules/accounts/schema.js';
import {
  createAccount,
  resetSecurityQuestion,
  setAccountActive,
  setAccountPlan,
} from './modules/accounts/service.js';
import { unblockIp } from './modules/accounts/throttle.js';
import { IMPORT_USAGE, runImportCommand } from './modules/leads/import/cli.js';
import { isPlanId, loadPlanCatalog } from './modules/plans/catalog.js';
import { createLogger, openRuntime } from './runtime.js';

/** The `atrium` command line: serve (default), worker, migrate, create-account, admin …. */

const here = path.dirname(fileURLToPath(import.meta.url));
const WEB_DIST = path.resolve(here, '../../web/dist');

const USAGE = `Usage: atrium <command>

  serve                      run the platform (default)
  worker                     run only the background worker (with WORKER=off on the servers)
  migrate                    apply database migrations
  create-account --username U --email E --password P [--name N] [--plan P]
  ${IMPORT_USAGE}
  admin unblock-ip IP
  admin set-active USERNAME true|false
  admin reset-security-question USERNAME
  admin set-plan USERNAME starter|growth|professional|enterprise

Configuration comes from the environment (PORT, HOST, DATA_DIR, DATABASE_URL, …): see README.md.`;

class UsageError extends Error {}

async function serve(config: Config): Promise<void> {
  const started = performance.now();
  const logger = createLogger(config);
  // WORKER=inline: the worker runs in this process, on a thread of its own (worker/thread.ts).
  const runtime = await openRuntime(config, { log: logger, workerThread: config.worker === 'inline' });
  const { deps } = runtime;
  const demo = config.demo ? await ensureDemoAccount(deps) : undefined;
  const app = await buildApp(deps, { webDist: WEB_DIST, logger });
  if (config.worker === 'inline') runtime.worker.start();
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `${config.publicScheme}://${config.platformDomain === 'localhost' ? 'localhost' : `app.${config.platformDomain}`}:${port}`;
  deps.log.info(
    {
      url,
      database: deps.dialect,
      worker: config.worker,
      startup_ms: Math.round(performance.now() - started),
    },
    'Atrium is running',
  );
  console.log(`\n  Atrium is running at ${url}  (database: ${deps.dialect}, worker: ${config.worker})`);
  if (demo) {
    console.log(
      `  Demo account: username "${demo.username}", password ${demo.password ? `"${demo.password}"` : '(the one you set)'}\n`,
    );
  }
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function worker(config: Config): Promise<void> {
  const runtime = await openRuntime(config);
  runtime.worker.start();
  runtime.deps.log.info({ database: runtime.deps.dialect }, 'Atrium worker is running');
  const shutdown = async () => {
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function withDb<T>(
  config: Config,
  fn: (deps: {
    db: ReturnType<typeof openDatabase>['db'];
    clock: typeof systemClock;
    config: Config;
  }) => Promise<T>,
): Promise<T> {
  const handle = openDatabase(config.database);
  try {
    await migrateToLatest(handle.db, handle.dialect);
    return await fn({ db: handle.db, clock: systemClock, config });
  } finally {
    await handle.db.destroy();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  loadPlanCatalog(config.plansFile); // fail fast on a bad PLANS_FILE
  switch (command) {
    case 'serve':
      return serve(config);
    case 'worker':
      return worker(config);
    case 'migrate': {
      const handle = openDatabase(config.database);
      const applied = await migrateToLatest(handle.db, handle.dialect);
      await handle.db.destroy();
      console.log(
        applied.length
          ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
          : 'The database is up to date.',
      );
      return;
    }
    case 'create-account': {
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: 'string' },
          email: { type: 'string' },
          password: { type: 'string' },
          name: { type: 'string' },
          plan: { type: 'string' },
        },
      });
      const parsed = signupBody.safeParse({ ...values, name: values.name ?? values.username });
      if (!parsed.success) {
        throw new UsageError(
          parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'),
        );
      }
      const plan = values.plan ?? 'starter';
      if (!isPlanId(plan))
        throw new UsageError(`--plan: "${plan}" is not a plan (starter, growth, professional, enterprise)`);
      const account = await withDb(config, (deps) => createAccount(deps, { ...parsed.data, plan }));
      console.log(`Created account "${account.username}" (${account.email}) on the ${account.plan} plan.`);
      return;
    }
    case 'import':
      // The logger's transport may keep the event loop alive: leave with the import's outcome.
      return process.exit(await runImportCommand(config, rest));
    case 'admin':
      return admin(config, rest);
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

async function admin(config: Config, args: string[]): Promise<void> {
  const [action, a, b] = args;
  switch (action) {
    case 'unblock-ip': {
      if (!a) throw new UsageError('Usage: atrium admin unblock-ip IP');
      const lifted = await withDb(config, (deps) => unblockIp(deps, a));
      console.log(lifted ? `Unblocked ${a}.` : `${a} was not blocked; its failure count is cleared.`);
      return;
    }
    case 'set-active': {
      if (!a || (b !== 'true' && b !== 'false'))
        throw new UsageError('Usage: atrium admin set-active USERNAME true|false');
      const account = await withDb(config, (deps) => setAccountActive(deps, a, b === 'true'));
      console.log(`Account "${account.username}" is now ${account.active ? 'active' : 'inactive'}.`);
      return;
    }
    case 'reset-security-question': {
      if (!a) throw new UsageError('Usage: atrium admin reset-security-question USERNAME');
      const account = await withDb(config, (deps) => resetSecurityQuestion(deps, a));
      console.log(`The security question of "${account.username}" is cleared; the owner can set a new one.`);
      return;
    }
    case 'set-plan': {
      if (!a || !b) throw new UsageError('Usage: atrium admin set-plan USERNAME PLAN');
      const account = await withDb(config, (deps) => setAccountPlan(deps, a, b));
      console.log(`Account "${account.username}" is now on the ${account.plan} plan.`);
      return;
    }
    default:
      throw new UsageError(`Unknown admin action "${action ?? ''}".\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof UsageError) {
    console.error(err.message);
    process.exit(2);
  }
  if (err instanceof AppError) {
    console.error(`Error: ${err.message}`);
    process.exit(1);
  }
  console.error(err);
  process.exit(1);
});
