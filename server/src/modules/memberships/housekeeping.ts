import type { JobHandler, Schedule } from '../../worker/index.js';
import { cleanUpMemberLogins } from './portal/auth.js';

/** Hourly clean-up of the portal's short-lived rows: expired sessions and links, old login failures. */
export const MEMBERS_HOUSEKEEPING_JOB = 'memberships.housekeeping';

export const membersHousekeepingSchedule: Schedule = {
  name: 'memberships-housekeeping',
  everyMs: 3_600_000,
  jobType: MEMBERS_HOUSEKEEPING_JOB,
};

export const membersHousekeepingHandler: JobHandler<null> = {
  type: MEMBERS_HOUSEKEEPING_JOB,
  parse: () => null,
  transactional: true,
  run: ({ db, now }) => cleanUpMemberLogins(db, now),
};
