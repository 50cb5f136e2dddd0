import type { Config } from '../../config.js';

/**
 * The account's site as written into mails and replies: `{scheme}://{username}.PLATFORM_DOMAIN`
 * with the port the admin URL uses (so `demo.localhost:3000` works in development).
 */
export function siteUrl(config: Pick<Config, 'adminUrl' | 'platformDomain'>, username: string): string {
  const admin = new URL(config.adminUrl);
  return `${admin.protocol}//${username}.${config.platformDomain}${admin.port ? `:${admin.port}` : ''}`;
}

export const portalPath = (slug: string) => `/m/${slug}/`;

export const portalUrl = (
  config: Pick<Config, 'adminUrl' | 'platformDomain'>,
  username: string,
  slug: string,
) => `${siteUrl(config, username)}${portalPath(slug)}`;
