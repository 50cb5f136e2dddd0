import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * The webhook step's POST, guarded against server-side request forgery: only http(s); the host
 * is resolved and refused when any address is private, loopback, link-local, unique-local,
 * CGNAT, multicast, reserved or unspecified (an operator may allow private targets with
 * WEBHOOK_ALLOW_PRIVATE=1). The check runs inside the socket's own DNS lookup, so the address
 * checked is the address connected to (no DNS-rebinding window). Redirects are not followed.
 */

/** A target the guard refuses: retrying cannot help, so the run fails at once. */
export class WebhookRefused extends Error {}

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  // (IPv4-mapped addresses, ::ffff:a.b.c.d, are matched against the IPv4 rules by BlockList itself.)
  ['64:ff9b::', 96], // NAT64
  ['64:ff9b:1::', 48], // local NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

/** Whether an address is one a webhook may not reach. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blocked.check(mapped[1]!, 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return true; // not an address at all: refuse
}

const refusedText = (host: string, address: string) =>
  `The webhook address ${host} resolves to ${address}, a private or local network address; webhooks may only reach the public internet.`;

/** Checks the URL's scheme and, for a literal IP host, the address. Names are checked at connect time. */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookRefused(`The webhook address "${raw}" is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new WebhookRefused(
      `The webhook address must start with http:// or https://, not ${url.protocol}//.`,
    );
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host) && isPrivateAddress(host))
    throw new WebhookRefused(refusedText(url.hostname, host));
  return url;
}

export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(
      hostname,
      { all: true, family: options.family ?? 0, hints: options.hints ?? 0 },
      (err, addresses) => {
        if (err) return callback(err, '', 0);
        const bad = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
        if (bad) return callback(new WebhookRefused(refusedText(hostname, bad.address)), '', 0);
        if (!addresses.length)
          return callback(new Error(`The webhook host ${hostname} has no address.`), '', 0);
        if (options.all)
          return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
    );
  };
}

export type WebhookResult = { status: number };

/**
 * POSTs JSON to the URL. Resolves on a 2xx answer; rejects with WebhookRefused for a forbidden
 * target, or an Error (to be retried) on any other failure, a non-2xx answer or a timeout.
 */
export function postWebhook(
  raw: string,
  body: unknown,
  opts: { allowPrivate: boolean; idempotencyKey: string; timeoutMs?: number },
): Promise<WebhookResult> {
  const url = checkWebhookUrl(raw, opts.allowPrivate);
  const payload = Buffer.from(JSON.stringify(body));
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        lookup: guardedLookup(opts.allowPrivate),
        headers: {
          'content-type': 'application/json',
          'content-length': String(payload.length),
          'user-agent': 'Atrium-Webhook/1',
          'idempotency-key': opts.idempotencyKey,
        },
        timeout: opts.timeoutMs ?? 10_000,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        // Read (and drop) at most 64 KB of the answer, then let the socket go.
        let seen = 0;
        res.on('data', (chunk: Buffer) => {
          seen += chunk.length;
          if (seen > 65_536) res.destroy();
        });
        res.on('close', () => {
          if (status >= 200 && status < 300) resolve({ status });
          else
            reject(
              new Error(
                status >= 300 && status < 400
                  ? `The webhook answered HTTP ${status} (a redirect); redirects are not followed, use the final address.`
                  : `The webhook answered HTTP ${status}.`,
              ),
            );
        });
        res.on('error', () => {});
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`The webhook did not answer within ${(opts.timeoutMs ?? 10_000) / 1000} s.`)),
    );
    req.on('error', (err) =>
      reject(
        err instanceof WebhookRefused ? err : new Error(`The webhook could not be reached: ${err.message}`),
      ),
    );
    req.end(payload);
  });
}
