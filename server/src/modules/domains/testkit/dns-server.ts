import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';

/**
 * A small authoritative DNS server on a loopback UDP port, for tests: Atrium's checks
 * (DNS_SERVERS=127.0.0.1:PORT), Pebble's validation (`pebble -dnsserver`) and the browser
 * journey read the same zone, which a test changes as an owner would at their DNS provider.
 * Packets are encoded by dns-packet; the server answers like a recursive resolver would
 * (CNAMEs followed within the zone, their targets' records appended). A name that holds a CNAME
 * and other records (a broken zone, on purpose) answers with both.
 */
export type TestRecords = { cname?: string[]; a?: string[]; aaaa?: string[] };

export type TestDns = {
  /** `127.0.0.1:PORT`, for DNS_SERVERS and pebble -dnsserver. */
  address: string;
  port: number;
  set(name: string, records: TestRecords): void;
  remove(name: string): void;
  /** Questions received (name and type), for tests that care. */
  queries: { name: string; type: string }[];
  close(): Promise<void>;
};

const NXDOMAIN = 3;

export async function startTestDns(initial: Record<string, TestRecords> = {}): Promise<TestDns> {
  const zone = new Map<string, TestRecords>();
  const key = (name: string) => name.toLowerCase().replace(/\.$/, '');
  for (const [name, records] of Object.entries(initial)) zone.set(key(name), records);
  const queries: TestDns['queries'] = [];
  const socket = dgram.createSocket('udp4');

  let turn = 0;
  const rotate = <T>(xs: T[]): T[] => {
    if (xs.length < 2) return xs;
    const k = turn++ % xs.length;
    return [...xs.slice(k), ...xs.slice(0, k)];
  };
  const answer = (name: string, type: string): { answers: dnsPacket.Answer[]; exists: boolean } => {
    const answers: dnsPacket.Answer[] = [];
    let current = key(name);
    let exists = false;
    for (let hop = 0; hop < 10; hop++) {
      const entry = zone.get(current);
      if (!entry) break;
      exists = true;
      const own = type === 'A' ? entry.a : type === 'AAAA' ? entry.aaaa : undefined;
      for (const data of own ?? [])
        answers.push({ type: type as 'A', name: current, ttl: 5, class: 'IN', data });
      // Several CNAMEs (a broken zone, on purpose) rotate from one answer to the next, as real servers do.
      const cnames = rotate(entry.cname ?? []);
      for (const data of cnames) answers.push({ type: 'CNAME', name: current, ttl: 5, class: 'IN', data });
      if (cnames.length === 0 || type === 'CNAME') break;
      current = key(cnames[0]!);
    }
    return { answers, exists };
  };

  socket.on('message', (msg, rinfo) => {
    let query: dnsPacket.DecodedPacket;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return; // not DNS: ignore
    }
    const q = query.questions?.[0];
    if (!q) return;
    queries.push({ name: key(q.name), type: q.type });
    const { answers, exists } = answer(q.name, q.type);
    const reply = dnsPacket.encode({
      type: 'response',
      id: query.id,
      flags:
        dnsPacket.AUTHORITATIVE_ANSWER |
        dnsPacket.RECURSION_DESIRED |
        dnsPacket.RECURSION_AVAILABLE |
        (exists ? 0 : NXDOMAIN),
      questions: [q],
      answers,
    });
    socket.send(reply, rinfo.port, rinfo.address);
  });

  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  const port = socket.address().port;
  return {
    address: `127.0.0.1:${port}`,
    port,
    queries,
    set: (name, records) => zone.set(key(name), records),
    remove: (name) => zone.delete(key(name)),
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
