import type { DbOrTrx } from '../../db/types.js';
import { AppError } from '../../lib/errors.js';
import {
  type CountLimit,
  type FlagLimit,
  isPlanId,
  PERIODIC_LIMITS,
  type PeriodicLimit,
  type Plan,
  type PlanCatalog,
} from './catalog.js';

/** The limits service: every module asks here before it lets an account grow. */

const LABELS: Record<string, [singular: string, plural: string]> = {
  custom_domains: ['custom domain', 'custom domains'],
  leads: ['lead', 'leads'],
  products: ['product', 'products'],
  memberships: ['membership site', 'membership sites'],
  pages: ['page', 'pages'],
  import_columns: ['import column with data', 'import columns with data'],
  webinar_attendees: ['webinar attendee', 'webinar attendees'],
  webinar_presenters: ['webinar presenter', 'webinar presenters'],
  webinar_hours: ['webinar hour', 'webinar hours'],
  emails_per_month: ['email a month', 'emails a month'],
  webinars: ['webinars', 'webinars'],
};

export function planOf(catalog: PlanCatalog, planId: string): Plan {
  return isPlanId(planId) ? catalog[planId] : catalog.starter;
}

function limitReached(plan: Plan, limit: string, max: number | boolean, text: string): AppError {
  return new AppError(422, 'plan_limit_reached', text, { limit, max, plan: plan.id });
}

/** Throws 422 plan_limit_reached when adding `adding` to `current` would pass the plan's cap. */
export function assertWithinCount(
  catalog: PlanCatalog,
  planId: string,
  limit: CountLimit,
  current: number,
  adding = 1,
): void {
  const plan = planOf(catalog, planId);
  const max = plan.limits[limit];
  if (max === null || current + adding <= max) return;
  const [one, many] = LABELS[limit] ?? [limit, limit];
  throw limitReached(
    plan,
    limit,
    max,
    `Your ${plan.name} plan allows ${max} ${max === 1 ? one : many}. Upgrade your plan or remove some first.`,
  );
}

export function assertFlag(catalog: PlanCatalog, planId: string, flag: FlagLimit): void {
  const plan = planOf(catalog, planId);
  if (plan.limits[flag]) return;
  throw limitReached(
    plan,
    flag,
    false,
    `Your ${plan.name} plan does not include ${LABELS[flag]?.[1] ?? flag}.`,
  );
}

export const periodOf = (now: Date): string => now.toISOString().slice(0, 7); // YYYY-MM, UTC

/**
 * Adds usage to a monthly counter inside the caller's transaction; throws (so the caller's
 * transaction rolls back) when the month's maximum would be passed. The upsert is atomic on
 * both dialects, so concurrent consumers cannot both squeeze past the cap.
 */
export async function consumePeriodic(
  trx: DbOrTrx,
  catalog: PlanCatalog,
  account: { id: number; plan: string },
  limit: PeriodicLimit,
  amount: number,
  now: Date,
): Promise<number> {
  const row = await trx
    .insertInto('usage_counters')
    .values({ account_id: account.id, metric: limit, period: periodOf(now), count: amount })
    .onConflict((oc) =>
      oc.columns(['account_id', 'metric', 'period']).doUpdateSet((eb) => ({
        count: eb('usage_counters.count', '+', eb.ref('excluded.count')),
      })),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  const plan = planOf(catalog, account.plan);
  const max = plan.limits[limit];
  if (max !== null && row.count > max) {
    const [, many] = LABELS[limit] ?? [limit, limit];
    throw limitReached(
      plan,
      limit,
      max,
      `Your ${plan.name} plan allows ${max} ${many}; this month's are used up.`,
    );
  }
  return row.count;
}

/** This month's periodic usage, for the plan screen. */
export async function periodicUsage(
  db: DbOrTrx,
  accountId: number,
  now: Date,
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('usage_counters')
    .select(['metric', 'count'])
    .where('account_id', '=', accountId)
    .where('period', '=', periodOf(now))
    .execute();
  const usage: Record<string, number> = Object.fromEntries(PERIODIC_LIMITS.map((k) => [k, 0]));
  for (const r of rows) usage[r.metric] = r.count;
  return usage;
}
