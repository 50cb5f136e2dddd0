/**
 * Which part of Atrium a Host header addresses. The admin lives at PLATFORM_DOMAIN,
 * app.PLATFORM_DOMAIN and loopback addresses; `{username}.PLATFORM_DOMAIN` is an account's
 * site; anything else may be a custom domain (resolved in `site.ts` through the domains module's
 * cached host directory: an active domain serves its account's site, the root of a root-kind
 * domain forwards to `www.`, anything else gets the 404 page).
 */
export type HostKind =
  | { kind: 'admin' }
  | { kind: 'site'; username: string }
  | { kind: 'custom'; hostname: string };

const LOOPBACK = new Set(['127.0.0.1', '[::1]', '::1']);

export function hostnameOf(hostHeader: string | undefined): string {
  const raw = (hostHeader ?? '').trim().toLowerCase();
  if (raw.startsWith('[')) return raw.slice(0, raw.indexOf(']') + 1);
  return raw.replace(/:\d+$/, '').replace(/\.$/, '');
}

export function classifyHost(hostHeader: string | undefined, platformDomain: string): HostKind {
  const host = hostnameOf(hostHeader);
  if (host === platformDomain || host === `app.${platformDomain}` || LOOPBACK.has(host) || host === '') {
    return { kind: 'admin' };
  }
  const suffix = `.${platformDomain}`;
  if (host.endsWith(suffix)) {
    const label = host.slice(0, -suffix.length);
    if (/^[a-z0-9-]+$/.test(label)) return { kind: 'site', username: label };
  }
  return { kind: 'custom', hostname: host };
}
