import { z } from 'zod';
import type { DbOrTrx } from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import type { JobHandler } from '../../worker/types.js';
import type { Gateways } from '../commerce/gateways/index.js';
import type { Actor } from '../leads/service.js';
import {
  ATRIUM_ERROR_TYPE,
  changeScore,
  isCommand,
  LEAD_COMMANDS,
  POINTS_EXPIRE_JOB,
  READ_ONLY_COMMANDS,
  runCommand,
} from './commands.js';
import { type CommandCtx, leadByEmail, leadById } from './context.js';
import { countAppCall, countRefused, RATE_LIMIT_PER_SECOND, resolveCaller } from './credentials.js';
import { kartraLeadDetails } from './details.js';
import { type Answer, asList, asMap, error, type Param, type Params, str } from './wire.js';

/**
 * One call of the Kartra-compatible API: the checks in Kartra's order, then `get_lead` or the
 * actions, all in one transaction. Always HTTP 200 with Kartra's JSON, except 429 when an app
 * goes over RATE_LIMIT_PER_SECOND calls in a second.
 */

/** Where API changes come from on the timeline and in events: "API (app …)". */
export const KARTRA_SOURCE = 'kartra_api';

export type CallResult = { statusCode: 200 | 429; body: Record<string, unknown> };

const ok = (body: Record<string, unknown>): CallResult => ({ statusCode: 200, body });

/** Actions one call may chain (Kartra documents no limit; this keeps one call's transaction short). */
export const MAX_ACTIONS = 100;

export const TOO_MANY_REQUESTS = { status: 'Error', message: 'Too many requests', type: '429' } as const;

export async function handleCall(deps: AppDeps, params: Params, gateways?: Gateways): Promise<CallResult> {
  // 202, 203, 233, 204
  const caller = await resolveCaller(deps, str(params.api_key), str(params.api_password));
  if (!caller.ok) return ok(error(caller.type));
  const { account } = caller;

  // 238, 239, 240 and the per-app rate limit
  const appId = str(params.app_id).slice(0, 200);
  if (!appId) return ok(error(238));
  const app = await countAppCall(deps, account.id, appId);
  if (app.status === 'blocked') {
    await countRefused(deps, account.id, appId);
    return ok(error(240));
  }
  if (caller.restrictApps && app.status !== 'registered') {
    await countRefused(deps, account.id, appId);
    return ok(error(239));
  }
  if (app.windowCount > RATE_LIMIT_PER_SECOND) return { statusCode: 429, body: { ...TOO_MANY_REQUESTS } };

  // Shapes: 223, 224, 236
  const hasLead = params.lead !== undefined && params.lead !== '';
  const lead = hasLead ? asMap(params.lead) : {};
  if (!lead) return ok(error(223));
  const hasActions = params.actions !== undefined && params.actions !== '';
  const actions = hasActions ? asList(params.actions) : [];
  if (!actions) return ok(error(224));
  const hasGetLead = params.get_lead !== undefined && params.get_lead !== '';
  const getLead = hasGetLead ? asMap(params.get_lead) : undefined;
  if (hasGetLead && !getLead) return ok(error(236));

  const actor: Actor = { source: KARTRA_SOURCE, sourceId: appId };
  if (getLead && !actions.length) return ok(await answerGetLead(deps, account.id, getLead));

  // Every action needs a cmd (254); lead commands need a lead id or e-mail (206).
  const steps: { cmd: string; action: Record<string, Param> }[] = [];
  for (const a of actions) {
    const action = asMap(a);
    const cmd = action ? str(action.cmd) : '';
    if (!action || !cmd) return ok(error(254));
    steps.push({ cmd, action });
  }
  if (!steps.length) return ok(error(254));
  if (steps.length > MAX_ACTIONS)
    return ok({
      status: 'Error',
      message: `At most ${MAX_ACTIONS} actions can be sent in one call`,
      type: ATRIUM_ERROR_TYPE,
    });
  const leadRef = refOf(lead);
  if (steps.some((s) => LEAD_COMMANDS.has(s.cmd)) && leadRef.id === null && !leadRef.email)
    return ok(error(206));

  const now = deps.clock.now();
  const run = async (trx: DbOrTrx, guarded: boolean) => {
    const ctx: CommandCtx = {
      deps,
      trx,
      account,
      actor,
      now,
      leadInput: lead,
      leadRef,
      leadId: null,
      gateways,
    };
    const out: { cmd: string; answer: Answer; deferred?: (() => Promise<Answer>) | undefined }[] = [];
    for (const s of steps) out.push({ cmd: s.cmd, ...(await runCommand(ctx, s.cmd, s.action, guarded)) });
    return out;
  };
  // Calls that only read need no transaction (on SQLite, no write lock) and wake nobody.
  const readOnly = steps.every((s) => READ_ONLY_COMMANDS.has(s.cmd));
  const single = steps.length === 1;
  const results = readOnly
    ? await run(deps.db, false)
    : await deps.db
        .transaction()
        .execute(async (trx) => {
          // One action: no savepoint; an error answer rolls the whole transaction back instead.
          const out = await run(trx, !single);
          if (single && out[0]?.answer.status === 'Error') throw new RolledBack(out);
          return out;
        })
        .catch((err: unknown) => {
          if (err instanceof RolledBack) return err.results;
          throw err;
        });
  if (!readOnly) deps.wake();
  // Refunds and cancellations reach the gateway after the commit (commerce.ts).
  for (const r of results) if (r.deferred) r.answer = await r.deferred();
  return ok(assemble(results));
}

/** Carries a single action's error answer out of the transaction it rolls back. */
class RolledBack extends Error {
  constructor(
    readonly results: { cmd: string; answer: Answer; deferred?: (() => Promise<Answer>) | undefined }[],
  ) {
    super('rolled back');
  }
}

/** lead[id] (digits) wins over lead[email]. */
function refOf(lead: Record<string, Param>) {
  const id = str(lead.id);
  const email = str(lead.email);
  return { id: /^\d{1,15}$/.test(id) ? Number(id) : null, email: email || null };
}

/**
 * The call's answer: `status` Success when every action succeeded; `message`/`type` of the first
 * failed action, else of the last one; `actions[i][cmd]` per action; and what the actions
 * returned (lead_details, account_tags, …) mirrored at the top level, as clients read it there.
 */
function assemble(results: { cmd: string; answer: Answer }[]): Record<string, unknown> {
  const failed = results.find((r) => r.answer.status === 'Error');
  const top: Record<string, unknown> = { status: failed ? 'Error' : 'Success' };
  for (const r of results) {
    const { status: _s, message: _m, type: _t, ...rest } = r.answer;
    Object.assign(top, rest);
  }
  const shown = failed ?? results[results.length - 1];
  if (shown?.answer.message !== undefined) top.message = shown.answer.message;
  if (shown?.answer.type !== undefined) top.type = shown.answer.type;
  top.actions = results.map((r) => ({ [r.cmd]: r.answer }));
  return top;
}

async function answerGetLead(
  deps: AppDeps,
  accountId: number,
  ref: Record<string, Param>,
): Promise<Record<string, unknown>> {
  const { id, email } = refOf(ref);
  if (id === null && !email) return error(206);
  const found =
    id !== null ? await leadById(deps.db, accountId, id) : await leadByEmail(deps.db, accountId, email ?? '');
  const row = found && found.deleted_at === null ? found : undefined;
  if (!row) return error(234);
  return { status: 'Success', lead_details: await kartraLeadDetails(deps.db, accountId, row) };
}

export { isCommand };

// ---------------------------------------------------------------------------------------------
// Points that expire (give_points_to_lead with `expiration` days)

const pointsPayload = z.object({
  lead_id: z.number().int().positive(),
  points: z.number().int().positive(),
  app_id: z.string().nullable().optional(),
});

export const pointsExpireHandler: JobHandler<z.infer<typeof pointsPayload>> = {
  type: POINTS_EXPIRE_JOB,
  transactional: true,
  parse: (p) => pointsPayload.parse(p),
  async run({ db, job, now }, p) {
    if (job.account_id === null) return;
    const lead = await db
      .selectFrom('leads')
      .select(['id', 'score'])
      .where('account_id', '=', job.account_id)
      .where('id', '=', p.lead_id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!lead) return;
    await changeScore(
      db,
      job.account_id,
      lead,
      -p.points,
      { source: KARTRA_SOURCE, sourceId: p.app_id ?? null },
      now,
    );
  },
};
