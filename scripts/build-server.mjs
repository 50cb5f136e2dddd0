// Bundles the server into server/dist/main.js. Loading one file instead of hundreds of modules
// through a TypeScript loader cuts start-up by more than half. Pure-JS libraries with many
// small modules (kysely, zod) are bundled; native addons, and packages that read their own files
// at run time or start worker threads, stay external in node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BUNDLE = path.join(root, 'server', 'dist', 'main.js');
/** The worker thread's entry (server/src/worker/thread.ts loads it beside the bundle). */
const WORKER_THREAD_BUNDLE = path.join(root, 'server', 'dist', 'worker-thread.js');

function newestMtime(p) {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), 0);
}

export function serverBundleIsStale() {
  const bundles = [SERVER_BUNDLE, WORKER_THREAD_BUNDLE];
  if (!bundles.every((b) => fs.existsSync(b))) return true;
  const sources = [path.join(root, 'server', 'src'), path.join(root, 'server', 'package.json')];
  const built = Math.min(...bundles.map((b) => fs.statSync(b).mtimeMs));
  return Math.max(...sources.map(newestMtime)) > built;
}

export async function buildServer() {
  const { build } = await import('esbuild'); // a dev tool: not needed to run a built server
  const result = await build({
    entryPoints: {
      main: path.join(root, 'server', 'src', 'main.ts'),
      'worker-thread': path.join(root, 'server', 'src', 'worker', 'thread-entry.ts'),
    },
    outdir: path.dirname(SERVER_BUNDLE),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: [
      'better-sqlite3',
      '@node-rs/argon2',
      'pg',
      'fastify',
      '@fastify/static',
      '@fastify/swagger',
      '@fastify/swagger-ui',
      'pino',
      'pino-pretty',
      'nodemailer',
    ],
    // Bundled CommonJS code calls require() for the externals: give the ES module one.
    banner: {
      js: "import { createRequire as __atriumRequire } from 'node:module'; const require = __atriumRequire(import.meta.url);",
    },
    sourcemap: true,
    logLevel: 'warning',
    write: false,
  });
  // Written beside and renamed into place: a process starting meanwhile never loads half a file.
  fs.mkdirSync(path.dirname(SERVER_BUNDLE), { recursive: true });
  // main.js last: a process that loads it finds the worker thread's file of the same build.
  const last = (f) => (f.path === SERVER_BUNDLE ? 1 : 0);
  for (const file of [...result.outputFiles].sort((a, b) => last(a) - last(b))) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, file.contents);
    fs.renameSync(tmp, file.path);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
