import { runPrepared } from '../../db/prepared.js';
import type { Account, DbOrTrx } from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import type { Gateways } from '../commerce/gateways/index.js';
import { normalizeEmail } from '../leads/fields.js';
import type { Actor, CustomFieldDef, LeadRow } from '../leads/service.js';
import { type Answer, fail, type Param } from './wire.js';

/** A lead of the account by id, live or deleted. */
export async function leadById(db: DbOrTrx, accountId: number, id: number): Promise<LeadRow | undefined> {
  const [row] = await runPrepared(
    db,
    'leadById',
    (p) => db.selectFrom('leads').selectAll().where('account_id', '=', p(0)).where('id', '=', p(1)),
    [accountId, id],
  );
  return row;
}

/** A lead of the account by e-mail (case-insensitive), live or deleted. */
export async function leadByEmail(
  db: DbOrTrx,
  accountId: number,
  email: string,
): Promise<LeadRow | undefined> {
  const [row] = await runPrepared(
    db,
    'leadByEmail',
    (p) =>
      db.selectFrom('leads').selectAll().where('account_id', '=', p(0)).where('email_normalized', '=', p(1)),
    [accountId, normalizeEmail(email)],
  );
  return row;
}

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
  const id = ctx.leadId ?? ctx.leadRef.id;
  if (id !== null) return leadById(ctx.trx, ctx.account.id, id);
  if (ctx.leadRef.email) return leadByEmail(ctx.trx, ctx.account.id, ctx.leadRef.email);
  return undefined;
}

/** The call's live lead, or the error Kartra answers (234 none, 245 deleted). */
export async function liveLead(ctx: CommandCtx, notFoundType: 234 | 243 = 234): Promise<LeadRow> {
  const row = await findLead(ctx);
  if (!row) return fail(notFoundType);
  if (row.deleted_at !== null) return fail(245);
  ctx.leadId = row.id;
  return row;
}
