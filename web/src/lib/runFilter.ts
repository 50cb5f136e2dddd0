import type { RunFilter } from '../api/automations';
import type { RunStatus } from '../api/types';

const STATUSES: RunStatus[] = ['pending', 'done', 'failed', 'dead', 'cancelled'];

/** The run log's URL search (`?status=dead&automation=3`) → a filter, unknown values dropped. */
export function parseRunFilter(search: Record<string, unknown>): RunFilter {
  const out: RunFilter = {};
  if (STATUSES.includes(search.status as RunStatus)) out.status = search.status as RunStatus;
  const automation = Number(search.automation);
  if (Number.isInteger(automation) && automation > 0) out.automation = automation;
  return out;
}
