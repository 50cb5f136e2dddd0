import { z } from 'zod';
import type { Config } from '../../config.js';
import type { AutomationRunStatus, DbOrTrx, EventRow } from '../../db/types.js';
import { addMs, iso, MINUTE } from '../../lib/clock.js';
import { type EventSubscriber, enqueueJob, type JobHandler } from '../../worker/index.js';
import { type Actor, addTimeline } from '../leads/service.js';
import { TRIGGER_EVENTS, triggerPayload } from './events.js';
import { type Step, waitMinutes } from './schema.js';
import { applyStep, type LeadRow, StepFailure } from './steps.js';
import { postWebhook, WebhookRefused } from './webhook.js';

/**
 * The engine: outbox events → runs → one job per step.
 *
 * - The subscriber turns an event into one run per matching active automation (unique per
 *   event and automation) and queues the first step's job, keyed `automation-run:{run}:{step}`.
 *   A re-dispatch finds the run already there and creates nothing.
 * - A step job applies its step in the job's transaction (exactly once), records it in the
 *   ledger (automation_run_steps), and queues the next step's job (after the wait of a wait
 *   step) or finishes the run, all in that same transaction.
 * - Webhook steps POST outside any transaction (at least once), then record and advance in one.
 * - A step whose job is retried, or replayed after it succeeded, finds the run already past it
 *   (or the ledger entry) and changes nothing.
 * - Loops: every event a step causes carries the run as its source (`source: 'automation'`,
 *   `source_id: run id`); a run inherits its cause's chain of automation:lead links. A link seen
 *   before in the chain, or a chain deeper than MAX_CHAIN_DEPTH, makes the new run `failed` at
 *   once with the chain in its error, and nothing runs.
 */

export const STEP_JOB = 'automation.step';
export const WEBHOOK_JOB = 'automation.webhook';
export const SUBSCRIBER = 'automations';
export const MAX_CHAIN_DEPTH = 8;
export const AUTOMATION_SOURCE = 'automation';

export type EngineDeps = {
  config: Pick<Config, 'adminUrl' | 'platformDomain' | 'webhookAllowPrivate'>;
};

export const jobKey = (runId: number, step: number) => `automation-run:${runId}:${step}`;
export const jobTypeOf = (step: Step) => (step.type === 'webhook' ? WEBHOOK_JOB : STEP_JOB);
const actorOf = (runId: number): Actor => ({ source: AUTOMATION_SOURCE, sourceId: String(runId) });

// --- Fan-out ---------------------------------------------------------------------------------

export const automationSubscriber: EventSubscriber = {
  name: SUBSCRIBER,
  events: Object.keys(TRIGGER_EVENTS),
  async fanOut(trx, event, now) {
    const route = TRIGGER_EVENTS[event.type];
    if (!route || event.account_id === null) return;
    const accountId = event.account_id;
    const parsed = triggerPayload.safeParse(JSON.parse(event.payload));
    if (!parsed.success) return; // not about one lead: nothing to start
    const p = parsed.data;
    const ref = route.ref ? (p[route.ref as 'tag_id'] ?? null) : null;
    if (route.ref && ref === null) return;
    const automations = await trx
      .selectFrom('automations')
      .select(['id', 'name', 'steps'])
      .where('account_id', '=', accountId)
      .where('trigger_type', '=', route.trigger)
      .where((eb) => (ref === null ? eb('trigger_ref', 'is', null) : eb('trigger_ref', '=', ref)))
      .where('active', '=', 1)
      .orderBy('id')
      .execute();
    if (!automations.length) return;
    const parentChain = await chainOf(trx, accountId, p.source, p.source_id);
    for (const a of automations)
      await startRun(trx, accountId, event, route.trigger, p.lead_id, a, parentChain, now);
  },
};

async function chainOf(
  trx: DbOrTrx,
  accountId: number,
  source: string | undefined,
  sourceId: string | null | undefined,
): Promise<string[]> {
  if (source !== AUTOMATION_SOURCE || !sourceId || !/^\d+$/.test(sourceId)) return [];
  const parent = await trx
    .selectFrom('automation_runs')
    .select('chain')
    .where('id', '=', Number(sourceId))
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return parent ? (JSON.parse(parent.chain) as string[]) : [];
}

async function startRun(
  trx: DbOrTrx,
  accountId: number,
  event: EventRow,
  trigger: string,
  leadId: number,
  a: { id: number; name: string; steps: string },
  parentChain: string[],
  now: Date,
): Promise<void> {
  const link = `${a.id}:${leadId}`;
  const chain = [...parentChain, link];
  const repeated = parentChain.includes(link);
  const loop = repeated || parentChain.length >= MAX_CHAIN_DEPTH;
  const error = !loop
    ? null
    : repeated
      ? `Loop stopped: this automation was started again for the same lead by its own effects (chain of automation:lead ${chain.join(' → ')}). Change the automations so they do not trigger each other.`
      : `Loop stopped: automations triggered each other ${parentChain.length} times in a row for this lead (chain ${chain.join(' → ')}); at most ${MAX_CHAIN_DEPTH} are allowed.`;
  const t = iso(now);
  const steps = JSON.parse(a.steps) as Step[];
  const run = await trx
    .insertInto('automation_runs')
    .values({
      account_id: accountId,
      automation_id: a.id,
      automation_name: a.name,
      lead_id: leadId,
      event_id: event.id,
      trigger_type: trigger,
      status: loop ? 'failed' : 'pending',
      step: 0,
      steps: a.steps,
      chain: JSON.stringify(chain),
      job_key: null,
      resume_at: null,
      error,
      created_at: t,
      updated_at: t,
      finished_at: loop ? t : null,
    })
    .onConflict((oc) => oc.columns(['event_id', 'automation_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!run) return; // this event already started this automation
  await addTimeline(trx, accountId, actorOf(run.id), now, [
    {
      leadId,
      kind: loop ? 'automation_failed' : 'automation_started',
      detail: {
        automation_id: a.id,
        automation: a.name,
        run_id: run.id,
        trigger,
        ...(error ? { error } : {}),
      },
    },
  ]);
  if (loop) return;
  const key = jobKey(run.id, 0);
  await enqueueJob(trx, {
    type: jobTypeOf(steps[0]!),
    payload: { runId: run.id, step: 0 },
    accountId,
    at: now,
    key,
  });
  await trx.updateTable('automation_runs').set({ job_key: key }).where('id', '=', run.id).execute();
}

// --- Steps -----------------------------------------------------------------------------------

const stepPayload = z.object({ runId: z.number().int().positive(), step: z.number().int().min(0) });
type StepPayload = z.infer<typeof stepPayload>;

type RunRow = {
  id: number;
  account_id: number;
  automation_id: number;
  automation_name: string;
  lead_id: number;
  event_id: number;
  trigger_type: string;
  status: AutomationRunStatus;
  step: number;
  steps: string;
  automation_active: number | null;
};

/** The run if its next step is `step` and it still may go on; else why not (nothing to do). */
async function loadRun(db: DbOrTrx, accountId: number | null, p: StepPayload): Promise<RunRow | undefined> {
  if (accountId === null) return undefined;
  const run = await db
    .selectFrom('automation_runs as r')
    .leftJoin('automations as a', (j) =>
      j.onRef('a.id', '=', 'r.automation_id').onRef('a.account_id', '=', 'r.account_id'),
    )
    .select([
      'r.id',
      'r.account_id',
      'r.automation_id',
      'r.automation_name',
      'r.lead_id',
      'r.event_id',
      'r.trigger_type',
      'r.status',
      'r.step',
      'r.steps',
      'a.active as automation_active',
    ])
    .where('r.id', '=', p.runId)
    .where('r.account_id', '=', accountId)
    .executeTakeFirst();
  // Finished, stopped, or already past this step (a retry or replay of a step that succeeded).
  if (!run || run.status !== 'pending' || run.step !== p.step) return undefined;
  return run;
}

async function liveLead(db: DbOrTrx, accountId: number, leadId: number): Promise<LeadRow | undefined> {
  return db
    .selectFrom('leads')
    .select(['id', 'email', 'first_name', 'last_name', 'blocked'])
    .where('account_id', '=', accountId)
    .where('id', '=', leadId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Ends a run: done, failed (a reason retrying cannot fix) or cancelled. */
async function finish(
  trx: DbOrTrx,
  run: RunRow,
  status: 'done' | 'failed' | 'cancelled',
  step: number,
  error: string | null,
  now: Date,
): Promise<void> {
  const t = iso(now);
  await trx
    .updateTable('automation_runs')
    .set({ status, step, error, resume_at: null, updated_at: t, finished_at: t })
    .where('id', '=', run.id)
    .where('account_id', '=', run.account_id)
    .execute();
  await addTimeline(trx, run.account_id, actorOf(run.id), now, [
    {
      leadId: run.lead_id,
      kind: `automation_${status === 'done' ? 'completed' : status}`,
      detail: {
        automation_id: run.automation_id,
        automation: run.automation_name,
        run_id: run.id,
        ...(error ? { error, step } : {}),
      },
    },
  ]);
}

/** Records step `index` as done and moves the run on: the next step's job, or the end. */
async function advance(
  trx: DbOrTrx,
  run: RunRow,
  steps: Step[],
  index: number,
  detail: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const step = steps[index]!;
  const inserted = await trx
    .insertInto('automation_run_steps')
    .values({
      run_id: run.id,
      step: index,
      account_id: run.account_id,
      type: step.type,
      detail: JSON.stringify(detail),
      done_at: iso(now),
    })
    .onConflict((oc) => oc.columns(['run_id', 'step']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return; // recorded before: nothing more to do
  const next = index + 1;
  if (next >= steps.length) return finish(trx, run, 'done', next, null, now);
  const runAt = step.type === 'wait' ? addMs(now, waitMinutes(step) * MINUTE) : now;
  const key = jobKey(run.id, next);
  await enqueueJob(trx, {
    type: jobTypeOf(steps[next]!),
    payload: { runId: run.id, step: next },
    accountId: run.account_id,
    at: now,
    runAt,
    key,
  });
  await trx
    .updateTable('automation_runs')
    .set({
      step: next,
      job_key: key,
      resume_at: step.type === 'wait' ? iso(runAt) : null,
      updated_at: iso(now),
    })
    .where('id', '=', run.id)
    .where('account_id', '=', run.account_id)
    .execute();
}

/** Checks that the run may go on; ends it (and returns false) when it may not. */
async function mayGoOn(trx: DbOrTrx, run: RunRow, lead: LeadRow | undefined, now: Date): Promise<boolean> {
  if (run.automation_active !== 1) {
    const why = run.automation_active === null ? 'The automation was deleted' : 'The automation was paused';
    await finish(trx, run, 'cancelled', run.step, `${why} before step ${run.step + 1} ran.`, now);
    return false;
  }
  if (!lead) {
    await finish(trx, run, 'failed', run.step, 'The lead was deleted.', now);
    return false;
  }
  return true;
}

/** Runs every step but webhooks, each in its job's transaction: effects exactly once. */
export function stepHandler(deps: EngineDeps): JobHandler<StepPayload> {
  return {
    type: STEP_JOB,
    parse: (p) => stepPayload.parse(p),
    transactional: true,
    async run(ctx, p) {
      const run = await loadRun(ctx.db, ctx.job.account_id, p);
      if (!run) return;
      const lead = await liveLead(ctx.db, run.account_id, run.lead_id);
      if (!(await mayGoOn(ctx.db, run, lead, ctx.now)) || !lead) return;
      const steps = JSON.parse(run.steps) as Step[];
      const step = steps[p.step];
      if (!step || step.type === 'webhook') throw new Error(`Step ${p.step + 1} is not a database step.`);
      let detail: Record<string, unknown>;
      try {
        detail = await applyStep(
          {
            trx: ctx.db,
            config: deps.config,
            accountId: run.account_id,
            runId: run.id,
            stepIndex: p.step,
            lead,
            actor: actorOf(run.id),
            now: ctx.now,
          },
          step,
        );
      } catch (err) {
        if (!(err instanceof StepFailure)) throw err; // retried with backoff, then dead
        // Effects check what they need (tag, list, membership, level, lead) before writing
        // anything, so a StepFailure leaves nothing half-done to roll back.
        return finish(ctx.db, run, 'failed', p.step, `Step ${p.step + 1} failed: ${err.message}`, ctx.now);
      }
      await advance(ctx.db, run, steps, p.step, detail, ctx.now);
    },
  };
}

/** Runs webhook steps: the POST outside any transaction (at least once), then record + advance. */
export function webhookHandler(deps: EngineDeps): JobHandler<StepPayload> {
  return {
    type: WEBHOOK_JOB,
    parse: (p) => stepPayload.parse(p),
    transactional: false,
    async run(ctx, p) {
      const run = await loadRun(ctx.db, ctx.job.account_id, p);
      if (!run) return;
      const lead = await liveLead(ctx.db, run.account_id, run.lead_id);
      if (run.automation_active !== 1 || !lead) {
        await ctx.db.transaction().execute(async (trx) => {
          const again = await loadRun(trx, run.account_id, p);
          if (again) await mayGoOn(trx, again, await liveLead(trx, run.account_id, run.lead_id), ctx.now);
        });
        return;
      }
      const steps = JSON.parse(run.steps) as Step[];
      const step = steps[p.step];
      if (!step || step.type !== 'webhook') throw new Error(`Step ${p.step + 1} is not a webhook.`);
      let status: number;
      try {
        ({ status } = await postWebhook(
          step.url,
          {
            event: 'automation.webhook',
            automation: { id: run.automation_id, name: run.automation_name },
            run_id: run.id,
            step: p.step,
            trigger: { type: run.trigger_type, event_id: run.event_id },
            lead: { id: lead.id, email: lead.email, first_name: lead.first_name, last_name: lead.last_name },
            sent_at: iso(ctx.now),
          },
          { allowPrivate: deps.config.webhookAllowPrivate, idempotencyKey: jobKey(run.id, p.step) },
        ));
      } catch (err) {
        if (!(err instanceof WebhookRefused)) throw err;
        await ctx.db.transaction().execute(async (trx) => {
          const again = await loadRun(trx, run.account_id, p);
          if (again)
            await finish(trx, again, 'failed', p.step, `Step ${p.step + 1} failed: ${err.message}`, ctx.now);
        });
        return;
      }
      await ctx.db.transaction().execute(async (trx) => {
        const again = await loadRun(trx, run.account_id, p);
        if (!again) return;
        await addTimeline(trx, run.account_id, actorOf(run.id), ctx.now, [
          { leadId: run.lead_id, kind: 'webhook_sent', detail: { url: step.url, status, run_id: run.id } },
        ]);
        await advance(trx, again, steps, p.step, { url: step.url, status }, ctx.now);
      });
    },
  };
}

/** What the worker needs from automations: handlers and the subscriber (runtime.ts). */
export function automationWorkerParts(deps: EngineDeps) {
  return { handlers: [stepHandler(deps), webhookHandler(deps)], subscribers: [automationSubscriber] };
}
