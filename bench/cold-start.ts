import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Cold start: from spawning `atrium serve` on a fresh DATA_DIR (embedded SQLite: migrations,
 * demo account) to the first `GET /healthz` 200. Reference in the same run: a bare Fastify
 * server started the same way (Node start-up + Fastify, nothing of ours). Budget: 2,000 ms.
 */

const root = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 5);
const BUDGET_MS = 2000;

async function timeToHealthy(
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  urlPath: string,
): Promise<number> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}${urlPath}`);
        if (res.status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 30_000) throw new Error('server did not become healthy in 30 s');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const bare = `const f=(await import('fastify')).default();f.get('/healthz',async()=>({ok:true}));await f.listen({port:Number(process.env.PORT),host:'127.0.0.1'});`;
const atrium: number[] = [];
const reference: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-cold-'));
  const port = 39_000 + i;
  atrium.push(
    await timeToHealthy(
      ['server/bin/atrium.mjs', 'serve'],
      { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO: '1' },
      port,
      '/healthz',
    ),
  );
  fs.rmSync(dataDir, { recursive: true, force: true });
  reference.push(
    await timeToHealthy(
      ['--input-type=module', '-e', bare],
      { PORT: String(port + 100) },
      port + 100,
      '/healthz',
    ),
  );
}

const a = median(atrium);
const r = median(reference);
console.log(
  `cold start, fresh DATA_DIR, embedded SQLite (median of ${RUNS}): ${a.toFixed(0)} ms  [runs: ${atrium.map((x) => x.toFixed(0)).join(', ')}]`,
);
console.log(
  `reference: bare Fastify + Node start-up:                ${r.toFixed(0)} ms  → ratio ${(a / r).toFixed(2)}×`,
);
console.log(
  `budget: ${BUDGET_MS} ms → ${(a / BUDGET_MS).toFixed(2)} of budget ${a < BUDGET_MS ? '(within)' : '(OVER)'}`,
);
if (a >= BUDGET_MS) process.exitCode = 1;
