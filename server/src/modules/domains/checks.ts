import http from 'node:http';
import { getDomain } from 'tldts';
import { randomToken } from '../../lib/crypto.js';
import { isPrivateAddress } from '../automations/webhook.js';
import type { DnsAnswer, DnsLookup } from './dns.js';

/**
 * The checks of one domain, each with what Atrium expected, what it found, and a hint in words
 * that says which record to change. They read DNS themselves (no screenshots to support):
 * - `cname`: the name is a CNAME to `{username}.PLATFORM_DOMAIN` (directly, or through a chain of
 *   CNAMEs that ends there). The CNAME to the account's own name is the proof of ownership.
 * - `conflicts`: nothing else stands beside it: no A/AAAA record instead of or beside the CNAME,
 *   no second CNAME.
 * - `forwarding` (root kind): an HTTP request to the apex with a path is answered 301 to
 *   `https://www.{apex}` + the same path (the registrar's forwarding, or Atrium's own when the
 *   apex points at this server).
 */
export type CheckName = 'cname' | 'conflicts' | 'forwarding';
export type Check = { name: CheckName; ok: boolean; expected: string; found: string; hint: string | null };

export type CheckTarget = {
  hostname: string;
  kind: 'root' | 'subdomain';
  apex: string | null;
  target: string;
};

export type ForwardingProbe = {
  /** Port of the HTTP request to the apex (80; tests and test setups use another). */
  port: number;
  /** Whether the apex may resolve to private or loopback addresses (a LAN or test setup). */
  allowPrivate: boolean;
  timeoutMs: number;
};

const MAX_CHAIN = 8;

export async function runChecks(dns: DnsLookup, probe: ForwardingProbe, d: CheckTarget): Promise<Check[]> {
  const [cname, a, aaaa] = await Promise.all([
    dns.cname(d.hostname),
    dns.a(d.hostname),
    dns.aaaa(d.hostname),
  ]);
  const checks: Check[] = [
    await cnameCheck(dns, d, cname, a, aaaa),
    await conflictCheck(dns, d, cname, a, aaaa),
  ];
  if (d.kind === 'root' && d.apex)
    checks.push(await forwardingCheck(dns, probe, d.apex, d.hostname, d.target));
  return checks;
}

const label = (hostname: string, apex: string | null) =>
  apex && hostname.endsWith(`.${apex}`) ? hostname.slice(0, -apex.length - 1) : hostname;
const addresses = (a: DnsAnswer<string>, aaaa: DnsAnswer<string>) => [
  ...(a.ok ? a.records.map((r) => `A ${r}`) : []),
  ...(aaaa.ok ? aaaa.records.map((r) => `AAAA ${r}`) : []),
];
const dnsTrouble = (d: DnsAnswer<string>) => !d.ok && d.reason === 'error';

async function cnameCheck(
  dns: DnsLookup,
  d: CheckTarget,
  cname: DnsAnswer<string>,
  a: DnsAnswer<string>,
  aaaa: DnsAnswer<string>,
): Promise<Check> {
  const expected = `CNAME ${d.target}`;
  const host = label(d.hostname, d.apex ?? registrableGuess(d.hostname));
  const create = `At your DNS provider, create a CNAME record with the name (host) "${host}" and the value (points to) "${d.target}".`;
  if (!cname.ok) {
    if (cname.reason === 'error') {
      return {
        name: 'cname',
        ok: false,
        expected,
        found: `no answer (${cname.message})`,
        hint: 'Atrium could not ask DNS just now; it tries again by itself.',
      };
    }
    const found = addresses(a, aaaa);
    if (found.length > 0) {
      return {
        name: 'cname',
        ok: false,
        expected,
        found: found.join(', '),
        hint: `${d.hostname} has an address record instead of a CNAME. Delete the ${found.map((f) => f.split(' ')[0]).join('/')} record of "${host}", then ${create.charAt(0).toLowerCase()}${create.slice(1)}`,
      };
    }
    return {
      name: 'cname',
      ok: false,
      expected,
      found: cname.reason === 'nxdomain' ? `${d.hostname} does not exist in DNS yet` : 'no CNAME record',
      hint: `${create} New records can take up to an hour to show everywhere.`,
    };
  }
  if (cname.records.includes(d.target)) {
    return { name: 'cname', ok: true, expected, found: `CNAME ${d.target}`, hint: null };
  }
  // One CNAME elsewhere: follow the chain; a chain that ends at the target works.
  const chain = [d.hostname];
  let current = cname.records[0]!;
  for (let hop = 0; hop < MAX_CHAIN; hop++) {
    chain.push(current);
    if (current === d.target) {
      return {
        name: 'cname',
        ok: true,
        expected,
        found: chain.join(' → '),
        hint: `This works through a chain of ${chain.length - 1} CNAMEs. Pointing "${host}" straight at ${d.target} is sturdier: if a link in the chain changes, your site goes away.`,
      };
    }
    const next = await dns.cname(current);
    if (!next.ok || next.records.length !== 1) break;
    current = next.records[0]!;
  }
  const found =
    cname.records.length > 1
      ? cname.records.map((r) => `CNAME ${r}`).join(', ')
      : `CNAME ${cname.records[0]}`;
  return {
    name: 'cname',
    ok: false,
    expected,
    found: chain.length > 2 ? `${found} (${chain.join(' → ')})` : found,
    hint: `The CNAME of "${host}" points at ${cname.records[0]}, not at your Atrium site. Change its value to "${d.target}".`,
  };
}

async function conflictCheck(
  dns: DnsLookup,
  d: CheckTarget,
  cname: DnsAnswer<string>,
  a: DnsAnswer<string>,
  aaaa: DnsAnswer<string>,
): Promise<Check> {
  const host = label(d.hostname, d.apex ?? registrableGuess(d.hostname));
  const expected = `only the CNAME on ${d.hostname}`;
  if (cname.ok && cname.records.length > 1) {
    const others = cname.records.filter((r) => r !== d.target);
    return {
      name: 'conflicts',
      ok: false,
      expected,
      found: `${cname.records.length} CNAME records: ${cname.records.join(', ')}`,
      hint: `"${host}" has more than one CNAME, so visitors land on either at random. Delete the CNAME to ${others.join(' and ')}; keep only the one to ${d.target}.`,
    };
  }
  if (!cname.ok) {
    if (dnsTrouble(cname) || dnsTrouble(a)) {
      return {
        name: 'conflicts',
        ok: false,
        expected,
        found: 'no answer',
        hint: 'Atrium tries again by itself.',
      };
    }
    const found = addresses(a, aaaa);
    if (found.length > 0) {
      return {
        name: 'conflicts',
        ok: false,
        expected,
        found: found.join(', '),
        hint: `A name with a CNAME can have no other record. Delete ${found.join(' and ')} from "${host}".`,
      };
    }
    return { name: 'conflicts', ok: true, expected, found: 'no other records', hint: null };
  }
  // A CNAME is there: the addresses the name answers with must be the ones its CNAME leads to.
  // A server that also holds an A/AAAA record for the name itself answers with those as well.
  const [ta, taaaa] = await Promise.all([dns.a(cname.records[0]!), dns.aaaa(cname.records[0]!)]);
  const own = new Set(addresses(a, aaaa));
  const viaCname = new Set(addresses(ta, taaaa));
  const stray = [...own].filter((r) => !viaCname.has(r));
  if (stray.length > 0) {
    return {
      name: 'conflicts',
      ok: false,
      expected,
      found: `CNAME ${cname.records[0]} and ${stray.join(', ')}`,
      hint: `Besides the CNAME, "${host}" answers with ${stray.join(' and ')}. Delete that record: a name with a CNAME can have no other record.`,
    };
  }
  return { name: 'conflicts', ok: true, expected, found: 'only the CNAME', hint: null };
}

/** For the hint's "name (host)": the part before the registrable domain (`sales` of sales.example.com). */
const registrableGuess = (hostname: string): string | null =>
  getDomain(hostname, { allowPrivateDomains: false });

async function forwardingCheck(
  dns: DnsLookup,
  probe: ForwardingProbe,
  apex: string,
  www: string,
  target: string,
): Promise<Check> {
  const path = `/.well-known/atrium-check/${randomToken(6)}`;
  const want = `https://${www}${path}`;
  const expected = `http://${apex}${path} → 301 ${want}`;
  const howTo = `At your registrar, forward ${apex} to https://${www} as a permanent (301) redirect with the path kept (often called "forward path" or "path forwarding")`;
  const [a, aaaa, targetA] = await Promise.all([dns.a(apex), dns.aaaa(apex), dns.a(target)]);
  const ips = [...(a.ok ? a.records : []), ...(aaaa.ok ? aaaa.records : [])];
  const ourIp = targetA.ok ? targetA.records[0] : undefined;
  const orPoint = ourIp
    ? `, or give ${apex} an A record with ${ourIp} (this server's address): Atrium then forwards it itself.`
    : '.';
  if (ips.length === 0) {
    if (dnsTrouble(a))
      return {
        name: 'forwarding',
        ok: false,
        expected,
        found: 'no answer',
        hint: 'Atrium tries again by itself.',
      };
    return {
      name: 'forwarding',
      ok: false,
      expected,
      found: `${apex} has no address, so visitors who type ${apex} reach nothing`,
      hint: `${howTo}${orPoint}`,
    };
  }
  const ip = ips[0]!;
  if (!probe.allowPrivate && isPrivateAddress(ip)) {
    return {
      name: 'forwarding',
      ok: false,
      expected,
      found: `${apex} points at ${ip}, a private address that visitors cannot reach`,
      hint: `${howTo}${orPoint}`,
    };
  }
  const res = await httpHead(ip, probe.port, apex, path, probe.timeoutMs);
  if ('error' in res) {
    return {
      name: 'forwarding',
      ok: false,
      expected,
      found: `nothing answered at ${ip} (port ${probe.port}): ${res.error}`,
      hint: `${howTo}${orPoint}`,
    };
  }
  const { status, location } = res;
  if (![301, 302, 303, 307, 308].includes(status) || !location) {
    return {
      name: 'forwarding',
      ok: false,
      expected,
      found: `http://${apex}${path} answered ${status} without forwarding`,
      hint: `${apex} shows a page of its own instead of forwarding. ${howTo}${orPoint}`,
    };
  }
  let loc: URL | undefined;
  try {
    loc = new URL(location, `http://${apex}/`);
  } catch {
    loc = undefined;
  }
  const found = `${status} ${location}`;
  if (!loc || loc.hostname !== www) {
    return {
      name: 'forwarding',
      ok: false,
      expected,
      found,
      hint: `${apex} forwards elsewhere. Change the forwarding's destination to https://${www}.`,
    };
  }
  if (loc.pathname !== path) {
    return {
      name: 'forwarding',
      ok: false,
      expected,
      found,
      hint: `${apex} forwards to ${www} but drops the path, so ${apex}/offer lands on your home page instead of /offer. Turn on "forward path" (path forwarding) for this forwarding.`,
    };
  }
  if (loc.protocol !== 'https:') {
    return {
      name: 'forwarding',
      ok: false,
      expected,
      found,
      hint: `Forward to https://${www} (not http://), so visitors get the secure site in one step.`,
    };
  }
  if (status !== 301 && status !== 308) {
    return {
      name: 'forwarding',
      ok: false,
      expected,
      found,
      hint: `The forwarding is temporary (${status}). Make it permanent (301), so browsers and search engines treat ${www} as your address.`,
    };
  }
  return { name: 'forwarding', ok: true, expected, found, hint: null };
}

function httpHead(
  ip: string,
  port: number,
  host: string,
  path: string,
  timeoutMs: number,
): Promise<{ status: number; location: string | undefined } | { error: string }> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: ip,
        port,
        path,
        method: 'GET',
        headers: { host, 'user-agent': 'Atrium domain check' },
        timeout: timeoutMs,
      },
      (res) => {
        const location = res.headers.location;
        res.destroy();
        resolve({ status: res.statusCode ?? 0, location });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)));
    req.on('error', (err) => {
      const code = (err as NodeJS.ErrnoException).code;
      resolve({ error: code === 'ECONNREFUSED' ? 'connection refused' : err.message });
    });
    req.end();
  });
}
