import type { Account, DbOrTrx } from '../../db/types.js';
import type { AppDeps } from '../../deps.js';
import { iso } from '../../lib/clock.js';
import { hashSecret, randomToken, sha256, supportCode, verifySecret } from '../../lib/crypto.js';
import { AppError, badRequest, conflict, notFound } from '../../lib/errors.js';
import { queueMail } from '../mail/service.js';
import { emailChangeConfirmMail, emailChangeNoticeMail } from '../mail/templates.js';
import { isPlanId, type PlanId } from '../plans/catalog.js';
import type { AccountOut, ProfilePatch, SignupInput } from './schema.js';

/** Accounts: creation, profile, email change, security question, operator actions. */

// Hosts the platform itself uses: an account named so would shadow them.
const RESERVED_USERNAMES = new Set([
  'app',
  'www',
  'api',
  'admin',
  'mail',
  'smtp',
  'static',
  'assets',
  'cdn',
  'help',
  'support',
  'status',
  'internal',
  'localhost',
]);

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export function assertUsernameAllowed(username: string, trademarkWords: string[]): void {
  const word = trademarkWords.find((w) => username.includes(w));
  if (word) {
    throw badRequest(
      'username_not_allowed',
      `The username may not contain "${word}": it is a trademark and would suggest a relationship with it. Choose another username.`,
      { field: 'username' },
    );
  }
  if (RESERVED_USERNAMES.has(username)) {
    throw badRequest(
      'username_not_allowed',
      `The username "${username}" is reserved. Choose another username.`,
      { field: 'username' },
    );
  }
}

export function toAccountOut(a: Account): AccountOut {
  return {
    id: a.id,
    username: a.username,
    email: a.email,
    pending_email: a.pending_email,
    name: a.name,
    company: a.company,
    phone: a.phone,
    address: a.address,
    city: a.city,
    state: a.state,
    zip: a.zip,
    country: a.country,
    timezone: a.timezone,
    currency: a.currency,
    checkout_language: a.checkout_language,
    plan: isPlanId(a.plan) ? a.plan : 'starter',
    active: a.active === 1,
    support_code: a.support_code,
    security_question: a.security_question,
    has_security_answer: a.security_answer_hash !== null,
    created_at: a.created_at,
  };
}

export async function findAccountById(db: DbOrTrx, id: number): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAccountByLogin(db: DbOrTrx, login: string): Promise<Account | undefined> {
  const value = login.trim().toLowerCase();
  const column = value.includes('@') ? 'email_normalized' : 'username';
  return db.selectFrom('accounts').selectAll().where(column, '=', value).executeTakeFirst();
}

export async function findAccountByUsername(db: DbOrTrx, username: string): Promise<Account | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
}

/** Creates an account (signup, CLI, demo). Username rules are checked by the schema and here. */
export async function createAccount(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  input: SignupInput & { plan?: PlanId },
): Promise<Account> {
  assertUsernameAllowed(input.username, deps.config.trademarkWords);
  if (input.password.toLowerCase().includes(input.username)) {
    throw badRequest('weak_password', 'The password may not contain the username. Choose another password.', {
      field: 'password',
    });
  }
  const passwordHash = await hashSecret(input.password);
  const now = iso(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('accounts')
      .select(['username', 'email_normalized'])
      .where((eb) =>
        eb.or([
          eb('username', '=', input.username),
          eb('email_normalized', '=', normalizeEmail(input.email)),
        ]),
      )
      .execute();
    if (taken.some((t) => t.username === input.username)) {
      throw conflict('username_taken', `The username "${input.username}" is taken. Choose another one.`, {
        field: 'username',
      });
    }
    if (taken.length > 0) {
      throw conflict(
        'email_taken',
        'An account with this email address exists already. Log in or reset its password.',
        { field: 'email' },
      );
    }
    return trx
      .insertInto('accounts')
      .values({
        username: input.username,
        email: input.email.trim(),
        email_normalized: normalizeEmail(input.email),
        name: input.name,
        password_hash: passwordHash,
        plan: input.plan ?? 'starter',
        support_code: supportCode(),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

const EMAIL_CHANGE_HOURS = 24;

/**
 * Applies a profile change. Changing the email or the security question needs the current
 * password; everything is validated before anything is written, so a bad request changes nothing.
 */
export async function updateProfile(deps: AppDeps, account: Account, patch: ProfilePatch): Promise<Account> {
  const { email, security_question, security_answer, password, ...plain } = patch;
  const emailChanging = email !== undefined && normalizeEmail(email) !== account.email_normalized;
  const securityChanging = security_question !== undefined || security_answer !== undefined;
  if (securityChanging && (security_question === undefined || security_answer === undefined)) {
    throw badRequest(
      'invalid_input',
      'Please correct these fields — security_question and security_answer go together.',
      {
        fields: [
          {
            field: security_question === undefined ? 'security_question' : 'security_answer',
            message: 'is required',
          },
        ],
      },
    );
  }
  if (emailChanging || securityChanging) {
    if (!password) {
      throw badRequest(
        'invalid_input',
        'Please correct these fields — password: is required to change the email or the security question.',
        {
          fields: [{ field: 'password', message: 'is required' }],
        },
      );
    }
    if (!(await verifySecret(account.password_hash, password))) {
      throw new AppError(403, 'invalid_password', 'The password is not correct. Nothing was changed.');
    }
  }
  const answerHash = security_answer ? await hashSecret(security_answer.trim().toLowerCase()) : undefined;
  const now = deps.clock.now();
  const updated = await deps.db.transaction().execute(async (trx) => {
    if (emailChanging) {
      const owner = await trx
        .selectFrom('accounts')
        .select('id')
        .where('email_normalized', '=', normalizeEmail(email))
        .executeTakeFirst();
      if (owner && owner.id !== account.id) {
        throw conflict('email_taken', 'Another account uses this email address already.', { field: 'email' });
      }
      const token = randomToken();
      await trx
        .insertInto('one_time_tokens')
        .values({
          token_hash: sha256(token),
          account_id: account.id,
          purpose: 'email_change',
          data: email.trim(),
          created_at: iso(now),
          expires_at: iso(new Date(now.getTime() + EMAIL_CHANGE_HOURS * 3_600_000)),
          used_at: null,
        })
        .execute();
      const link = `${deps.config.adminUrl}/confirm-email/${token}`;
      await queueMail(trx, emailChangeConfirmMail(email.trim(), account.name, link, EMAIL_CHANGE_HOURS), {
        accountId: account.id,
        at: now,
      });
      await queueMail(trx, emailChangeNoticeMail(account.email, account.name, email.trim()), {
        accountId: account.id,
        at: now,
      });
    }
    return trx
      .updateTable('accounts')
      .set({
        ...plain,
        ...(emailChanging ? { pending_email: email.trim() } : {}),
        ...(securityChanging
          ? { security_question: security_question!, security_answer_hash: answerHash! }
          : {}),
        updated_at: iso(now),
      })
      .where('id', '=', account.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  if (emailChanging) deps.wake();
  return updated;
}

/** Confirms an email change from the link mailed to the new address. */
export async function confirmEmailChange(deps: AppDeps, token: string): Promise<Account> {
  const now = iso(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('one_time_tokens')
      .selectAll()
      .where('token_hash', '=', sha256(token))
      .where('purpose', '=', 'email_change')
      .executeTakeFirst();
    if (!row || row.used_at || row.expires_at <= now || !row.data) {
      throw new AppError(
        404,
        'confirmation_link_invalid',
        'This confirmation link is invalid, used or expired. Change the email again to get a new one.',
      );
    }
    const owner = await trx
      .selectFrom('accounts')
      .select('id')
      .where('email_normalized', '=', normalizeEmail(row.data))
      .executeTakeFirst();
    if (owner && owner.id !== row.account_id) {
      throw conflict('email_taken', 'Another account uses this email address already.');
    }
    await trx
      .updateTable('one_time_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', row.token_hash)
      .execute();
    // Any other pending change for this account is superseded.
    await trx
      .updateTable('one_time_tokens')
      .set({ used_at: now })
      .where('account_id', '=', row.account_id)
      .where('purpose', '=', 'email_change')
      .where('used_at', 'is', null)
      .execute();
    return trx
      .updateTable('accounts')
      .set({
        email: row.data,
        email_normalized: normalizeEmail(row.data),
        pending_email: null,
        updated_at: now,
      })
      .where('id', '=', row.account_id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export async function regenerateSupportCode(deps: AppDeps, accountId: number): Promise<string> {
  const code = supportCode();
  await deps.db
    .updateTable('accounts')
    .set({ support_code: code, updated_at: iso(deps.clock.now()) })
    .where('id', '=', accountId)
    .execute();
  return code;
}

// ---- operator actions (CLI `atrium admin …`) ----

async function requireByUsername(db: DbOrTrx, username: string): Promise<Account> {
  const account = await findAccountByUsername(db, username);
  if (!account) throw notFound(`The account "${username}"`);
  return account;
}

export async function setAccountActive(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  username: string,
  active: boolean,
): Promise<Account> {
  const account = await requireByUsername(deps.db, username);
  return deps.db
    .updateTable('accounts')
    .set({ active: active ? 1 : 0, updated_at: iso(deps.clock.now()) })
    .where('id', '=', account.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setAccountPlan(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  username: string,
  plan: string,
): Promise<Account> {
  if (!isPlanId(plan))
    throw badRequest(
      'invalid_plan',
      `"${plan}" is not a plan. Use starter, growth, professional or enterprise.`,
    );
  const account = await requireByUsername(deps.db, username);
  return deps.db
    .updateTable('accounts')
    .set({ plan, updated_at: iso(deps.clock.now()) })
    .where('id', '=', account.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function resetSecurityQuestion(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  username: string,
): Promise<Account> {
  const account = await requireByUsername(deps.db, username);
  return deps.db
    .updateTable('accounts')
    .set({ security_question: null, security_answer_hash: null, updated_at: iso(deps.clock.now()) })
    .where('id', '=', account.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
