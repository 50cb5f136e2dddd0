import fs from 'node:fs';
import path from 'node:path';
import type { AppDeps } from '../../deps.js';
import { readablePassword } from '../../lib/crypto.js';
import { createAccount, findAccountByUsername } from './service.js';

/**
 * The demo account of the embedded default: created on first start with a random password,
 * which is kept in DATA_DIR/demo-credentials.txt (mode 600) so later starts can print it again.
 */
export async function ensureDemoAccount(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
): Promise<{ username: string; password: string | null; created: boolean }> {
  const file = path.join(deps.config.dataDir, 'demo-credentials.txt');
  const existing = await findAccountByUsername(deps.db, 'demo');
  if (existing) {
    const saved = fs.existsSync(file)
      ? (fs.readFileSync(file, 'utf8').match(/^password: (.+)$/m)?.[1] ?? null)
      : null;
    return { username: 'demo', password: saved, created: false };
  }
  const password = readablePassword(16);
  await createAccount(deps, {
    username: 'demo',
    email: 'demo@example.com',
    name: 'Demo Owner',
    password,
    plan: 'professional',
  });
  fs.mkdirSync(deps.config.dataDir, { recursive: true });
  fs.writeFileSync(file, `username: demo\npassword: ${password}\n`, { mode: 0o600 });
  return { username: 'demo', password, created: true };
}
