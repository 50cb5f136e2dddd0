import http from 'node:http';

/**
 * The load generator of bench/kartra-api.ts, run in its own process (the server keeps the other
 * core): a closed loop of CONCURRENCY keep-alive connections POSTing form bodies for DURATION_MS,
 * then one JSON line on stdout: counts by HTTP status, latency percentiles, and the most calls
 * any one app got answered 200 within one wall-clock second.
 *
 * Input (env LOAD, JSON): { url, durationMs, concurrency, mix, creds: {api_key, api_password},
 * apps: string[], leads: number, tag, runId }. mix "reference" posts a fixed body.
 */

type Load = {
  url: string;
  durationMs: number;
  concurrency: number;
  mix: 'kartra' | 'reference';
  creds: { api_key: string; api_password: string };
  apps: string[];
  leads: number;
  tag: string;
  runId: string;
};

const load = JSON.parse(process.env.LOAD ?? '{}') as Load;
const agent = new http.Agent({ keepAlive: true, maxSockets: load.concurrency });
const target = new URL(load.url);

const enc = encodeURIComponent;
let seq = 0;

/** One call as a PHP client sends it (http_build_query: percent-encoded brackets). */
function nextBody(): { body: string; app: string } {
  const n = seq++;
  const app = load.apps[n % load.apps.length]!;
  const base = `app_id=${enc(app)}&api_key=${enc(load.creds.api_key)}&api_password=${enc(load.creds.api_password)}`;
  if (load.mix === 'reference') return { body: base, app };
  const lead = `lead${(n * 7919) % load.leads}@example.com`;
  const r = n % 10;
  let rest: string;
  if (r < 4) rest = `get_lead%5Bemail%5D=${enc(lead)}`;
  else if (r < 7)
    rest = `lead%5Bemail%5D=${enc(lead)}&actions%5B0%5D%5Bcmd%5D=${n % 2 ? 'assign_tag' : 'unassign_tag'}&actions%5B0%5D%5Btag_name%5D=${enc(load.tag)}`;
  else if (r < 9) rest = 'actions%5B0%5D%5Bcmd%5D=retrieve_account_tags';
  else
    rest = `lead%5Bemail%5D=${enc(`new-${load.runId}-${n}@example.com`)}&lead%5Bfirst_name%5D=New&actions%5B0%5D%5Bcmd%5D=create_lead&actions%5B1%5D%5Bcmd%5D=assign_tag&actions%5B1%5D%5Btag_name%5D=${enc(load.tag)}`;
  return { body: `${base}&${rest}`, app };
}

function post(body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const statuses: Record<string, number> = {};
const kartraErrors: Record<string, number> = {};
const latencies: number[] = [];
const perAppSecond = new Map<string, number>();
const start = performance.now();
const end = start + load.durationMs;

async function worker() {
  while (performance.now() < end) {
    const { body, app } = nextBody();
    const t0 = performance.now();
    const res = await post(body);
    const t1 = performance.now();
    latencies.push(t1 - t0);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.status === 200) {
      const key = `${app}@${Math.floor(Date.now() / 1000)}`;
      perAppSecond.set(key, (perAppSecond.get(key) ?? 0) + 1);
      if (load.mix === 'kartra' && res.text.includes('"status":"Error"')) {
        const type = /"type":"(\d+)"/.exec(res.text)?.[1] ?? '?';
        kartraErrors[type] = (kartraErrors[type] ?? 0) + 1;
      }
    }
  }
}

await Promise.all(Array.from({ length: load.concurrency }, worker));
const seconds = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
process.stdout.write(
  `${JSON.stringify({
    seconds,
    statuses,
    kartraErrors,
    total: latencies.length,
    p50: pct(0.5),
    p99: pct(0.99),
    maxPerAppSecond: Math.max(0, ...perAppSecond.values()),
  })}\n`,
);
agent.destroy();
