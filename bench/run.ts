import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench -- <name>` runs bench/<name>.ts. Each benchmark prints its figure, the
 * reference it is compared with in the same run, and the ratio.
 */
const name = process.argv[2];
const dir = import.meta.dirname;
const available = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <name>\nAvailable: ${available.join(', ')}`);
  process.exit(2);
}
await import(path.join(dir, `${name}.ts`));
