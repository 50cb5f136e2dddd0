import type { Account, DbOrTrx } from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import type { Gateways } from '../commerce/gateways/index.js';
import { normalizeEmail } from '../leads/fields.js';
import type { Actor, CustomFieldDef, LeadRow } from '../leads/service.js';
import { type Answer, fail, type Param } from './wire.js';

/** What every command of one call shares: the transaction, the account, the actor, the lead. */
export type CommandCtx = {
  deps: AppDeps;
  trx: DbOrTrx;
  account: Account;
  actor: Actor;
  now: Date;
  /** `lead[…]` of the call. */
  leadInput: Record<string, Param>;
  /** How the call names its lead (id wins over email). */
  leadRef: { id: number | null; email: string | null };
  /** Set once the lead is known (found, or created by create_lead). */
  leadId: number | null;
  defs?: CustomFieldDef[] | undefined;
  /** The payment gateways, for refunds and cancellations. */
  gateways?: Gateways | undefined;
  /**
   * Set by a command whose effect must happen after the commit (a gateway call): run then, its
   * answer replaces the command's.
   */
  deferred?: (() => Promise<Answer>) | undefined;
};

/** The lead named by the call, live or deleted; undefined when there is none. */
export async function findLead(ctx: CommandCtx): Promise<LeadRow | undefined> {
  let q = ctx.trx.selectFrom('leads').selectAll().where('account_id', '=', ctx.account.id);
  if (ctx.leadId !== null) q = q.where('id', '=', ctx.leadId);
  else if (ctx.leadRef.id !== null) q = q.where('id', '=', ctx.leadRef.id);
  else if (ctx.leadRef.email) q = q.where('email_normalized', '=', normalizeEmail(ctx.leadRef.email));
  else return undefined;
  return q.executeTakeFirst();
}

/** The call's live lead, or the error Kartra answers (234 none, 245 deleted). */
export async function liveLead(ctx: CommandCtx, notFoundType: 234 | 243 = 234): Promise<LeadRow> {
  const row = await findLead(ctx);
  if (!row) return fail(notFoundType);
  if (row.deleted_at !== null) return fail(245);
  ctx.leadId = row.id;
  return row;
}
