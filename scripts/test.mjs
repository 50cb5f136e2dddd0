#!/usr/bin/env node
// `npm test`: lint + format check, type check, admin build, then every test (both dialects, browser).
import { spawnSync } from 'node:child_process';

const steps = [
  ['lint and format', 'npx', ['biome', 'check', '.']],
  ['type check server', 'npx', ['tsc', '-p', 'server']],
  ['type check web', 'npx', ['tsc', '-p', 'web']],
  ['type check e2e', 'npx', ['tsc', '-p', 'e2e']],
  ['build admin app', 'npm', ['run', 'build', '-w', 'web', '--silent']],
  ['tests', 'npx', ['vitest', 'run', ...process.argv.slice(2)]],
];

for (const [name, cmd, args] of steps) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    process.stdout.write(`\n✖ ${name} failed (exit ${result.status})\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
