import type { Config } from '../../config.js';
import type { DbOrTrx } from '../../db/types.js';
import { AppError } from '../../lib/errors.js';
import { escapeHtml } from '../../lib/html.js';
import {
  type Actor,
  addTimeline,
  applyTags,
  removeTag,
  subscribeLists,
  unsubscribeList,
} from '../leads/service.js';
import { queueMail } from '../mail/service.js';
import { grantAccess, revokeAccess } from '../memberships/access.js';
import type { Step } from './schema.js';
import { waitMinutes } from './schema.js';

/**
 * The database effect of each step but `webhook` (engine.ts runs that one outside a
 * transaction). Each runs inside the step job's transaction, so it commits exactly once with
 * the job; the engine's ledger (automation_run_steps) keeps a replay from repeating it.
 */

/** A reason the step cannot succeed however often it is retried: the run fails at once. */
export class StepFailure extends Error {}

export type LeadRow = {
  id: number;
  email: string;
  first_name: string | null;
  last_name: string | null;
  blocked: number;
};

export type StepContext = {
  trx: DbOrTrx;
  config: Pick<Config, 'adminUrl' | 'platformDomain'>;
  accountId: number;
  runId: number;
  stepIndex: number;
  lead: LeadRow;
  actor: Actor;
  now: Date;
};

async function named(trx: DbOrTrx, kind: 'tags' | 'lists', accountId: number, id: number) {
  const row = await trx
    .selectFrom(kind)
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row)
    throw new StepFailure(
      `The ${kind === 'tags' ? 'tag' : 'list'} ${id} no longer exists; edit the automation.`,
    );
  return row;
}

export const fillIn = (text: string, lead: LeadRow) =>
  text.replace(
    /\{(first_name|last_name|email)\}/g,
    (_, f: 'first_name' | 'last_name' | 'email') => lead[f] ?? '',
  );

/** Applies a step; returns what it did (stored in the ledger and shown in the run). */
export async function applyStep(
  ctx: StepContext,
  step: Exclude<Step, { type: 'webhook' }>,
): Promise<Record<string, unknown>> {
  const { trx, accountId, lead, actor, now } = ctx;
  try {
    switch (step.type) {
      case 'grant_membership': {
        const { change } = await grantAccess(
          trx,
          { config: ctx.config, accountId, actor, now },
          { membershipId: step.membership_id, leadId: lead.id, level: step.level_id, lead },
        );
        return { change };
      }
      case 'revoke_membership': {
        const { change } = await revokeAccess(
          trx,
          { accountId, actor, now },
          { membershipId: step.membership_id, leadId: lead.id },
        );
        return { change };
      }
      case 'apply_tag': {
        const tag = await named(trx, 'tags', accountId, step.tag_id);
        await applyTags(trx, accountId, [lead.id], [tag.name], actor, now);
        return { tag: tag.name };
      }
      case 'remove_tag': {
        const tag = await named(trx, 'tags', accountId, step.tag_id);
        await removeTag(trx, accountId, [lead.id], tag, actor, now);
        return { tag: tag.name };
      }
      case 'subscribe_list': {
        const list = await named(trx, 'lists', accountId, step.list_id);
        await subscribeLists(trx, accountId, [lead.id], [list.name], actor, now);
        return { list: list.name };
      }
      case 'unsubscribe_list': {
        const list = await named(trx, 'lists', accountId, step.list_id);
        await unsubscribeList(trx, accountId, [lead.id], list, actor, now);
        return { list: list.name };
      }
      case 'send_email': {
        if (lead.blocked === 1) return { skipped: 'The lead is blocked: blocked leads are not mailed.' };
        const subject = fillIn(step.subject, lead);
        const text = fillIn(step.body, lead);
        const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">${text
          .split(/\n{2,}/)
          .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
          .join('')}</body></html>`;
        await queueMail(trx, { to: lead.email, subject, text: `${text}\n`, html }, { accountId, at: now });
        await addTimeline(trx, accountId, actor, now, [
          { leadId: lead.id, kind: 'email_queued', detail: { subject } },
        ]);
        return { to: lead.email, subject };
      }
      case 'wait':
        return { minutes: waitMinutes(step) };
    }
  } catch (err) {
    // A membership, level or lead that does not exist (any more) is the owner's to fix.
    if (err instanceof AppError && (err.status === 404 || err.status === 422))
      throw new StepFailure(err.message);
    throw err;
  }
}
