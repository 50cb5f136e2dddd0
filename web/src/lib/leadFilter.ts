import type { GdprStatus, LeadFilter } from '../api/types';

const GDPR: GdprStatus[] = ['consented', 'not_consented', 'unknown'];
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The lead list's URL search (`/leads?tag=vip&gdpr=consented`) → a filter, unknown values dropped. */
export function parseLeadFilter(search: Record<string, unknown>): LeadFilter {
  const out: LeadFilter = {};
  const q = str(search.q);
  const tag = str(search.tag);
  const list = str(search.list);
  if (q) out.q = q;
  if (tag) out.tag = tag;
  if (list) out.list = list;
  if (search.blocked === 'true' || search.blocked === 'false') out.blocked = search.blocked;
  if (GDPR.includes(search.gdpr as GdprStatus)) out.gdpr = search.gdpr as GdprStatus;
  return out;
}

export const hasFilter = (f: LeadFilter) => Object.values(f).some((v) => v !== undefined && v !== '');

/** The export of exactly what the list shows: a plain link the browser downloads. */
export function exportCsvUrl(filter: LeadFilter): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) params.set(k, String(v));
  const qs = params.toString();
  return `/api/v1/leads/export.csv${qs ? `?${qs}` : ''}`;
}
