import { Resolver } from 'node:dns/promises';

/**
 * DNS as the domain checks need it: node:dns's Resolver (c-ares, real DNS queries) pointed at
 * DNS_SERVERS (or the system's servers). Built once at the edge (runtime.ts) and handed in.
 * Each answer is `records`, or `none` (the name exists without such records, or does not
 * exist), or `error` (the servers did not answer: the check says so instead of guessing).
 */
export type DnsAnswer<T> =
  | { ok: true; records: T[] }
  | { ok: false; reason: 'none' | 'nxdomain' | 'error'; message: string };

export interface DnsLookup {
  cname(name: string): Promise<DnsAnswer<string>>;
  a(name: string): Promise<DnsAnswer<string>>;
  aaaa(name: string): Promise<DnsAnswer<string>>;
}

export function createDnsLookup(
  servers: string[],
  opts: { timeoutMs?: number; tries?: number } = {},
): DnsLookup {
  const make = () => {
    const r = new Resolver({ timeout: opts.timeoutMs ?? 2_000, tries: opts.tries ?? 2 });
    if (servers.length > 0) r.setServers(servers);
    return r;
  };
  const resolver = make();
  const wrap = async (q: () => Promise<string[]>): Promise<DnsAnswer<string>> => {
    try {
      const records = (await q()).map((r) => r.toLowerCase().replace(/\.$/, ''));
      return records.length > 0
        ? { ok: true, records }
        : { ok: false, reason: 'none', message: 'no records' };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENODATA') return { ok: false, reason: 'none', message: 'no records' };
      if (code === 'ENOTFOUND') return { ok: false, reason: 'nxdomain', message: 'the name does not exist' };
      return {
        ok: false,
        reason: 'error',
        message:
          code === 'ETIMEOUT' ? 'the DNS servers did not answer in time' : `DNS error ${code ?? String(err)}`,
      };
    }
  };
  return {
    // c-ares hands back one CNAME per answer; servers that (wrongly) hold two for a name rotate
    // them, so a few queries reveal the second one.
    async cname(name) {
      const answers = await Promise.all([1, 2, 3, 4].map(() => wrap(() => resolver.resolveCname(name))));
      const records = [...new Set(answers.flatMap((x) => (x.ok ? x.records : [])))];
      return records.length > 0 ? { ok: true, records } : answers[0]!;
    },
    a: (name) => wrap(() => resolver.resolve4(name)),
    aaaa: (name) => wrap(() => resolver.resolve6(name)),
  };
}
