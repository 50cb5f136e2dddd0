/**
 * Where to go after logging in. Only same-site paths are honoured, so a crafted
 * `/login?redirect=https://evil.example` cannot bounce users off-site.
 */
export function safeRedirect(target: string | undefined): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return '/';
  if (target.startsWith('/login') || target.startsWith('/signup')) return '/';
  return target;
}
