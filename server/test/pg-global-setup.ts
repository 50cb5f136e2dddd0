import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';

/**
 * Starts a throwaway PostgreSQL for the `postgres` test project: initdb into a temp dir,
 * a free loopback port, fsync off. Builds a migrated template database that each test
 * clones (CREATE DATABASE … TEMPLATE), which is much faster than migrating per test.
 * Set ATRIUM_TEST_PG_URL to use an existing server instead.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

function findBin(name: string): string {
  const fromPath = (process.env.PATH ?? '').split(':').map((d) => path.join(d, name));
  const versions = fs.existsSync('/usr/lib/postgresql')
    ? fs
        .readdirSync('/usr/lib/postgresql')
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => path.join('/usr/lib/postgresql', v, 'bin', name))
    : [];
  const found = [...fromPath, ...versions].find((p) => fs.existsSync(p));
  if (!found) throw new Error(`PostgreSQL's ${name} was not found: install the postgresql package.`);
  return found;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

// PostgreSQL refuses to run as root; use the postgres system user then.
const asRoot = process.getuid?.() === 0;
function run(bin: string, args: string[]): void {
  if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'pipe' });
  else execFileSync(bin, args, { stdio: 'pipe' });
}

/**
 * Starts a throwaway PostgreSQL on a free loopback port and returns its admin URL and a stop
 * function. `durable: false` (tests) turns fsync and synchronous commit off; the import
 * benchmark keeps PostgreSQL's defaults so its figures hold for a real server.
 */
export async function startPostgres(
  opts: { durable?: boolean } = {},
): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-pg-'));
  const data = path.join(dir, 'data');
  if (asRoot) execFileSync('chown', ['-R', 'postgres', dir]);
  run(findBin('initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const fast = opts.durable
    ? []
    : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const child = spawn(
    asRoot ? 'runuser' : findBin('postgres'),
    [
      ...(asRoot ? ['-u', 'postgres', '--', findBin('postgres')] : []),
      '-D',
      data,
      '-p',
      String(port),
      '-h',
      '127.0.0.1',
      '-k',
      dir,
      ...fast,
      '-c',
      'max_connections=300',
    ],
    { stdio: 'ignore' },
  );
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitForServer(adminUrl);
  return {
    adminUrl,
    stop: async () => {
      // runuser does not pass signals on to postgres: stop the cluster with pg_ctl (fast mode).
      const exited = child.exitCode === null ? new Promise((r) => child.once('exit', r)) : Promise.resolve();
      try {
        run(findBin('pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w', '-t', '30']);
      } catch {
        child.kill('SIGKILL');
      }
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject) {
  const external = process.env.ATRIUM_TEST_PG_URL;
  let stop = async () => {};
  let adminUrl: string;
  if (external) {
    adminUrl = external;
  } else {
    ({ adminUrl, stop } = await startPostgres());
  }
  await buildTemplate(adminUrl);
  project.provide('pgAdminUrl', adminUrl);
  return stop;
}

async function waitForServer(url: string): Promise<void> {
  const { default: pg } = await import('pg');
  const deadline = Date.now() + 20_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export const TEMPLATE_DB = 'atrium_template';

async function buildTemplate(adminUrl: string): Promise<void> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${TEMPLATE_DB}`;
  const handle = openDatabase({ dialect: 'postgres', url: url.toString() }, { poolSize: 1 });
  await migrateToLatest(handle.db, 'postgres');
  await handle.db.destroy();
}
