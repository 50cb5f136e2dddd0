import { z } from 'zod';
import type { DbOrTrx } from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import { iso } from '../../lib/clock.js';
import { conflict, notFound, unprocessable } from '../../lib/errors.js';
import { enqueueJob, replayJob } from '../../worker/index.js';
import { isLoop, jobKey, jobTypeOf } from './engine.js';
import { TRIGGER_REF_FIELD } from './events.js';
import {
  type AutomationBody,
  type AutomationOut,
  type AutomationPatch,
  type RunOut,
  type RunQuery,
  type RunStatus,
  type Step,
  stepSchema,
  type Trigger,
  triggerSchema,
} from './schema.js';
import { checkWebhookUrl, WebhookRefused } from './webhook.js';

/**
 * Automations (CRUD) and their runs (list, replay). The engine that runs them is engine.ts.
 * Every query is scoped by the account; ids named in triggers and steps must be the account's.
 */

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

const storedTrigger = triggerSchema;
const storedSteps = z.array(stepSchema);

type AutomationRow = {
  id: number;
  name: string;
  active: number;
  trigger: string;
  steps: string;
  created_at: string;
  updated_at: string;
};

const toOut = (r: AutomationRow): AutomationOut => ({
  id: r.id,
  name: r.name,
  active: r.active === 1,
  trigger: storedTrigger.parse(JSON.parse(r.trigger)),
  steps: storedSteps.parse(JSON.parse(r.steps)),
  created_at: r.created_at,
  updated_at: r.updated_at,
});

async function exists(db: DbOrTrx, table: 'tags' | 'lists' | 'memberships', accountId: number, id: number) {
  return !!(await db
    .selectFrom(table)
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst());
}

const missing = (what: string, id: number, field: string) =>
  unprocessable(`${what.replace(' ', '_')}_not_found`, `There is no ${what} ${id} in this account.`, {
    field,
  });

/** Every id a trigger or step names must exist in the account; webhooks must be allowed targets. */
async function checkRefs(
  deps: Deps,
  accountId: number,
  trigger: Trigger | undefined,
  steps: Step[] | undefined,
) {
  const db = deps.db;
  if (trigger && 'tag_id' in trigger && !(await exists(db, 'tags', accountId, trigger.tag_id)))
    throw missing('tag', trigger.tag_id, 'trigger.tag_id');
  if (trigger && 'list_id' in trigger && !(await exists(db, 'lists', accountId, trigger.list_id)))
    throw missing('list', trigger.list_id, 'trigger.list_id');
  // product_id and form_id: checked once commerce and forms exist; until then they never fire.
  for (const [i, s] of (steps ?? []).entries()) {
    const at = `steps.${i}`;
    if (
      (s.type === 'apply_tag' || s.type === 'remove_tag') &&
      !(await exists(db, 'tags', accountId, s.tag_id))
    )
      throw missing('tag', s.tag_id, `${at}.tag_id`);
    if (
      (s.type === 'subscribe_list' || s.type === 'unsubscribe_list') &&
      !(await exists(db, 'lists', accountId, s.list_id))
    )
      throw missing('list', s.list_id, `${at}.list_id`);
    if (s.type === 'grant_membership' || s.type === 'revoke_membership') {
      if (!(await exists(db, 'memberships', accountId, s.membership_id)))
        throw missing('membership', s.membership_id, `${at}.membership_id`);
    }
    if (s.type === 'grant_membership') {
      const level = await db
        .selectFrom('membership_levels')
        .select('id')
        .where('account_id', '=', accountId)
        .where('membership_id', '=', s.membership_id)
        .where('id', '=', s.level_id)
        .executeTakeFirst();
      if (!level) throw missing('level', s.level_id, `${at}.level_id`);
    }
    if (s.type === 'webhook') {
      try {
        checkWebhookUrl(s.url, deps.config.webhookAllowPrivate);
      } catch (err) {
        if (err instanceof WebhookRefused)
          throw unprocessable('webhook_refused', err.message, { field: `${at}.url` });
        throw err;
      }
    }
  }
}

const refOf = (trigger: Trigger): number | null => {
  const field = TRIGGER_REF_FIELD[trigger.type];
  return field ? (trigger as unknown as Record<string, number>)[field]! : null;
};

async function ownAutomation(db: DbOrTrx, accountId: number, id: number): Promise<AutomationRow> {
  const row = await db
    .selectFrom('automations')
    .select(['id', 'name', 'active', 'trigger', 'steps', 'created_at', 'updated_at'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('This automation');
  return row;
}

export async function listAutomations(deps: Deps, accountId: number): Promise<AutomationOut[]> {
  const rows = await deps.db
    .selectFrom('automations')
    .select(['id', 'name', 'active', 'trigger', 'steps', 'created_at', 'updated_at'])
    .where('account_id', '=', accountId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toOut);
}

export async function getAutomation(deps: Deps, accountId: number, id: number): Promise<AutomationOut> {
  return toOut(await ownAutomation(deps.db, accountId, id));
}

export async function createAutomation(
  deps: Deps,
  accountId: number,
  body: AutomationBody,
): Promise<AutomationOut> {
  await checkRefs(deps, accountId, body.trigger, body.steps);
  const now = iso(deps.clock.now());
  const row = await deps.db
    .insertInto('automations')
    .values({
      account_id: accountId,
      name: body.name,
      active: body.active ? 1 : 0,
      trigger_type: body.trigger.type,
      trigger_ref: refOf(body.trigger),
      trigger: JSON.stringify(body.trigger),
      steps: JSON.stringify(body.steps),
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'name', 'active', 'trigger', 'steps', 'created_at', 'updated_at'])
    .executeTakeFirstOrThrow();
  return toOut(row);
}

/**
 * Changes an automation. Runs already started keep the steps they started with (the step
 * numbers in their log stay meaningful); pausing or deleting stops them before their next step.
 */
export async function patchAutomation(
  deps: Deps,
  accountId: number,
  id: number,
  body: AutomationPatch,
): Promise<AutomationOut> {
  await ownAutomation(deps.db, accountId, id);
  await checkRefs(deps, accountId, body.trigger, body.steps);
  await deps.db
    .updateTable('automations')
    .set({
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
      ...(body.trigger
        ? {
            trigger_type: body.trigger.type,
            trigger_ref: refOf(body.trigger),
            trigger: JSON.stringify(body.trigger),
          }
        : {}),
      ...(body.steps ? { steps: JSON.stringify(body.steps) } : {}),
      updated_at: iso(deps.clock.now()),
    })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
  return getAutomation(deps, accountId, id);
}

/** Deletes an automation; its runs stay in the log (with its name) and stop before their next step. */
export async function deleteAutomation(deps: Deps, accountId: number, id: number): Promise<void> {
  const res = await deps.db
    .deleteFrom('automations')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!res.numDeletedRows) throw notFound('This automation');
}

// --- Runs ------------------------------------------------------------------------------------

function runsQuery(db: DbOrTrx, accountId: number) {
  return db
    .selectFrom('automation_runs as r')
    .leftJoin('jobs as j', 'j.dedupe_key', 'r.job_key')
    .leftJoin('leads as l', (j) =>
      j.onRef('l.id', '=', 'r.lead_id').onRef('l.account_id', '=', 'r.account_id'),
    )
    .select([
      'r.id',
      'r.automation_id',
      'r.automation_name',
      'r.lead_id',
      'l.email as lead_email',
      'r.event_id',
      'r.trigger_type',
      'r.status',
      'r.step',
      'r.steps',
      'r.chain',
      'r.job_key',
      'r.resume_at',
      'r.error',
      'r.created_at',
      'r.updated_at',
      'r.finished_at',
      'j.status as job_status',
      'j.attempts as job_attempts',
      'j.last_error as job_error',
      'j.run_at as job_run_at',
    ])
    .where('r.account_id', '=', accountId);
}

type RunListRow = Awaited<ReturnType<ReturnType<typeof runsQuery>['execute']>>[number];

function effectiveStatus(r: Pick<RunListRow, 'status' | 'job_status'>): RunStatus {
  return r.status === 'pending' && r.job_status === 'dead' ? 'dead' : r.status;
}

async function toRunOuts(db: DbOrTrx, accountId: number, rows: RunListRow[]): Promise<RunOut[]> {
  if (!rows.length) return [];
  const ledger = await db
    .selectFrom('automation_run_steps')
    .select(['run_id', 'step', 'detail', 'done_at'])
    .where('account_id', '=', accountId)
    .where(
      'run_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => {
    const status = effectiveStatus(r);
    const steps = JSON.parse(r.steps) as Step[];
    const retrying = status === 'pending' && r.job_status === 'pending' && (r.job_attempts ?? 0) > 0;
    return {
      id: r.id,
      automation_id: r.automation_id,
      automation_name: r.automation_name,
      lead_id: r.lead_id,
      lead_email: r.lead_email ?? null,
      trigger: { type: r.trigger_type, event_id: r.event_id },
      status,
      step: r.step,
      steps: steps.map((s, index) => {
        const done = ledger.find((l) => l.run_id === r.id && l.step === index);
        return {
          index,
          type: s.type,
          done_at: done?.done_at ?? null,
          detail: done ? (JSON.parse(done.detail) as Record<string, unknown>) : null,
        };
      }),
      error: r.error ?? (status === 'dead' || retrying ? (r.job_error ?? null) : null),
      attempts: r.job_attempts ?? 0,
      next_attempt_at: retrying ? (r.job_run_at ?? null) : null,
      resume_at: status === 'pending' ? r.resume_at : null,
      chain: JSON.parse(r.chain) as string[],
      replayable: status !== 'pending' && !(status === 'failed' && isLoop(JSON.parse(r.chain) as string[])),
      created_at: r.created_at,
      updated_at: r.updated_at,
      finished_at: r.finished_at,
    };
  });
}

export async function listRuns(deps: Deps, accountId: number, query: RunQuery) {
  let q = runsQuery(deps.db, accountId);
  if (query.status === 'dead') q = q.where('r.status', '=', 'pending').where('j.status', '=', 'dead');
  else if (query.status === 'pending')
    q = q
      .where('r.status', '=', 'pending')
      .where((eb) => eb.or([eb('j.status', 'is', null), eb('j.status', '<>', 'dead')]));
  else if (query.status) q = q.where('r.status', '=', query.status);
  if (query.automation_id) q = q.where('r.automation_id', '=', query.automation_id);
  if (query.lead_id) q = q.where('r.lead_id', '=', query.lead_id);
  if (query.cursor) q = q.where('r.id', '<', Number(query.cursor));
  const rows = await q
    .orderBy('r.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  return {
    runs: await toRunOuts(deps.db, accountId, page),
    next_cursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null,
  };
}

export async function getRun(deps: Pick<AppDeps, 'db'>, accountId: number, id: number): Promise<RunOut> {
  const row = await runsQuery(deps.db, accountId).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('This run');
  return (await toRunOuts(deps.db, accountId, [row]))[0]!;
}

/**
 * Replay: runs the run's current step again through its job. A dead run retries its step from
 * scratch; a failed or cancelled one is reopened first; a done one re-runs its last step's job,
 * which finds the run past it and changes nothing. A run stopped as a loop has nothing to
 * replay (409), nor has a run whose step is waiting or running (409).
 */
export async function replayRun(deps: AppDeps, accountId: number, id: number): Promise<RunOut> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const run = await trx
      .selectFrom('automation_runs as r')
      .leftJoin('jobs as j', 'j.dedupe_key', 'r.job_key')
      .select(['r.status', 'r.step', 'r.steps', 'r.chain', 'j.status as job_status'])
      .where('r.account_id', '=', accountId)
      .where('r.id', '=', id)
      .executeTakeFirst();
    if (!run) throw notFound('This run');
    if (run.status === 'failed' && isLoop(JSON.parse(run.chain) as string[]))
      throw conflict(
        'not_replayable',
        'This run was stopped as a loop before any step ran; change the automations, and the next trigger runs again.',
      );
    if (run.status === 'pending' && run.job_status !== 'dead')
      throw conflict(
        'run_in_progress',
        'This run is still waiting or running; only a finished run can be replayed.',
      );
    const steps = JSON.parse(run.steps) as Step[];
    const target = run.status === 'done' ? steps.length - 1 : run.step;
    const key = jobKey(id, target);
    const reopen = run.status === 'failed' || run.status === 'cancelled';
    await trx
      .updateTable('automation_runs')
      .set({
        job_key: key,
        updated_at: iso(now),
        ...(reopen ? { status: 'pending' as const, step: target, error: null, finished_at: null } : {}),
      })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .execute();
    const job = await trx.selectFrom('jobs').select('id').where('dedupe_key', '=', key).executeTakeFirst();
    // Same transaction: the run reopens only if its job is put back (a Transaction is a Kysely).
    if (job) await replayJob(trx as unknown as Parameters<typeof replayJob>[0], { accountId }, job.id, now);
    else
      await enqueueJob(trx, {
        type: jobTypeOf(steps[target]!),
        payload: { runId: id, step: target },
        accountId,
        at: now,
        key,
      });
  });
  deps.wake();
  return getRun(deps, accountId, id);
}
