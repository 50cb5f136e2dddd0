import type { AppDeps } from '../../deps.js';
import type { JobHandler, Schedule } from '../../worker/index.js';
import { recheckDue } from './service.js';

/**
 * Every minute the scheduler enqueues one `domains.recheck` job (one per tick however many
 * workers run); it re-checks the pending domains whose backoff is over and removes those whose
 * 24 hours are up. DNS and HTTP happen outside any transaction (non-transactional handler);
 * each domain's outcome is written in a transaction of its own with compare-and-set on its
 * status, so a repeated or concurrent pass changes nothing twice.
 */
export const DOMAINS_RECHECK_JOB = 'domains.recheck';

export const domainsRecheckSchedule: Schedule = {
  name: 'domains-recheck',
  everyMs: 60_000,
  jobType: DOMAINS_RECHECK_JOB,
};

export const domainsRecheckHandler = (deps: AppDeps): JobHandler<null> => ({
  type: DOMAINS_RECHECK_JOB,
  parse: () => null,
  transactional: false,
  maxAttempts: 3,
  async run({ now }) {
    await recheckDue(deps, now);
  },
});
