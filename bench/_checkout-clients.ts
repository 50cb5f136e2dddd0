import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';

/**
 * The payment provider of bench/checkout.ts, in its own process (as a gateway is: elsewhere, not
 * on the server's thread): CONCURRENCY keep-alive connections POST the deliveries in order, one
 * at a time each, signed at send time as the sandbox signs (`t=…,v1=HMAC-SHA256(secret, "t.body")`),
 * or with a dummy signature when no secret is given (the no-op reference). Prints one JSON line:
 * each delivery's send → 200 latency, the non-200 statuses, and when the first send started and
 * the last answer came (epoch ms, so the parent can compare with its own clock).
 *
 * HTTP/1.1 is spoken over plain sockets: this process shares the machine's two cores with the
 * server, and node:http's client cost about a quarter of a millisecond of CPU a request, which
 * the server then did not have (and whose pauses showed up in the latencies measured).
 *
 * Input: argv[2] = a JSON file { port, path, bodies: string[], secret: string | null, concurrency }.
 */

type Input = { port: number; path: string; bodies: string[]; secret: string | null; concurrency: number };
const input = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as Input;
const epochNow = () => performance.timeOrigin + performance.now();

function sign(body: string): string {
  if (!input.secret) return 'x';
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac('sha256', input.secret).update(`${t}.${body}`).digest('hex')}`;
}

/** One keep-alive connection: `post` sends a request and resolves with the response's status. */
async function connection() {
  const socket = net.connect({ host: '127.0.0.1', port: input.port });
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let buffered = Buffer.alloc(0);
  let waiting: ((status: number) => void) | undefined;
  socket.on('data', (chunk) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    const end = buffered.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = buffered.subarray(0, end).toString('latin1');
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (buffered.length < end + 4 + length) return;
    buffered = buffered.subarray(end + 4 + length);
    const done = waiting;
    waiting = undefined;
    done?.(Number(head.slice(9, 12)));
  });
  return {
    post(body: string): Promise<number> {
      return new Promise((resolve) => {
        waiting = resolve;
        socket.write(
          `POST ${input.path} HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n` +
            `content-length: ${Buffer.byteLength(body)}\r\natrium-signature: ${sign(body)}\r\n\r\n${body}`,
        );
      });
    },
    close: () => socket.destroy(),
  };
}

const acks: number[] = [];
const bad: number[] = [];
let next = 0;
const connections = await Promise.all(Array.from({ length: input.concurrency }, connection));
const startedAt = epochNow();
await Promise.all(
  connections.map(async (c) => {
    while (next < input.bodies.length) {
      const body = input.bodies[next++]!;
      const s = performance.now();
      const status = await c.post(body);
      acks.push(performance.now() - s);
      if (status !== 200) bad.push(status);
    }
  }),
);
const endedAt = epochNow();
for (const c of connections) c.close();
process.stdout.write(`${JSON.stringify({ acks, bad, startedAt, endedAt })}\n`);
