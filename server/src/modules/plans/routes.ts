import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { callerOf } from '../../http/auth.js';
import { PLAN_IDS } from './catalog.js';
import { periodicUsage, planOf } from './service.js';

const tags = ['Plans'];
const limitsOut = z.record(z.string(), z.union([z.number(), z.boolean(), z.null()]));
const planOut = z.object({ id: z.enum(PLAN_IDS), name: z.string(), limits: limitsOut });

export function planRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/plans',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'Plans and their limits (null = unlimited)',
          response: { 200: z.object({ plans: z.array(planOut) }) },
        },
      },
      async () => ({ plans: PLAN_IDS.map((id) => deps.plans[id]) }),
    );
    app.get(
      '/me/plan',
      {
        schema: {
          tags,
          summary: "The account's plan, limits and this month's usage",
          response: {
            200: z.object({
              plan: z.object({ id: z.enum(PLAN_IDS), name: z.string() }),
              limits: limitsOut,
              usage: z.record(z.string(), z.number()),
            }),
          },
        },
      },
      async (req) => {
        const account = callerOf(req).account;
        const plan = planOf(deps.plans, account.plan);
        return {
          plan: { id: plan.id, name: plan.name },
          limits: plan.limits,
          usage: await periodicUsage(deps.db, account.id, deps.clock.now()),
        };
      },
    );
  };
}
