#!/usr/bin/env node
// `npm start`: build the admin app and the server bundle when missing or older than their
// sources, then serve.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, SERVER_BUNDLE, serverBundleIsStale } from './build-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const built = path.join(web, 'dist', 'index.html');

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), 0);
}

const sources = ['src', 'index.html', 'vite.config.ts', 'package.json', 'public'].map((p) =>
  path.join(web, p),
);
if (!fs.existsSync(built) || Math.max(...sources.map(newestMtime)) > fs.statSync(built).mtimeMs) {
  console.log('Building the admin app (web/)…');
  const result = spawnSync('npm', ['run', 'build', '-w', 'web', '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
if (serverBundleIsStale()) await buildServer();

process.argv.splice(2, process.argv.length, 'serve', ...process.argv.slice(2));
await import(SERVER_BUNDLE);
