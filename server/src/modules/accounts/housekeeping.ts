import { DAY, iso } from '../../lib/clock.js';
import type { JobHandler, Schedule } from '../../worker/index.js';

/** Hourly clean-up of rows that only matter for a while: expired sessions, links, old failures. */
export const HOUSEKEEPING_JOB = 'accounts.housekeeping';

export const housekeepingSchedule: Schedule = {
  name: 'accounts-housekeeping',
  everyMs: 3_600_000,
  jobType: HOUSEKEEPING_JOB,
};

export const housekeepingHandler: JobHandler<null> = {
  type: HOUSEKEEPING_JOB,
  parse: () => null,
  transactional: true,
  async run({ db, now }) {
    const nowIso = iso(now);
    await db.deleteFrom('sessions').where('expires_at', '<=', nowIso).execute();
    await db
      .deleteFrom('one_time_tokens')
      .where('expires_at', '<=', iso(new Date(now.getTime() - DAY)))
      .execute();
    await db
      .deleteFrom('login_failures')
      .where('created_at', '<=', iso(new Date(now.getTime() - DAY)))
      .execute();
    await db.deleteFrom('ip_blocks').where('blocked_until', '<=', nowIso).execute();
  },
};
