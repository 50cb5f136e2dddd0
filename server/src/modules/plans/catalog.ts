import fs from 'node:fs';
import { z } from 'zod';

/**
 * Plans and their limits. `null` means unlimited. Count limits cap how many of a thing an
 * account may hold; flags switch a feature on or off; periodic limits cap usage per calendar
 * month (UTC). Operators override any value with PLANS_FILE (JSON: {plan: {limit: value}}).
 */

export const PLAN_IDS = ['starter', 'growth', 'professional', 'enterprise'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export const COUNT_LIMITS = [
  'custom_domains',
  'leads',
  'products',
  'memberships',
  'pages',
  'import_columns',
  'webinar_attendees',
  'webinar_presenters',
  'webinar_hours',
] as const;
export const FLAG_LIMITS = ['webinars'] as const;
export const PERIODIC_LIMITS = ['emails_per_month'] as const;

export type CountLimit = (typeof COUNT_LIMITS)[number];
export type FlagLimit = (typeof FLAG_LIMITS)[number];
export type PeriodicLimit = (typeof PERIODIC_LIMITS)[number];
export type Limits = Record<CountLimit | PeriodicLimit, number | null> & Record<FlagLimit, boolean>;
export type Plan = { id: PlanId; name: string; limits: Limits };
export type PlanCatalog = Record<PlanId, Plan>;

const DEFAULTS: PlanCatalog = {
  starter: {
    id: 'starter',
    name: 'Starter',
    limits: {
      custom_domains: 1,
      leads: 2_500,
      products: 20,
      memberships: 2,
      pages: 100,
      import_columns: 60,
      webinars: false,
      webinar_attendees: 0,
      webinar_presenters: 0,
      webinar_hours: 0,
      emails_per_month: 15_000,
    },
  },
  growth: {
    id: 'growth',
    name: 'Growth',
    limits: {
      custom_domains: 3,
      leads: 12_500,
      products: 100,
      memberships: 100,
      pages: 250,
      import_columns: 60,
      webinars: true,
      webinar_attendees: 300,
      webinar_presenters: 6,
      webinar_hours: 4,
      emails_per_month: 125_000,
    },
  },
  professional: {
    id: 'professional',
    name: 'Professional',
    limits: {
      custom_domains: 10,
      leads: 25_000,
      products: null,
      memberships: null,
      pages: null,
      import_columns: 60,
      webinars: true,
      webinar_attendees: 1_000,
      webinar_presenters: 6,
      webinar_hours: 4,
      emails_per_month: null,
    },
  },
  enterprise: {
    id: 'enterprise',
    name: 'Enterprise',
    limits: {
      custom_domains: 25,
      leads: null,
      products: null,
      memberships: null,
      pages: null,
      import_columns: 60,
      webinars: true,
      webinar_attendees: 5_000,
      webinar_presenters: 6,
      webinar_hours: 4,
      emails_per_month: null,
    },
  },
};

const numeric = z.number().int().min(0).nullable();
const overrideSchema = z.partialRecord(
  z.enum(PLAN_IDS),
  z
    .object({
      name: z.string().min(1).optional(),
      ...Object.fromEntries([...COUNT_LIMITS, ...PERIODIC_LIMITS].map((k) => [k, numeric.optional()])),
      ...Object.fromEntries(FLAG_LIMITS.map((k) => [k, z.boolean().optional()])),
    })
    .strict(),
);

export function loadPlanCatalog(file?: string): PlanCatalog {
  const catalog: PlanCatalog = structuredClone(DEFAULTS);
  if (!file) return catalog;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`PLANS_FILE ${file} could not be read as JSON: ${(err as Error).message}`);
  }
  const parsed = overrideSchema.safeParse(raw);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`PLANS_FILE ${file} is not valid: ${msg}`);
  }
  for (const [id, override] of Object.entries(parsed.data) as [PlanId, Record<string, unknown>][]) {
    const { name, ...limits } = override;
    if (typeof name === 'string') catalog[id].name = name;
    Object.assign(catalog[id].limits, limits);
  }
  return catalog;
}

export const isPlanId = (v: string): v is PlanId => (PLAN_IDS as readonly string[]).includes(v);
