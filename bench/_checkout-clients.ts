import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';

/**
 * The payment provider of bench/checkout.ts, in its own process (as a gateway is: elsewhere, not
 * on the server's thread): CONCURRENCY keep-alive connections POST the deliveries in order, each
 * signed at send time as the sandbox signs (`t=…,v1=HMAC-SHA256(secret, "t.body")`), or with a
 * dummy signature when no secret is given (the no-op reference). Prints one JSON line: each
 * delivery's send → 200 latency, the non-200 statuses, and when the first send started and the
 * last answer came (epoch ms, so the parent can compare with its own clock).
 *
 * Input: argv[2] = a JSON file { port, path, bodies: string[], secret: string | null, concurrency }.
 */

type Input = { port: number; path: string; bodies: string[]; secret: string | null; concurrency: number };
const input = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as Input;
const agent = new http.Agent({ keepAlive: true, maxSockets: input.concurrency });
const epochNow = () => performance.timeOrigin + performance.now();

function sign(body: string): string {
  if (!input.secret) return 'x';
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac('sha256', input.secret).update(`${t}.${body}`).digest('hex')}`;
}

function post(body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: input.port,
        path: input.path,
        method: 'POST',
        agent,
        headers: {
          host: 'localhost',
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'atrium-signature': sign(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const acks: number[] = [];
const bad: number[] = [];
let next = 0;
const startedAt = epochNow();
await Promise.all(
  Array.from({ length: input.concurrency }, async () => {
    while (next < input.bodies.length) {
      const body = input.bodies[next++]!;
      const s = performance.now();
      const status = await post(body);
      acks.push(performance.now() - s);
      if (status !== 200) bad.push(status);
    }
  }),
);
const endedAt = epochNow();
agent.destroy();
process.stdout.write(`${JSON.stringify({ acks, bad, startedAt, endedAt })}\n`);
