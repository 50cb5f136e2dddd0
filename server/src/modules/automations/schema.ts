import { z } from 'zod';

/** zod shapes of the automations API: one per shape, types inferred. */

const id = z.number().int().positive();
export const idParam = z.object({ id: z.coerce.number().int().positive() });

// --- Triggers: what starts a run (one lead each) ---------------------------------------------

export const triggerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tag_applied'), tag_id: id }),
  z.object({ type: z.literal('tag_removed'), tag_id: id }),
  z.object({ type: z.literal('list_subscribed'), list_id: id }),
  z.object({ type: z.literal('list_unsubscribed'), list_id: id }),
  z.object({ type: z.literal('lead_created') }),
  z.object({ type: z.literal('form_submitted'), form_id: id }),
  z.object({ type: z.literal('product_purchased'), product_id: id }),
  z.object({ type: z.literal('subscription_cancelled'), product_id: id }),
]);
export type Trigger = z.infer<typeof triggerSchema>;
export type TriggerType = Trigger['type'];
export const TRIGGER_TYPES = triggerSchema.options.map((o) => o.shape.type.value) as TriggerType[];

// --- Steps: what a run does, in order ----------------------------------------------------------

const MAX_WAIT_MINUTES = 365 * 24 * 60;

export const waitStep = z
  .object({
    type: z.literal('wait'),
    minutes: z.number().int().positive().optional(),
    hours: z.number().int().positive().optional(),
    days: z.number().int().positive().optional(),
  })
  .refine((w) => [w.minutes, w.hours, w.days].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of minutes, hours or days',
  })
  .refine((w) => waitMinutes(w) <= MAX_WAIT_MINUTES, { message: 'may wait at most 365 days' });

export const waitMinutes = (w: {
  minutes?: number | undefined;
  hours?: number | undefined;
  days?: number | undefined;
}) => (w.minutes ?? 0) + (w.hours ?? 0) * 60 + (w.days ?? 0) * 1440;

export const stepSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('grant_membership'), membership_id: id, level_id: id }),
  z.object({ type: z.literal('revoke_membership'), membership_id: id }),
  z.object({ type: z.literal('apply_tag'), tag_id: id }),
  z.object({ type: z.literal('remove_tag'), tag_id: id }),
  z.object({ type: z.literal('subscribe_list'), list_id: id }),
  z.object({ type: z.literal('unsubscribe_list'), list_id: id }),
  z.object({
    type: z.literal('send_email'),
    subject: z.string().trim().min(1, 'must not be empty').max(200),
    /** Plain text; {first_name}, {last_name} and {email} are filled in. */
    body: z.string().trim().min(1, 'must not be empty').max(50_000),
  }),
  waitStep,
  z.object({
    type: z.literal('webhook'),
    url: z
      .string()
      .trim()
      .max(2000)
      .pipe(z.url({ protocol: /^https?$/ })),
  }),
]);
export type Step = z.infer<typeof stepSchema>;
export type StepType = Step['type'];

const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const steps = z.array(stepSchema).min(1, 'needs at least one step').max(50, 'may have at most 50 steps');

export const automationBody = z.object({
  name,
  active: z.boolean().default(true),
  trigger: triggerSchema,
  steps,
});
export type AutomationBody = z.infer<typeof automationBody>;

export const automationPatchBody = z.object({
  name: name.optional(),
  active: z.boolean().optional(),
  trigger: triggerSchema.optional(),
  steps: steps.optional(),
});
export type AutomationPatch = z.infer<typeof automationPatchBody>;

export const automationOut = z.object({
  id: z.number(),
  name: z.string(),
  active: z.boolean(),
  trigger: triggerSchema,
  steps: z.array(stepSchema),
  created_at: z.string(),
  updated_at: z.string(),
});
export type AutomationOut = z.infer<typeof automationOut>;

// --- Runs ------------------------------------------------------------------------------------

export const RUN_STATUSES = ['pending', 'done', 'failed', 'dead', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const runQuery = z.object({
  status: z.enum(RUN_STATUSES).optional(),
  automation_id: z.coerce.number().int().positive().optional(),
  lead_id: z.coerce.number().int().positive().optional(),
  cursor: z.string().regex(/^\d+$/, 'is not a cursor from this list').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RunQuery = z.infer<typeof runQuery>;

export const runOut = z.object({
  id: z.number(),
  automation_id: z.number(),
  automation_name: z.string(),
  lead_id: z.number(),
  lead_email: z.string().nullable(),
  trigger: z.object({ type: z.string(), event_id: z.number() }),
  /**
   * pending: running, retrying or waiting (see resume_at, next_attempt_at); done: every step ran;
   * failed: stopped for a reason a retry cannot fix (error says which, e.g. a loop); dead: a step
   * failed on every attempt (error is its last); cancelled: the automation was paused or deleted.
   */
  status: z.enum(RUN_STATUSES),
  /** Index of the next step to run (= steps.length when done). */
  step: z.number(),
  steps: z.array(
    z.object({
      index: z.number(),
      type: z.string(),
      done_at: z.string().nullable(),
      detail: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  error: z.string().nullable(),
  /** Attempts of the current step's job. */
  attempts: z.number(),
  /** When a failed attempt will be retried. */
  next_attempt_at: z.string().nullable(),
  /** When a wait step ends. */
  resume_at: z.string().nullable(),
  /** Runs that caused this one (automationId:leadId), this one last. */
  chain: z.array(z.string()),
  replayable: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  finished_at: z.string().nullable(),
});
export type RunOut = z.infer<typeof runOut>;
export const runPageOut = z.object({ runs: z.array(runOut), next_cursor: z.string().nullable() });
