import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../deps.js';
import { classifyHost } from '../../http/hosts.js';

/**
 * `GET /internal/tls/ask?domain=H` for Caddy's on-demand TLS: 200 when H may get a certificate
 * (an active custom domain, the apex of an active root-kind domain, `{username}.PLATFORM_DOMAIN`
 * of an active account, or the platform's own hosts), else 404. Caddy asks before every
 * certificate it would obtain (and on handshakes for names it holds nothing for), so the
 * answer comes from the host directory's cache: no query on a hit.
 */
export async function mayHaveCertificate(deps: AppDeps, raw: string): Promise<boolean> {
  const domain = raw.trim().toLowerCase().replace(/\.$/, '');
  if (!/^[a-z0-9.-]{1,253}$/.test(domain) || !domain.includes('.') || /^[0-9.]+$/.test(domain)) {
    return false; // not a DNS name (IP addresses, junk): never
  }
  const platform = deps.config.platformDomain;
  if (domain === platform || domain === `app.${platform}`) return true;
  const host = classifyHost(domain, platform);
  if (host.kind === 'site') return deps.hosts.activeUsername(host.username);
  if (host.kind !== 'custom') return false;
  const entry = await deps.hosts.custom(domain);
  return entry !== null && (entry.role === 'site' || entry.active);
}

export function tlsAskRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: { domain?: string } }>(
      '/internal/tls/ask',
      { schema: { hide: true } },
      async (req, reply) => {
        const domain = typeof req.query.domain === 'string' ? req.query.domain : '';
        const ok = domain !== '' && (await mayHaveCertificate(deps, domain));
        return reply
          .status(ok ? 200 : 404)
          .header('cache-control', 'no-store')
          .type('text/plain; charset=utf-8')
          .send(ok ? 'ok' : 'no certificate for this name');
      },
    );
  };
}
