const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const formatDateTime = (iso: string | null | undefined, fallback = 'Never') =>
  iso ? dateTime.format(new Date(iso)) : fallback;

/** `custom_domains` → `Custom domains`: plan limit keys come from the server as snake_case. */
export const humanizeKey = (key: string) => {
  const words = key.replaceAll('_', ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const formatNumber = (n: number) => n.toLocaleString();

/** The first word of a full name, for a friendly greeting. */
export const firstName = (name: string | null | undefined) => (name ?? '').trim().split(/\s+/)[0] ?? '';

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export const formatDate = (iso: string | null | undefined, fallback = '—') =>
  iso ? dateOnly.format(new Date(iso)) : fallback;
