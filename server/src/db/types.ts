import type { Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';

/**
 * Table shapes shared by both dialects. Portable conventions:
 * - times are UTC ISO-8601 strings (they sort as text), written from the injected clock;
 * - booleans are integers 0/1;
 * - JSON is stored as text and parsed with zod where it is read.
 */

export interface AccountsTable {
  id: Generated<number>;
  username: string;
  email: string;
  email_normalized: string;
  name: string;
  password_hash: string;
  active: Generated<number>;
  plan: Generated<string>;
  currency: Generated<string>;
  checkout_language: Generated<string>;
  company: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  country: string | null;
  timezone: string | null;
  security_question: string | null;
  security_answer_hash: string | null;
  support_code: string;
  must_change_password: Generated<number>;
  pending_email: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie value
  account_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  ip: string;
  login: string;
  created_at: string;
}

export interface IpBlocksTable {
  ip: string;
  blocked_until: string;
  created_at: string;
}

export interface OneTimeTokensTable {
  token_hash: string;
  account_id: number;
  purpose: 'password_reset' | 'email_change';
  /** For email_change: the address being confirmed. */
  data: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface EventsTable {
  id: Generated<number>;
  account_id: number | null;
  type: string;
  payload: string;
  created_at: string;
  dispatched_at: string | null;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'dead';

export interface JobsTable {
  id: Generated<number>;
  account_id: number | null;
  type: string;
  payload: string;
  dedupe_key: string | null;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface SchedulesTable {
  name: string;
  next_run_at: string;
}

export interface DevMailboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text: string;
  html: string | null;
  created_at: string;
}

export interface UsageCountersTable {
  account_id: number;
  metric: string;
  period: string;
  count: number;
}

export interface Database {
  accounts: AccountsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  ip_blocks: IpBlocksTable;
  one_time_tokens: OneTimeTokensTable;
  events: EventsTable;
  jobs: JobsTable;
  schedules: SchedulesTable;
  dev_mailbox: DevMailboxTable;
  usage_counters: UsageCountersTable;
}

export type Db = Kysely<Database>;
/** A handle that is either the database or an open transaction. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';

export type Account = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
export type AccountUpdate = Updateable<AccountsTable>;
export type Job = Selectable<JobsTable>;
export type EventRow = Selectable<EventsTable>;
