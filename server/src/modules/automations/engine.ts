import { sql } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { runPrepared } from '../../db/prepared.js';
import type { AutomationRunStatus, DbOrTrx, Dialect, EventRow } from '../../db/types.js';
import { addMs, iso, MINUTE } from '../../lib/clock.js';
import { type EventSubscriber, emitEvents, enqueueJob, type JobHandler } from '../../worker/index.js';
import { insertRows } from '../../worker/rows.js';
import { type Actor, addTimeline, LEAD_EVENTS } from '../leads/service.js';
import {
  type AccessChange,
  grantAccessMany,
  insertTimeline,
  type TimelineRow,
} from '../memberships/access.js';
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
      const started = triggerOf(event);
      if (!started) return;
      const { accountId, trigger, ref, payload: p } = started;
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
        .where('a.trigger_type', '=', trigger)
        .where((eb) => (ref === null ? eb('a.trigger_ref', 'is', null) : eb('a.trigger_ref', '=', ref)))
        .where('a.active', '=', 1)
        .orderBy('a.id')
        .execute();
      if (!automations.length) return;
      const { email, first_name, last_name, blocked } = automations[0]!;
      const lead: LeadRow = { id: p.lead_id, email, first_name, last_name, blocked };
      const parentChain = await chainOf(trx, accountId, p.source, p.source_id);
      for (const a of automations) {
        const run = await startRun(trx, accountId, event, trigger, lead.id, a, parentChain, now);
        if (!run) continue;
        const steps = JSON.parse(a.steps) as Step[];
        // SQLite has one writer: applying the steps here batches a hundred events' effects into
        // the dispatcher's one commit. PostgreSQL has many: a job per run lets the worker's
        // slots (and other workers) apply them in parallel.
        if (deps.dialect === 'postgres') await schedule(trx, run, steps, 0, now, now);
        else await runSteps(trx, deps, run, steps, lead, 0, now, 'inline');
      }
    },
    fanOutBatch: (trx, events, now) => fanOutBatch(trx, deps, events, now),
  };
}

/** What an event starts: its account, trigger, the trigger's id and the payload; none if nothing. */
function triggerOf(event: EventRow) {
  if (event.account_id === null) return undefined;
  const parsed = triggerPayload.safeParse(JSON.parse(event.payload));
  if (!parsed.success) return undefined; // not about one lead: nothing to start
  const p = parsed.data;
  const route =
    event.type === IMPORT_TRIGGER
      ? TRIGGER_TYPES.includes(p.trigger as TriggerType)
        ? { trigger: p.trigger as TriggerType, ref: TRIGGER_REF_FIELD[p.trigger as TriggerType] }
        : undefined
      : TRIGGER_EVENTS[event.type];
  if (!route) return undefined;
  const ref = route.ref ? (p[route.ref as 'tag_id'] ?? null) : null;
  if (route.ref && ref === null) return undefined;
  return { event, accountId: event.account_id, trigger: route.trigger, ref, payload: p };
}

type Started = NonNullable<ReturnType<typeof triggerOf>>;
type AutomationRow = { id: number; name: string; steps: string };
type Pending = { run: RunRow; steps: Step[]; lead: LeadRow; quick: boolean };

/** `values` split into chunks of `size` (multi-row statements stay under parameter limits). */
function chunks<T>(values: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

const runTimeline = (
  accountId: number,
  runId: number,
  leadId: number,
  kind: string,
  detail: Record<string, unknown>,
  at: string,
): TimelineRow => ({
  account_id: accountId,
  lead_id: leadId,
  at,
  kind,
  detail: JSON.stringify(detail),
  source: AUTOMATION_SOURCE,
  source_id: String(runId),
});

/**
 * The subscriber's batch form: what `fanOut` does for each event, for a whole dispatch batch in
 * a few multi-row statements: the automations of each (account, trigger, id) read once, the
 * leads and the parent runs' chains in one read each, every run created by one insert, then the
 * steps. Runs whose first step is `grant_membership` are granted together per level
 * (`grantAccessMany`), their ledger rows and their ends written together; every other step goes
 * through `runSteps` as in `fanOut`. Runs are applied in waves where each lead appears once, so
 * two runs for one lead (say a tag removed, then applied again) keep their order.
 * On both dialects the steps are applied here, in the dispatcher's transaction: a batch's
 * multi-row statements cost less than a job per run even on PostgreSQL, and concurrent workers
 * still dispatch different batches side by side.
 */
async function fanOutBatch(trx: DbOrTrx, deps: EngineDeps, events: readonly EventRow[], now: Date) {
  const started: Started[] = [];
  for (const event of events) {
    if (event.account_id === null) continue;
    if (event.type === LEAD_EVENTS.imported) await expandImport(trx, event.account_id, event, now);
    else {
      const s = triggerOf(event);
      if (s) started.push(s);
    }
  }
  if (!started.length) return;

  // The active automations of each (account, trigger, id), read once for the batch.
  const automationsOf = new Map<string, AutomationRow[]>();
  const keyOf = (s: Started) => `${s.accountId}:${s.trigger}:${s.ref}`;
  for (const s of started) {
    const key = keyOf(s);
    if (automationsOf.has(key)) continue;
    const ref = s.ref;
    // Compiled once per shape (runPrepared): read for every trigger of every dispatch batch.
    automationsOf.set(
      key,
      await runPrepared(
        trx,
        `automations.firing:${ref === null ? 'any' : 'ref'}`,
        (p) =>
          trx
            .selectFrom('automations')
            .select(['id', 'name', 'steps'])
            .where('account_id', '=', p(0))
            .where('trigger_type', '=', p(1))
            .where((eb) => (ref === null ? eb('trigger_ref', 'is', null) : eb('trigger_ref', '=', p(2))))
            .where('active', '=', 1)
            .orderBy('id'),
        ref === null ? [s.accountId, s.trigger] : [s.accountId, s.trigger, ref],
      ),
    );
  }
  const firing = started.filter((s) => automationsOf.get(keyOf(s))!.length > 0);
  if (!firing.length) return;

  // The live leads they act on, and the chains of the runs that caused them, per account.
  const byAccount = new Map<number, Started[]>();
  for (const s of firing) byAccount.set(s.accountId, [...(byAccount.get(s.accountId) ?? []), s]);
  const leads = new Map<string, LeadRow>();
  const chains = new Map<string, string[]>();
  for (const [accountId, list] of byAccount) {
    for (const ids of chunks([...new Set(list.map((s) => s.payload.lead_id))])) {
      const rows = await trx
        .selectFrom('leads')
        .select(['id', 'email', 'first_name', 'last_name', 'blocked'])
        .where('account_id', '=', accountId)
        .where('id', 'in', ids)
        .where('deleted_at', 'is', null)
        .execute();
      for (const l of rows) leads.set(`${accountId}:${l.id}`, l);
    }
    const parents = [
      ...new Set(
        list
          .filter((s) => s.payload.source === AUTOMATION_SOURCE && /^\d+$/.test(s.payload.source_id ?? ''))
          .map((s) => Number(s.payload.source_id)),
      ),
    ];
    for (const ids of chunks(parents)) {
      const rows = await trx
        .selectFrom('automation_runs')
        .select(['id', 'chain'])
        .where('account_id', '=', accountId)
        .where('id', 'in', ids)
        .execute();
      for (const r of rows) chains.set(`${accountId}:${r.id}`, JSON.parse(r.chain) as string[]);
    }
  }

  // One run per (event, automation), created by one insert; a loop is created failed.
  const t = iso(now);
  const candidates: {
    s: Started;
    a: AutomationRow;
    lead: LeadRow;
    steps: Step[];
    chain: string[];
    error: string | null;
    /** A lone grant: written finished at once (see isQuick). */
    quick: boolean;
  }[] = [];
  for (const s of firing) {
    const lead = leads.get(`${s.accountId}:${s.payload.lead_id}`);
    if (!lead) continue; // deleted since
    const parentChain =
      s.payload.source === AUTOMATION_SOURCE
        ? (chains.get(`${s.accountId}:${s.payload.source_id}`) ?? [])
        : [];
    for (const a of automationsOf.get(keyOf(s))!) {
      const steps = JSON.parse(a.steps) as Step[];
      const { chain, error } = chainFor(parentChain, a.id, lead.id);
      candidates.push({ s, a, lead, steps, chain, error, quick: !error && isQuick(steps) });
    }
  }
  const created = new Map<string, number>();
  const inserted = await insertRows<
    'automation_runs',
    { id: number; event_id: number; automation_id: number }
  >(
    trx,
    'automation_runs',
    candidates.map((c) => ({
      account_id: c.s.accountId,
      automation_id: c.a.id,
      automation_name: c.a.name,
      lead_id: c.lead.id,
      event_id: c.s.event.id,
      trigger_type: c.s.trigger,
      status: c.error ? ('failed' as const) : c.quick ? ('done' as const) : ('pending' as const),
      step: c.quick ? 1 : 0,
      steps: c.a.steps,
      chain: JSON.stringify(c.chain),
      job_key: null,
      resume_at: null,
      error: c.error,
      created_at: t,
      updated_at: t,
      finished_at: c.error || c.quick ? t : null,
    })),
    { conflict: '("event_id", "automation_id") do nothing', returning: ['id', 'event_id', 'automation_id'] },
  );
  for (const r of inserted) created.set(`${r.event_id}:${r.automation_id}`, r.id);
  const pending: Pending[] = [];
  const startedRows: TimelineRow[] = [];
  for (const c of candidates) {
    const id = created.get(`${c.s.event.id}:${c.a.id}`);
    if (id === undefined) continue; // this event already started this automation
    if (!c.quick)
      startedRows.push(
        runTimeline(
          c.s.accountId,
          id,
          c.lead.id,
          c.error ? 'automation_failed' : 'automation_started',
          {
            automation_id: c.a.id,
            automation: c.a.name,
            run_id: id,
            trigger: c.s.trigger,
            ...(c.error ? { error: c.error } : {}),
          },
          t,
        ),
      );
    if (c.error) continue;
    pending.push({
      run: {
        id,
        account_id: c.s.accountId,
        automation_id: c.a.id,
        automation_name: c.a.name,
        lead_id: c.lead.id,
        event_id: c.s.event.id,
        trigger_type: c.s.trigger,
        status: 'pending',
        step: 0,
        steps: c.a.steps,
        automation_active: 1,
      },
      steps: c.steps,
      lead: c.lead,
      quick: c.quick,
    });
  }
  await insertTimeline(trx, startedRows);

  // Waves: the n-th run of each lead goes in wave n, so one lead's runs stay in order.
  const waves: Pending[][] = [];
  const seen = new Map<string, number>();
  for (const p of pending) {
    const key = `${p.run.account_id}:${p.lead.id}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    if (n === waves.length) waves.push([]);
    waves[n]!.push(p);
  }
  for (const wave of waves) await applyWave(trx, deps, wave, now);
}

/** The chain of a new run and, when it is a loop, why it is stopped. */
function chainFor(parentChain: string[], automationId: number, leadId: number) {
  const chain = [...parentChain, `${automationId}:${leadId}`];
  if (!isLoop(chain)) return { chain, error: null };
  const error =
    parentChain.length < MAX_CHAIN_DEPTH
      ? `Loop stopped: this automation was started again for the same lead by its own effects (chain of automation:lead ${chain.join(' → ')}). Change the automations so they do not trigger each other.`
      : `Loop stopped: automations triggered each other ${parentChain.length} times in a row for this lead (chain ${chain.join(' → ')}); at most ${MAX_CHAIN_DEPTH} are allowed.`;
  return { chain, error };
}

const BATCH_SAVEPOINT = sql.raw('automation_batch');

/**
 * A run whose only step is a grant: the batch creates it already done (status, step, end) and
 * writes only `automation_completed` on the timeline once the grant is applied, which saves
 * two writes per run; if the grant cannot be applied in the batch, the run is put back to its
 * start (same transaction, nobody saw it) and goes the ordinary way.
 */
const isQuick = (steps: Step[]) => steps.length === 1 && steps[0]!.type === 'grant_membership';

/** Applies one wave of new runs (distinct leads): grants together per level, the rest one by one. */
async function applyWave(trx: DbOrTrx, deps: EngineDeps, wave: Pending[], now: Date) {
  const groups = new Map<string, Pending[]>();
  for (const p of wave) {
    const first = p.steps[0];
    if (first?.type !== 'grant_membership') {
      await runSteps(trx, deps, p.run, p.steps, p.lead, 0, now, 'inline');
      continue;
    }
    const key = `${p.run.account_id}:${first.membership_id}:${first.level_id}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const t = iso(now);
  for (const group of groups.values()) {
    const step = group[0]!.steps[0] as Extract<Step, { type: 'grant_membership' }>;
    const accountId = group[0]!.run.account_id;
    let changes: AccessChange[];
    await sql`savepoint ${BATCH_SAVEPOINT}`.execute(trx);
    try {
      changes = await grantAccessMany(
        trx,
        { config: deps.config, accountId, now },
        {
          membershipId: step.membership_id,
          level: step.level_id,
          grants: group.map((p) => ({ lead: p.lead, actor: actorOf(p.run.id) })),
        },
      );
      await sql`release savepoint ${BATCH_SAVEPOINT}`.execute(trx);
    } catch {
      // Whatever went wrong (a deleted membership or level, a conflict), each run meets it on
      // its own, with runSteps' own handling: failed run, or a retry job.
      await sql`rollback to savepoint ${BATCH_SAVEPOINT}`.execute(trx);
      await sql`release savepoint ${BATCH_SAVEPOINT}`.execute(trx);
      const quick = group.filter((p) => p.quick);
      for (const part of chunks(quick.map((p) => p.run.id)))
        await trx
          .updateTable('automation_runs')
          .set({ status: 'pending', step: 0, finished_at: null })
          .where('account_id', '=', accountId)
          .where('id', 'in', part)
          .execute();
      await insertTimeline(
        trx,
        quick.map((p) =>
          runTimeline(
            accountId,
            p.run.id,
            p.lead.id,
            'automation_started',
            {
              automation_id: p.run.automation_id,
              automation: p.run.automation_name,
              run_id: p.run.id,
              trigger: p.run.trigger_type,
            },
            t,
          ),
        ),
      );
      for (const p of group) await runSteps(trx, deps, p.run, p.steps, p.lead, 0, now, 'inline');
      continue;
    }
    // New runs: their ledger rows cannot exist yet.
    await insertRows(
      trx,
      'automation_run_steps',
      group.map((p, i) => ({
        run_id: p.run.id,
        step: 0,
        account_id: accountId,
        type: 'grant_membership',
        detail: JSON.stringify({ change: changes[i]! }),
        done_at: t,
      })),
    );
    // Lone grants were created done; a longer run goes on with its next step.
    await insertTimeline(
      trx,
      group
        .filter((p) => p.quick)
        .map((p) =>
          runTimeline(
            accountId,
            p.run.id,
            p.lead.id,
            'automation_completed',
            { automation_id: p.run.automation_id, automation: p.run.automation_name, run_id: p.run.id },
            t,
          ),
        ),
    );
    for (const p of group) if (!p.quick) await runSteps(trx, deps, p.run, p.steps, p.lead, 1, now, 'inline');
  }
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
    await emitEvents(
      trx,
      g.leadIds.map((leadId) => ({
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
      })),
    );
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
  const { chain, error } = chainFor(parentChain, a.id, leadId);
  const loop = error !== null;
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
