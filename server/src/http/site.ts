import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../db/types.js';
import type { AppDeps } from '../deps.js';
import { classifyHost } from './hosts.js';

/**
 * The account whose public site a request addresses, or undefined when the Host is not a site
 * of an active account. Every site-host page (portal, checkout, later pages) resolves its
 * account here: `{username}.PLATFORM_DOMAIN`, or an active custom domain (through the host
 * directory's cache, cleared when domains change). Pending domains and unknown hosts resolve to
 * nothing, so they get the plain 404 page and never another account's content.
 */
export async function siteAccountOf(deps: AppDeps, req: FastifyRequest): Promise<Account | undefined> {
  if (resolved.has(req)) return resolved.get(req);
  const account = await lookUp(deps, req);
  resolved.set(req, account);
  return account;
}

// Per request, so the canonical-link hook below reuses what the page resolved (no second lookup).
const resolved = new WeakMap<FastifyRequest, Account | undefined>();

async function lookUp(deps: AppDeps, req: FastifyRequest): Promise<Account | undefined> {
  const host = classifyHost(req.headers.host, deps.config.platformDomain);
  if (host.kind === 'site') {
    return deps.db
      .selectFrom('accounts')
      .selectAll()
      .where('username', '=', host.username)
      .where('active', '=', 1)
      .executeTakeFirst();
  }
  if (host.kind !== 'custom') return undefined;
  const entry = await deps.hosts.custom(host.hostname);
  if (entry?.role !== 'site') return undefined;
  return deps.db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', entry.accountId)
    .where('active', '=', 1)
    .executeTakeFirst();
}

/**
 * For links that must live on the platform host (tracking, split-test and double opt-in links):
 * on a custom domain, answers with a redirect to the same path on `{username}.PLATFORM_DOMAIN`
 * and returns true; elsewhere returns false and the caller serves the request.
 */
export async function redirectToPlatformHost(
  deps: AppDeps,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  const host = classifyHost(req.headers.host, deps.config.platformDomain);
  if (host.kind !== 'custom') return false;
  const account = await siteAccountOf(deps, req);
  if (!account) return false;
  await reply.redirect(`${platformSiteOrigin(deps, account.username)}${req.url}`, 302);
  return true;
}

/**
 * The canonical origin of an account's site: `https://` + its first active custom domain, else
 * `{username}.PLATFORM_DOMAIN`. For links Atrium writes to the site (portal and checkout URLs in
 * mails and API replies); never for tracking, split-test and opt-in links (platform host only).
 */
export async function canonicalSiteOrigin(
  deps: AppDeps,
  account: Pick<Account, 'id' | 'username'>,
): Promise<string> {
  const primary = await deps.hosts.primaryDomain(account.id);
  return primary ? `https://${primary}` : platformSiteOrigin(deps, account.username);
}

/** `{scheme}://{username}.PLATFORM_DOMAIN[:port]`, the port as in the admin URL. */
export function platformSiteOrigin(deps: Pick<AppDeps, 'config'>, username: string): string {
  const admin = new URL(deps.config.adminUrl);
  return `${admin.protocol}//${username}.${deps.config.platformDomain}${admin.port ? `:${admin.port}` : ''}`;
}

const PASS_THROUGH = /^\/(internal\/|healthz$|\.well-known\/acme-challenge\/)/;

/**
 * Hooks every request goes through before routing:
 * - behind a TLS proxy (TRUST_PROXY=1, PUBLIC_SCHEME=https), a plain-HTTP request is redirected
 *   to https (the Caddyfile in docs/deployment.md hands plain HTTP to Atrium for the next point);
 * - the apex of a root-kind domain (`example.com` of `www.example.com`, pending or active) is
 *   forwarded with a 301 to `https://www.example.com` + the same path and query, for owners who
 *   point the apex at this server instead of using their registrar's forwarding;
 * - site pages answered 200 with HTML carry `Link: <…>; rel="canonical"` naming the account's
 *   first active custom domain when it has one (so search engines index that address).
 */
export function installSiteHosts(app: FastifyInstance, deps: AppDeps): void {
  const behindTls = deps.config.trustProxy && deps.config.publicScheme === 'https';
  app.addHook('onRequest', async (req, reply) => {
    const host = classifyHost(req.headers.host, deps.config.platformDomain);
    if (host.kind === 'custom' && !PASS_THROUGH.test(req.url)) {
      const entry = await deps.hosts.custom(host.hostname);
      if (entry?.role === 'apex') {
        return reply
          .header('cache-control', 'public, max-age=3600')
          .redirect(`https://${entry.www}${req.url}`, 301);
      }
    }
    // Only what the proxy says came over plain HTTP (not requests that reach Atrium directly).
    if (behindTls && req.headers['x-forwarded-proto'] === 'http' && !PASS_THROUGH.test(req.url)) {
      const status = req.method === 'GET' || req.method === 'HEAD' ? 301 : 308;
      return reply.redirect(`https://${req.host}${req.url}`, status);
    }
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode !== 200 || req.method !== 'GET' || !resolved.has(req)) return payload;
    const type = reply.getHeader('content-type');
    if (typeof type !== 'string' || !type.startsWith('text/html')) return payload;
    const account = resolved.get(req);
    if (!account) return payload;
    const origin = await canonicalSiteOrigin(deps, account);
    const path = req.url.split('?')[0] ?? '/';
    reply.header('link', `<${origin}${path}>; rel="canonical"`);
    return payload;
  });
}
