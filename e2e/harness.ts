import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * Browser journeys run against the real thing: `atrium serve` as a child process on a free
 * port with its own SQLite data dir, the built admin SPA it serves, and Debian's Chromium
 * driven by playwright-core. Mail is read from the server's dev mailbox.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Screenshots (on failure, and of the main screens) go here; outside the repo on purpose. */
export const artifactsDir = process.env.E2E_ARTIFACTS ?? path.join(tmpdir(), 'atrium-e2e-artifacts');

export type Mail = { to: string; subject: string; text: string; html: string; created_at: string };

export type Harness = {
  /** The admin origin, e.g. http://127.0.0.1:41234 (loopback addresses are the admin host). */
  baseUrl: string;
  context: BrowserContext;
  page: Page;
  /** Waits until the dev mailbox holds a mail matching `match`, newest first. */
  waitForMail: (match: (m: Mail) => boolean, timeoutMs?: number) => Promise<Mail>;
  /**
   * Saves a full-page screenshot as `<name>.png` under artifactsDir: of `page` unless another
   * page is given; `hideToasts` leaves out the notification stack, which may cover the screen.
   */
  screenshot: (name: string, opts?: { page?: Page; hideToasts?: boolean }) => Promise<string>;
  /** Runs a journey; on failure saves a screenshot and attaches the server's log to the error. */
  step: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The server serves web/dist; build it once if missing (`npm test` builds it before the tests). */
function ensureWebBuilt() {
  if (existsSync(path.join(root, 'web', 'dist', 'index.html'))) return;
  const built = spawnSync('npm', ['run', 'build', '-w', 'web', '--silent'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('Building the admin app (npm run build -w web) failed');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForHealthy(baseUrl: string, server: ChildProcess, log: () => string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`atrium serve exited with ${server.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`atrium serve did not become healthy within ${timeoutMs} ms:\n${log()}`);
}

function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => server.kill('SIGKILL'), 5_000);
    server.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

export async function startHarness(): Promise<Harness> {
  ensureWebBuilt();
  await mkdir(artifactsDir, { recursive: true });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'atrium-e2e-data-'));
  const profileDir = await mkdtemp(path.join(tmpdir(), 'atrium-e2e-chromium-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  // Only what a journey needs: a fresh embedded database and the dev mailbox (no SMTP_URL).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO: '0',
    WORKER: 'inline',
    LOG_LEVEL: 'warn',
  };
  delete env.SMTP_URL;
  delete env.DATABASE_URL;

  let output = '';
  const server = spawn(process.execPath, ['server/bin/atrium.mjs', 'serve'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  server.stdout?.on('data', collect);
  server.stderr?.on('data', collect);
  const serverLog = () => output;

  let context: BrowserContext | undefined;
  const cleanup = async () => {
    await context?.close().catch(() => {});
    await stopServer(server);
    await rm(dataDir, { recursive: true, force: true });
    await rm(profileDir, { recursive: true, force: true });
  };

  try {
    await waitForHealthy(baseUrl, server, serverLog);
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
      baseURL: baseUrl,
      viewport: { width: 1280, height: 860 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
  } catch (e) {
    await cleanup();
    throw e;
  }
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());

  const readMailbox = async (): Promise<Mail[]> => {
    const res = await fetch(`${baseUrl}/api/v1/dev/mailbox`);
    if (!res.ok) throw new Error(`GET /api/v1/dev/mailbox answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { messages: Mail[] }).messages;
  };

  const waitForMail: Harness['waitForMail'] = async (match, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    let seen: Mail[] = [];
    while (Date.now() < deadline) {
      seen = await readMailbox();
      const found = seen.find(match);
      if (found) return found;
      await sleep(200);
    }
    const subjects = seen.map((m) => `${m.to}: ${m.subject}`).join('\n  ') || '(empty)';
    throw new Error(`No matching mail within ${timeoutMs} ms. Mailbox:\n  ${subjects}`);
  };

  const screenshot: Harness['screenshot'] = async (
    name,
    { page: target = page, hideToasts = false } = {},
  ) => {
    const file = path.join(artifactsDir, `${name}.png`);
    // From the top, with transitions finished: fixed headers and fading modals otherwise smear.
    await target.evaluate(() => window.scrollTo(0, 0));
    await target.screenshot({
      path: file,
      fullPage: true,
      animations: 'disabled',
      ...(hideToasts ? { style: '.mantine-Notifications-root { display: none !important; }' } : {}),
    });
    return file;
  };

  const step: Harness['step'] = async (name, fn) => {
    try {
      return await fn();
    } catch (e) {
      const shot = await screenshot(`FAILED-${name}`).catch(() => '(no screenshot)');
      const err = e instanceof Error ? e : new Error(String(e));
      err.message += `\n\nAt: ${page.url()}\nScreenshot: ${shot}\nServer log (tail):\n${serverLog().slice(-4_000)}`;
      throw err;
    }
  };

  return { baseUrl, context, page, waitForMail, screenshot, step, close: cleanup };
}

/** The first link in a mail's text whose path starts with `prefix`, as a path (host-independent). */
export function linkPath(mail: Mail, prefix: string): string {
  for (const match of mail.text.matchAll(/https?:\/\/\S+/g)) {
    const url = new URL(match[0]);
    if (url.pathname.startsWith(prefix)) return url.pathname + url.search;
  }
  throw new Error(`No ${prefix}… link in the mail "${mail.subject}":\n${mail.text}`);
}
