import type { Db, DbOrTrx } from '../../db/types.js';

/**
 * Which account a custom hostname serves, cached in the process: every site-host request and
 * every TLS "ask" from Caddy looks a host up, so a lookup must not cost a query.
 *
 * - `site`: an active custom domain → its account's site.
 * - `apex`: the registrable domain of a root-kind domain (`example.com` for `www.example.com`)
 *   → forwarded with a 301 to `https://www.example.com` + the path (pending or active).
 * - null: nothing here (pending domains serve nothing; unknown hosts get the 404 page).
 *
 * Invalidation: a change made in this process clears the cache at once (`invalidate()`). Every
 * change also bumps the one-row `site_hosts_version` in its own transaction; each process reads
 * that number at most once a second and clears its cache when it moved, so a change made by
 * another replica is seen within about a second. Entries also expire after `ttlMs` (account
 * deactivations, which do not bump the version, are seen within that time).
 */
export type HostEntry =
  | { role: 'site'; accountId: number; domainId: number; hostname: string }
  | { role: 'apex'; accountId: number; www: string; active: boolean };

type Cached<T> = { value: T; until: number };

export type HostDirectoryOptions = { ttlMs?: number; versionCheckMs?: number; maxEntries?: number };

export class HostDirectory {
  private readonly hosts = new Map<string, Cached<HostEntry | null>>();
  private readonly usernames = new Map<string, Cached<boolean>>();
  private readonly primaries = new Map<number, Cached<string | null>>();
  private version: number | undefined;
  private checkedAt = 0;
  private checking: Promise<void> | undefined;
  private readonly ttlMs: number;
  private readonly versionCheckMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly db: Db,
    opts: HostDirectoryOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 60_000;
    this.versionCheckMs = opts.versionCheckMs ?? 1_000;
    this.maxEntries = opts.maxEntries ?? 20_000;
  }

  /** What a custom hostname (ASCII, lower case) serves, or null. */
  async custom(hostname: string): Promise<HostEntry | null> {
    await this.fresh();
    const hit = this.hosts.get(hostname);
    if (hit && hit.until > performance.now()) return hit.value;
    const value = await this.loadCustom(hostname);
    this.put(this.hosts, hostname, value);
    return value;
  }

  /** Whether `{username}.PLATFORM_DOMAIN` is the site of an active account. */
  async activeUsername(username: string): Promise<boolean> {
    await this.fresh();
    const hit = this.usernames.get(username);
    if (hit && hit.until > performance.now()) return hit.value;
    const row = await this.db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', username)
      .where('active', '=', 1)
      .executeTakeFirst();
    this.put(this.usernames, username, Boolean(row));
    return Boolean(row);
  }

  /** The account's first active custom domain (its canonical site host), or null. */
  async primaryDomain(accountId: number): Promise<string | null> {
    await this.fresh();
    const hit = this.primaries.get(accountId);
    if (hit && hit.until > performance.now()) return hit.value;
    const row = await this.db
      .selectFrom('custom_domains')
      .select('hostname')
      .where('account_id', '=', accountId)
      .where('status', '=', 'active')
      .orderBy('activated_at')
      .orderBy('id')
      .executeTakeFirst();
    const value = row?.hostname ?? null;
    this.put(this.primaries, accountId, value);
    return value;
  }

  /** Forget everything: call after committing a change to which host serves what. */
  invalidate(): void {
    this.hosts.clear();
    this.usernames.clear();
    this.primaries.clear();
    this.checkedAt = 0;
  }

  private put<K, T>(map: Map<K, Cached<T>>, key: K, value: T) {
    // Random names (scanners asking for certificates) must not grow the cache without bound.
    if (map.size >= this.maxEntries) map.clear();
    map.set(key, { value, until: performance.now() + this.ttlMs });
  }

  private async loadCustom(hostname: string): Promise<HostEntry | null> {
    const rows = await this.db
      .selectFrom('custom_domains as d')
      .innerJoin('accounts as a', 'a.id', 'd.account_id')
      .select(['d.id', 'd.account_id', 'd.hostname', 'd.apex', 'd.status'])
      .where((eb) => eb.or([eb('d.hostname', '=', hostname), eb('d.apex', '=', hostname)]))
      .where('a.active', '=', 1)
      .execute();
    const own = rows.find((r) => r.hostname === hostname);
    if (own) {
      return own.status === 'active'
        ? { role: 'site', accountId: own.account_id, domainId: own.id, hostname: own.hostname }
        : null;
    }
    const root = rows.find((r) => r.apex === hostname);
    if (root)
      return {
        role: 'apex',
        accountId: root.account_id,
        www: root.hostname,
        active: root.status === 'active',
      };
    return null;
  }

  /** Clears the cache when another process changed hosts (at most one query a second). */
  private fresh(): Promise<void> | void {
    if (performance.now() - this.checkedAt < this.versionCheckMs) return;
    this.checking ??= (async () => {
      try {
        const row = await this.db
          .selectFrom('site_hosts_version')
          .select('version')
          .where('id', '=', 1)
          .executeTakeFirst();
        const version = Number(row?.version ?? 0);
        if (this.version !== undefined && version !== this.version) this.invalidate();
        this.version = version;
        this.checkedAt = performance.now();
      } finally {
        this.checking = undefined;
      }
    })();
    return this.checking;
  }
}

/** Bumps the hosts version in the caller's transaction (with the change it announces). */
export async function bumpHostsVersion(trx: DbOrTrx): Promise<void> {
  await trx
    .updateTable('site_hosts_version')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}
