// Bundles the server's own TypeScript into server/dist/main.js (dependencies stay in
// node_modules). Loading one file instead of ~100 through a TypeScript loader halves start-up.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BUNDLE = path.join(root, 'server', 'dist', 'main.js');

function newestMtime(p) {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), 0);
}

export function serverBundleIsStale() {
  if (!fs.existsSync(SERVER_BUNDLE)) return true;
  const sources = [path.join(root, 'server', 'src'), path.join(root, 'server', 'package.json')];
  return Math.max(...sources.map(newestMtime)) > fs.statSync(SERVER_BUNDLE).mtimeMs;
}

export async function buildServer() {
  await build({
    entryPoints: [path.join(root, 'server', 'src', 'main.ts')],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
