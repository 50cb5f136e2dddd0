import { sql } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { AutomationRunStatus, DbOrTrx, Dialect, EventRow } from '../../db/types.js';
import { addMs, iso, MINUTE } from '../../lib/clock.js';
import { type EventSubscriber, emitEvent, enqueueJob, type JobHandler } from '../../worker/index.js';
import { type Actor, addTimeline, LEAD_EVENTS } from '../leads/service.js';
import {
  IMPORT_TRIGGER,
  importedPayload,
  TRIGGER_EVENTS,
  TRIGGER_REF_FIELD,
  triggerPayload,
} from './events.js';
import { type Step, TRIGGER_TYPES, type TriggerType, waitMinutes } from './schema.js';
import { applyStep, type LeadRow, StepFailure } from './steps.js';
import { postWebhook, WebhookRefused } from './webhook.js';

/**
 * The engine: outbox events → runs → steps, each applied exactly once.
 *
 * - The subscriber turns an event into one run per matching active automation (unique per
 *   event and automation: a re-dispatch finds the run and creates nothing). On SQLite it then
 *   applies the run's leading database steps right there, in the dispatcher's transaction,
 *   which marks the event dispatched: they commit together, once, and a hundred events' grants
 *   share one commit (SQLite has one writer anyway). On PostgreSQL it queues the first step's
 *   job instead, so the worker's slots (and other workers) apply runs in parallel.
 * - Each step is applied under a savepoint. A step that fails in a way a retry may fix (any
 *   error but a StepFailure) is rolled back to its savepoint and handed to a job keyed
 *   `automation-run:{run}:{step}`, which retries it with backoff and ends dead (replayable).
 *   A wait step hands the next step to a job due when the wait ends; a webhook step always
 *   runs as a job (outside any transaction).
 * - A step job applies its step and the database steps after it in the job's transaction,
 *   which also marks the job done: exactly once.
 * - Every applied step is written to the ledger (automation_run_steps, unique per run and
 *   step) and the run moves past it in the same transaction; a job that is retried or replayed
 *   after its step was applied finds the run past it and changes nothing.
 * - Imports raise one `leads.imported` event per batch; the subscriber expands it (only for
 *   triggers some active automation listens to) into one `automations.import_trigger` event per
 *   lead, in the same transaction, and those start runs like any lead event.
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
  dialect: Dialect;
};

export const jobKey = (runId: number, step: number) => `automation-run:${runId}:${step}`;
export const jobTypeOf = (step: Step) => (step.type === 'webhook' ? WEBHOOK_JOB : STEP_JOB);
const actorOf = (runId: number): Actor => ({ source: AUTOMATION_SOURCE, sourceId: String(runId) });

/** Whether a run's chain (its causes, then itself) is a loop the engine refuses to run. */
export function isLoop(chain: string[]): boolean {
  const parent = chain.slice(0, -1);
  return parent.includes(chain[chain.length - 1]!) || parent.length >= MAX_CHAIN_DEPTH;
}

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

// --- Fan-out ---------------------------------------------------------------------------------

export function automationSubscriber(deps: EngineDeps): EventSubscriber {
  return {
    name: SUBSCRIBER,
    events: [...Object.keys(TRIGGER_EVENTS), LEAD_EVENTS.imported, IMPORT_TRIGGER],
    async fanOut(trx, event, now) {
      if (event.account_id === null) return;
      if (event.type === LEAD_EVENTS.imported) return expandImport(trx, event.account_id, event, now);
      const accountId = event.account_id;
      const parsed = triggerPayload.safeParse(JSON.parse(event.payload));
      if (!parsed.success) return; // not about one lead: nothing to start
      const p = parsed.data;
      const route =
        event.type === IMPORT_TRIGGER
          ? TRIGGER_TYPES.includes(p.trigger as TriggerType)
            ? { trigger: p.trigger as TriggerType, ref: TRIGGER_REF_FIELD[p.trigger as TriggerType] }
            : undefined
          : TRIGGER_EVENTS[event.type];
      if (!route) return;
      const ref = route.ref ? (p[route.ref as 'tag_id'] ?? null) : null;
      if (route.ref && ref === null) return;
      // The automations that fire, with the lead they act on (none when it was deleted since).
      const automations = await trx
        .selectFrom('automations as a')
        .innerJoin('leads as l', (j) =>
          j
            .on('l.id', '=', p.lead_id)
            .onRef('l.account_id', '=', 'a.account_id')
            .on('l.deleted_at', 'is', null),
        )
        .select(['a.id', 'a.name', 'a.steps', 'l.email', 'l.first_name', 'l.last_name', 'l.blocked'])
        .where('a.account_id', '=', accountId)
        .where('a.trigger_type', '=', route.trigger)
        .where((eb) => (ref === null ? eb('a.trigger_ref', 'is', null) : eb('a.trigger_ref', '=', ref)))
        .where('a.active', '=', 1)
        .orderBy('a.id')
        .execute();
      if (!automations.length) return;
      const { email, first_name, last_name, blocked } = automations[0]!;
      const lead: LeadRow = { id: p.lead_id, email, first_name, last_name, blocked };
      const parentChain = await chainOf(trx, accountId, p.source, p.source_id);
      for (const a of automations) {
        const run = await startRun(trx, accountId, event, route.trigger, lead.id, a, parentChain, now);
        if (!run) continue;
        const steps = JSON.parse(a.steps) as Step[];
        // SQLite has one writer: applying the steps here batches a hundred events' effects into
        // the dispatcher's one commit. PostgreSQL has many: a job per run lets the worker's
        // slots (and other workers) apply them in parallel.
        if (deps.dialect === 'postgres') await schedule(trx, run, steps, 0, now, now);
        else await runSteps(trx, deps, run, steps, lead, 0, now, 'inline');
      }
    },
  };
}

/** Expands an import batch's event into one event per lead and trigger that has an automation. */
async function expandImport(trx: DbOrTrx, accountId: number, event: EventRow, now: Date): Promise<void> {
  const parsed = importedPayload.safeParse(JSON.parse(event.payload));
  if (!parsed.success) return;
  const p = parsed.data;
  const groups: {
    trigger: TriggerType;
    field?: 'tag_id' | 'list_id';
    ref: number | null;
    leadIds: number[];
  }[] = [
    { trigger: 'lead_created', ref: null, leadIds: p.created },
    ...p.tags_applied.map((g) => ({
      trigger: 'tag_applied' as const,
      field: 'tag_id' as const,
      ref: g.tag_id,
      leadIds: g.lead_ids,
    })),
    ...p.lists_subscribed.map((g) => ({
      trigger: 'list_subscribed' as const,
      field: 'list_id' as const,
      ref: g.list_id,
      leadIds: g.lead_ids,
    })),
  ];
  for (const g of groups) {
    if (!g.leadIds.length) continue;
    const ref = g.ref;
    const any = await trx
      .selectFrom('automations')
      .select('id')
      .where('account_id', '=', accountId)
      .where('trigger_type', '=', g.trigger)
      .where((eb) => (ref === null ? eb('trigger_ref', 'is', null) : eb('trigger_ref', '=', ref)))
      .where('active', '=', 1)
      .limit(1)
      .execute();
    if (!any.length) continue;
    for (const leadId of g.leadIds)
      await emitEvent(trx, {
        accountId,
        type: IMPORT_TRIGGER,
        payload: {
          lead_id: leadId,
          trigger: g.trigger,
          ...(g.field ? { [g.field]: ref } : {}),
          source: p.source ?? 'import',
          source_id: p.source_id ?? null,
        },
        at: now,
      });
  }
}

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

/** Creates the run (once per event and automation); a loop is created failed. Returns it if it may run. */
async function startRun(
  trx: DbOrTrx,
  accountId: number,
  event: EventRow,
  trigger: string,
  leadId: number,
  a: { id: number; name: string; steps: string },
  parentChain: string[],
  now: Date,
): Promise<RunRow | undefined> {
  const chain = [...parentChain, `${a.id}:${leadId}`];
  const loop = isLoop(chain);
  const error = !loop
    ? null
    : parentChain.length < MAX_CHAIN_DEPTH
      ? `Loop stopped: this automation was started again for the same lead by its own effects (chain of automation:lead ${chain.join(' → ')}). Change the automations so they do not trigger each other.`
      : `Loop stopped: automations triggered each other ${parentChain.length} times in a row for this lead (chain ${chain.join(' → ')}); at most ${MAX_CHAIN_DEPTH} are allowed.`;
  const t = iso(now);
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
  if (!run) return undefined; // this event already started this automation
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
  if (loop) return undefined;
  return {
    id: run.id,
    account_id: accountId,
    automation_id: a.id,
    automation_name: a.name,
    lead_id: leadId,
    event_id: event.id,
    trigger_type: trigger,
    status: 'pending',
    step: 0,
    steps: a.steps,
    automation_active: 1,
  };
}

// --- Applying steps --------------------------------------------------------------------------

async function liveLead(db: DbOrTrx, accountId: number, leadId: number): Promise<LeadRow | undefined> {
  return db
    .selectFrom('leads')
    .select(['id', 'email', 'first_name', 'last_name', 'blocked'])
    .where('account_id', '=', accountId)
    .where('id', '=', leadId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Ends a run: done, failed (a reason retrying cannot fix) or cancelled; notes it on the lead's timeline. */
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

/** Hands step `index` to a job (due at `runAt`) and notes it on the run. */
async function schedule(trx: DbOrTrx, run: RunRow, steps: Step[], index: number, runAt: Date, now: Date) {
  const key = jobKey(run.id, index);
  await enqueueJob(trx, {
    type: jobTypeOf(steps[index]!),
    payload: { runId: run.id, step: index },
    accountId: run.account_id,
    at: now,
    runAt,
    key,
  });
  await trx
    .updateTable('automation_runs')
    .set({
      step: index,
      job_key: key,
      resume_at: runAt > now ? iso(runAt) : null,
      error: null,
      updated_at: iso(now),
    })
    .where('id', '=', run.id)
    .where('account_id', '=', run.account_id)
    .execute();
}

/** Writes step `index` to the ledger; false when it was written before (nothing more to do). */
async function record(trx: DbOrTrx, run: RunRow, step: Step, index: number, detail: unknown, now: Date) {
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
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

const SAVEPOINT = sql.raw('automation_step');

/**
 * Applies the run's database steps from `from` on, in `trx`, until the run ends, a wait or a
 * webhook hands the rest to a job, or a step fails:
 * - StepFailure: the run fails (nothing of that step was written; effects check first);
 * - any other error: in `inline` mode (and for later steps in a job) the step is rolled back to
 *   its savepoint and handed to its own job, which retries it; the job's own first step
 *   (`job` mode) rethrows, so the worker retries the job.
 */
async function runSteps(
  trx: DbOrTrx,
  deps: EngineDeps,
  run: RunRow,
  steps: Step[],
  lead: LeadRow,
  from: number,
  now: Date,
  mode: 'inline' | 'job',
): Promise<void> {
  for (let index = from; index < steps.length; index++) {
    const step = steps[index]!;
    if (step.type === 'webhook') return schedule(trx, run, steps, index, now, now);
    const guarded = mode === 'inline' || index > from;
    let detail: Record<string, unknown>;
    if (guarded) await sql`savepoint ${SAVEPOINT}`.execute(trx);
    try {
      detail = await applyStep(
        {
          trx,
          config: deps.config,
          accountId: run.account_id,
          runId: run.id,
          stepIndex: index,
          lead,
          actor: actorOf(run.id),
          now,
        },
        step,
      );
      if (guarded) await sql`release savepoint ${SAVEPOINT}`.execute(trx);
    } catch (err) {
      if (guarded) {
        await sql`rollback to savepoint ${SAVEPOINT}`.execute(trx);
        await sql`release savepoint ${SAVEPOINT}`.execute(trx);
      }
      if (err instanceof StepFailure)
        return finish(trx, run, 'failed', index, `Step ${index + 1} failed: ${err.message}`, now);
      if (!guarded) throw err; // the job's own step: retried by the worker with backoff
      // Retried in a job of its own; its first error is kept until that job runs.
      await schedule(trx, run, steps, index, now, now);
      await trx
        .updateTable('automation_runs')
        .set({
          error: `Step ${index + 1} will be retried: ${err instanceof Error ? err.message : String(err)}`,
        })
        .where('id', '=', run.id)
        .where('account_id', '=', run.account_id)
        .execute();
      return;
    }
    if (!(await record(trx, run, step, index, detail, now))) return; // applied before
    if (step.type === 'wait' && index + 1 < steps.length)
      return schedule(trx, run, steps, index + 1, addMs(now, waitMinutes(step) * MINUTE), now);
  }
  await finish(trx, run, 'done', steps.length, null, now);
}

// --- Jobs ------------------------------------------------------------------------------------

const stepPayload = z.object({ runId: z.number().int().positive(), step: z.number().int().min(0) });
type StepPayload = z.infer<typeof stepPayload>;

/** The run if its next step is `step` and it still may go on; else undefined (nothing to do). */
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

/** Ends the run when its automation was paused or deleted, or its lead deleted; else the lead. */
async function mayGoOn(trx: DbOrTrx, run: RunRow, now: Date): Promise<LeadRow | undefined> {
  if (run.automation_active !== 1) {
    const why = run.automation_active === null ? 'The automation was deleted' : 'The automation was paused';
    await finish(trx, run, 'cancelled', run.step, `${why} before step ${run.step + 1} ran.`, now);
    return undefined;
  }
  const lead = await liveLead(trx, run.account_id, run.lead_id);
  if (!lead) await finish(trx, run, 'failed', run.step, 'The lead was deleted.', now);
  return lead;
}

/** Runs a run's database steps from the job's step on, in the job's transaction: exactly once. */
export function stepHandler(deps: EngineDeps): JobHandler<StepPayload> {
  return {
    type: STEP_JOB,
    parse: (p) => stepPayload.parse(p),
    transactional: true,
    async run(ctx, p) {
      const run = await loadRun(ctx.db, ctx.job.account_id, p);
      if (!run) return;
      const lead = await mayGoOn(ctx.db, run, ctx.now);
      if (!lead) return;
      await runSteps(ctx.db, deps, run, JSON.parse(run.steps) as Step[], lead, p.step, ctx.now, 'job');
    },
  };
}

/** Runs webhook steps: the POST outside any transaction (at least once), then record + go on. */
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
          if (again) await mayGoOn(trx, again, ctx.now);
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
        if (!(await record(trx, again, step, p.step, { url: step.url, status }, ctx.now))) return;
        await runSteps(trx, deps, again, steps, lead, p.step + 1, ctx.now, 'inline');
      });
    },
  };
}

/** What the worker needs from automations: handlers and the subscriber (runtime.ts). */
export function automationWorkerParts(deps: EngineDeps) {
  return {
    handlers: [stepHandler(deps), webhookHandler(deps)],
    subscribers: [automationSubscriber(deps)],
  };
}
