import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { ManualClock } from '../src/lib/clock.js';
import { openRuntime, type Runtime } from '../src/runtime.js';
import { createTestDb, type TestDb } from './db.js';

/**
 * The whole HTTP app on a fresh database with a movable clock, driven through inject().
 * `runJobs()` runs the worker until the queue is empty (mails land in the dev mailbox unless
 * `env.SMTP_URL` is given).
 */
export type TestApp = {
  app: FastifyInstance;
  runtime: Runtime;
  db: TestDb;
  clock: ManualClock;
  runJobs(): Promise<void>;
  request(opts: InjectOptions & { session?: Session }): Promise<LightMyRequestResponse>;
  signup(username?: string, extra?: Record<string, unknown>): Promise<Session>;
  mailbox(): Promise<{ to: string; subject: string; text: string }[]>;
  close(): Promise<void>;
};

export type Session = {
  cookie: string;
  csrf: string;
  accountId: number;
  username: string;
  password: string;
  email: string;
};

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDb();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-data-'));
  const config = loadConfig({ DATA_DIR: dataDir, DEMO: '0', LOG_LEVEL: 'silent', ...env });
  config.database = db.config;
  const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
  const runtime = await openRuntime(config, { clock, log: quiet, handle: db, migrate: false });
  const app = await buildApp(runtime.deps);

  const request: TestApp['request'] = ({ session, headers, ...opts }) =>
    app.inject({
      ...opts,
      headers: {
        ...(session ? { cookie: `atrium_session=${session.cookie}`, 'x-csrf-token': session.csrf } : {}),
        ...headers,
      },
    });

  const t: TestApp = {
    app,
    runtime,
    db,
    clock,
    request,
    async runJobs() {
      // A pass may only dispatch events (no job started): stop when nothing is left that is due.
      for (let i = 0; i < 100; i++) {
        if ((await runtime.worker.runOnce()) > 0) continue;
        const now = clock.now().toISOString();
        const events = await db.db
          .selectFrom('events')
          .select('id')
          .where('dispatched_at', 'is', null)
          .limit(1)
          .execute();
        const due = await db.db
          .selectFrom('jobs')
          .select('id')
          .where('status', '=', 'pending')
          .where('run_at', '<=', now)
          .limit(1)
          .execute();
        if (events.length === 0 && due.length === 0) return;
      }
    },
    async signup(username = 'shop', extra = {}) {
      const password = `Correct-horse-${username.length}-battery`;
      const email = `${username}@example.com`;
      const res = await request({
        method: 'POST',
        url: '/api/v1/signup',
        payload: { username, email, password, name: `Owner ${username}`, ...extra },
      });
      if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'atrium_session')!.value;
      const body = res.json();
      return { cookie, csrf: body.csrf_token, accountId: body.account.id, username, password, email };
    },
    async mailbox() {
      await t.runJobs();
      const res = await request({ method: 'GET', url: '/api/v1/dev/mailbox' });
      return res.json().messages;
    },
    async close() {
      await app.close();
      await runtime.close();
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}
