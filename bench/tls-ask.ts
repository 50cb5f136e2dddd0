import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { loadConfig } from '../server/src/config.js';
import { buildApp } from '../server/src/http/app.js';
import { iso } from '../server/src/lib/clock.js';
import { createAccount } from '../server/src/modules/accounts/service.js';
import { openRuntime } from '../server/src/runtime.js';

/**
 * `GET /internal/tls/ask?domain=H`, the endpoint Caddy's on-demand TLS calls before it gets a
 * certificate (and on handshakes for names it holds nothing for). Goal: median under 1 ms.
 * The real app (helmet, hooks, host routing; embedded SQLite) listens on loopback with
 * DOMAINS active custom domains; one keep-alive client asks REQUESTS times in a row, for:
 * an active custom domain (cache hit), an unknown name (cached "no"), a platform site host,
 * and names never asked before (a cache miss each: one query). Reference in the same run: a
 * bare Fastify server answering 200 "ok" on the same kind of route, asked the same way.
 * Env: REQUESTS (5,000), DOMAINS (1,000).
 */

const REQUESTS = Number(process.env.REQUESTS ?? 5000);
const DOMAINS = Number(process.env.DOMAINS ?? 1000);
const GOAL_MS = 1;

const quiet = { info() {}, warn() {}, error() {}, debug() {} };
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(port: number, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: url, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function measure(port: number, urls: (i: number) => string, expect: number, n = REQUESTS) {
  for (let i = 0; i < 200; i++) await get(port, urls(i)); // warm up (JIT, sockets)
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const url = urls(i);
    const t0 = performance.now();
    const status = await get(port, url);
    times.push(performance.now() - t0);
    if (status !== expect) throw new Error(`${url} answered ${status}, expected ${expect}`);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(n / 2)]!, p99: times[Math.floor(n * 0.99)]! };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-bench-ask-'));
const config = loadConfig({ DATA_DIR: dir, DEMO: '0', LOG_LEVEL: 'silent', PLATFORM_DOMAIN: 'atrium.test' });
const runtime = await openRuntime(config, { log: quiet });
const app = await buildApp(runtime.deps);
const reference = Fastify({ logger: false });
reference.get('/internal/tls/ask', async (_req, reply) => reply.type('text/plain; charset=utf-8').send('ok'));
try {
  const account = await createAccount(runtime.deps, {
    username: 'shop',
    email: 'shop@example.com',
    password: 'Correct-horse-battery-9',
    name: 'Shop',
  });
  const now = iso(new Date());
  for (let i = 0; i < DOMAINS; i += 500) {
    await runtime.deps.db
      .insertInto('custom_domains')
      .values(
        Array.from({ length: Math.min(500, DOMAINS - i) }, (_, k) => ({
          account_id: account.id,
          hostname: `www.brand${i + k}.example`,
          kind: 'root' as const,
          apex: `brand${i + k}.example`,
          target: 'shop.atrium.test',
          status: 'active' as const,
          expires_at: now,
          activated_at: now,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  await reference.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const refPort = (reference.server.address() as AddressInfo).port;
  const ask = (d: string) => `/internal/tls/ask?domain=${d}`;

  const ref = await measure(refPort, () => ask('www.brand1.example'), 200);
  const hit = await measure(port, (i) => ask(`www.brand${i % 50}.example`), 200);
  const unknown = await measure(port, (i) => ask(`scan${i % 50}.nowhere.example`), 404);
  const site = await measure(port, () => ask('shop.atrium.test'), 200);
  // Never asked before: the directory queries SQLite for each (n = DOMAINS - 200 warm-ups' names).
  runtime.deps.hosts.invalidate();
  const miss = await measure(port, (i) => ask(`www.brand${(i + 200) % DOMAINS}.example`), 200, DOMAINS - 200);

  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const row = (name: string, r: { p50: number; p99: number }) =>
    `${name.padEnd(44)} ${r.p50.toFixed(3).padStart(7)} ms ${r.p99.toFixed(3).padStart(7)} ms ${(r.p50 / ref.p50).toFixed(2).padStart(6)}×`;
  console.log(
    `tls-ask: ${REQUESTS} sequential keep-alive requests per case, ${DOMAINS} active domains, SQLite`,
  );
  console.log(`load average: ${load}`);
  console.log(`${'case'.padEnd(44)} ${'median'.padStart(10)} ${'p99'.padStart(10)} ${'ratio'.padStart(7)}`);
  console.log(row('reference: bare Fastify route', ref));
  console.log(row('active custom domain (cached)', hit));
  console.log(row('unknown name (cached no)', unknown));
  console.log(row('platform site host (cached)', site));
  console.log(row(`first ask for a name (cache miss, n=${DOMAINS - 200})`, miss));
  const worst = Math.max(hit.p50, unknown.p50, site.p50);
  console.log(
    `goal: median < ${GOAL_MS} ms → ${worst < GOAL_MS ? 'met' : 'NOT met'} (slowest cached median ${worst.toFixed(3)} ms)`,
  );
} finally {
  agent.destroy();
  await reference.close();
  await app.close();
  await runtime.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
