import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Cold start: from spawning the server on a fresh DATA_DIR (embedded SQLite: migrations,
 * demo account) to the first `GET /healthz` 200 — as `npm start` runs it (the bundled server)
 * and from the TypeScript sources through tsx (what `npx atrium` falls back to while the bundle
 * is older than the sources). Reference in the same run: a bare
 * Fastify server started the same way (Node start-up + Fastify, nothing of ours).
 * Budget: 2,000 ms.
 */

const root = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 5);
const BUDGET_MS = 2000;

async function timeToHealthy(args: string[], env: NodeJS.ProcessEnv, port: number): Promise<number> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  try {
    for (;;) {
      if (exitCode !== undefined)
        throw new Error(`${args.join(' ')} exited with ${exitCode} before it was healthy:\n${stderr}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (res.status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 30_000) throw new Error('server did not become healthy in 30 s');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Built in a child process: esbuild's service inside a tsx-loaded process never settles.
const SERVER_BUNDLE = path.join(root, 'server', 'dist', 'main.js');
if (spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, stdio: 'inherit' }).status !== 0) {
  throw new Error('building the server bundle failed');
}

const bare = `const f=(await import('fastify')).default();f.get('/healthz',async()=>({ok:true}));await f.listen({port:Number(process.env.PORT),host:'127.0.0.1'});`;
const fresh = async (entry: string[], port: number) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-cold-'));
  const ms = await timeToHealthy(
    [...entry, 'serve'],
    { PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO: '1' },
    port,
  );
  fs.rmSync(dataDir, { recursive: true, force: true });
  return ms;
};

const bundled: number[] = [];
const viaTsx: number[] = [];
const reference: number[] = [];
for (let i = 0; i < RUNS; i++) {
  bundled.push(await fresh([SERVER_BUNDLE], await freePort()));
  viaTsx.push(await fresh(['--import', 'tsx', 'server/src/main.ts'], await freePort()));
  const port = await freePort();
  reference.push(await timeToHealthy(['--input-type=module', '-e', bare], { PORT: String(port) }, port));
}

const r = median(reference);
const report = (label: string, xs: number[]) => {
  const m = median(xs);
  console.log(
    `${label}: ${m.toFixed(0)} ms (median of ${RUNS}; runs ${xs.map((x) => x.toFixed(0)).join(', ')}) → ${(m / r).toFixed(2)}× the reference, ${((100 * m) / BUDGET_MS).toFixed(0)} % of the ${BUDGET_MS} ms budget`,
  );
  return m;
};
console.log(`reference, bare Fastify + Node start-up: ${r.toFixed(0)} ms`);
const startMs = report('npm start (bundled server), fresh DATA_DIR, SQLite', bundled);
report('sources through tsx, fresh DATA_DIR, SQLite', viaTsx);
if (startMs >= BUDGET_MS) process.exitCode = 1;
