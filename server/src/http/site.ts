import type { FastifyRequest } from 'fastify';
import type { Account } from '../db/types.js';
import type { AppDeps } from '../deps.js';
import { classifyHost } from './hosts.js';

/**
 * The account whose public site a request addresses, or undefined when the Host is not a site
 * of an active account. Every site-host page (portal, checkout, later pages) resolves its
 * account here, so custom domains (the domains module) plug in at one place.
 */
export async function siteAccountOf(deps: AppDeps, req: FastifyRequest): Promise<Account | undefined> {
  const host = classifyHost(req.headers.host, deps.config.platformDomain);
  if (host.kind !== 'site') return undefined; // custom domains: resolved by the domains module
  return deps.db
    .selectFrom('accounts')
    .selectAll()
    .where('username', '=', host.username)
    .where('active', '=', 1)
    .executeTakeFirst();
}
