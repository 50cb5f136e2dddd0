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

// Leads module (migration 002): see modules/leads/README.md.
export interface LeadsTable {
  id: Generated<number>;
  account_id: number;
  email: string;
  email_normalized: string;
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  last_name2: string | null;
  phone: string | null;
  phone_country_code: string | null;
  company: string | null;
  address: string | null;
  city: string | null;
  zip: string | null;
  state: string | null;
  country: string | null;
  website: string | null;
  facebook: string | null;
  twitter: string | null;
  linkedin: string | null;
  ip: string | null;
  lead_preferred_time_zone: string | null;
  sales_tax_id: string | null;
  notes: string | null;
  /** JSON {field_id: string | option id | option ids}. */
  custom_fields: string | null;
  score: Generated<number>;
  source: string;
  source_id: string | null;
  blocked: Generated<number>;
  gdpr_status: Generated<string>;
  gdpr_date: string | null;
  gdpr_ip: string | null;
  last_import_id: number | null;
  last_import_row: number | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface NamedTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  name_normalized: string;
  created_at: string;
}

export interface LeadTagsTable {
  lead_id: number;
  tag_id: number;
  account_id: number;
  created_at: string;
}

export interface LeadListsTable {
  lead_id: number;
  list_id: number;
  account_id: number;
  status: 'subscribed' | 'unsubscribed';
  subscribed_at: string;
  unsubscribed_at: string | null;
}

export interface CustomFieldsTable {
  id: Generated<number>;
  account_id: number;
  identifier: string;
  identifier_normalized: string;
  label: string;
  type: string;
  created_at: string;
}

export interface CustomFieldOptionsTable {
  id: Generated<number>;
  account_id: number;
  field_id: number;
  value: string;
  value_normalized: string;
  position: number;
}

export interface LeadTimelineTable {
  id: Generated<number>;
  account_id: number;
  lead_id: number;
  at: string;
  kind: string;
  /** JSON. */
  detail: string;
  source: string;
  source_id: string | null;
}

export interface LeadImportsTable {
  id: Generated<number>;
  account_id: number;
  status: string;
  file_name: string;
  file_bytes: Generated<number>;
  encoding: string;
  delimiter: string;
  /** JSON string[]: the header. */
  columns: string;
  /** JSON ImportOptions. */
  options: string;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  skipped: Generated<number>;
  duplicates: Generated<number>;
  failed: Generated<number>;
  blocked: Generated<number>;
  error: string | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface LeadImportChunksTable {
  import_id: number;
  seq: number;
  data: Buffer;
}

export interface LeadImportErrorsTable {
  id: Generated<number>;
  import_id: number;
  row: number;
  email: string | null;
  message: string;
  /** JSON string[]: the row as read. */
  fields: string;
}

// Automations and memberships (migration 003): see modules/automations/README.md and
// modules/memberships/README.md.
export interface AutomationsTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  active: number;
  trigger_type: string;
  /** The id the trigger names (tag, list, product, form); null for lead_created. */
  trigger_ref: number | null;
  /** JSON: the trigger as given. */
  trigger: string;
  /** JSON: the steps as given. */
  steps: string;
  created_at: string;
  updated_at: string;
}

export type AutomationRunStatus = 'pending' | 'done' | 'failed' | 'cancelled';

export interface AutomationRunsTable {
  id: Generated<number>;
  account_id: number;
  automation_id: number;
  automation_name: string;
  lead_id: number;
  event_id: number;
  trigger_type: string;
  status: AutomationRunStatus;
  /** Index of the step to run next (steps.length once done). */
  step: number;
  /** JSON: the automation's steps when the run began. */
  steps: string;
  /** JSON string[]: "automationId:leadId" of the runs that caused this one, and this one. */
  chain: string;
  /** dedupe_key of the job that runs the current step. */
  job_key: string | null;
  resume_at: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface AutomationRunStepsTable {
  run_id: number;
  step: number;
  account_id: number;
  type: string;
  /** JSON: what the step did. */
  detail: string;
  done_at: string;
}

export interface MembershipsTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  slug: string;
  created_at: string;
  updated_at: string;
}

export interface MembershipOrderedTable {
  id: Generated<number>;
  account_id: number;
  membership_id: number;
  name: string;
  position: number;
}

export interface MembershipSubcategoriesTable extends MembershipOrderedTable {
  category_id: number;
}

export interface MembershipPostsTable {
  id: Generated<number>;
  account_id: number;
  membership_id: number;
  subcategory_id: number;
  title: string;
  /** Sanitized HTML. */
  body: string;
  video_url: string | null;
  release_after_days: Generated<number>;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface MembershipPostLevelsTable {
  post_id: number;
  level_id: number;
  account_id: number;
}

export interface MembershipFilesTable {
  id: Generated<number>;
  account_id: number;
  membership_id: number;
  post_id: number;
  file_name: string;
  content_type: string;
  size: number;
  /** Path under DATA_DIR/uploads. */
  storage_key: string;
  created_at: string;
}

export interface MembershipAccessTable {
  id: Generated<number>;
  account_id: number;
  membership_id: number;
  lead_id: number;
  level_id: number;
  status: 'active' | 'revoked';
  /** Latest (re)grant: the start of the drip schedule. */
  granted_at: string;
  revoked_at: string | null;
  source: string;
  source_id: string | null;
  grants: Generated<number>;
  updated_at: string;
}

export interface MembersTable {
  id: Generated<number>;
  account_id: number;
  lead_id: number;
  password_hash: string | null;
  password_set_at: string | null;
  last_login_at: string | null;
  created_at: string;
}

export interface MemberSessionsTable {
  id: string; // sha256 of the cookie value
  account_id: number;
  member_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface MemberTokensTable {
  token_hash: string;
  account_id: number;
  member_id: number;
  membership_id: number;
  purpose: 'welcome' | 'reset';
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface MemberLoginFailuresTable {
  id: Generated<number>;
  account_id: number;
  ip: string;
  email_normalized: string;
  created_at: string;
}

// Commerce (migration 005): see modules/commerce/README.md.
export type PriceType = 'one_time' | 'subscription' | 'payment_plan';
export type OrderStatus = 'pending' | 'completed' | 'failed' | 'refunded';
export type SubscriptionStatus = 'active' | 'past_due' | 'cancelled';

export interface ProductsTable {
  id: Generated<number>;
  account_id: number;
  name: string;
  slug: string;
  description: Generated<string>;
  image_url: string | null;
  tag: string;
  tag_id: number;
  thank_you_url: string | null;
  gateway: string;
  checkout_language: string | null;
  ask_gdpr_consent: Generated<number>;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface PricesTable {
  id: Generated<number>;
  account_id: number;
  product_id: number;
  type: PriceType;
  amount: number;
  currency: string;
  interval: string | null;
  interval_count: Generated<number>;
  trial_days: Generated<number>;
  installments: number | null;
  position: number;
  active: Generated<number>;
  created_at: string;
}

export interface OrdersTable {
  id: Generated<number>;
  account_id: number;
  product_id: number;
  price_id: number;
  product_name: string;
  lead_id: number | null;
  status: OrderStatus;
  amount: number;
  currency: string;
  price_type: PriceType;
  gateway: string;
  gateway_ref: string | null;
  checkout_token: string;
  public_token: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  buyer: string;
  language: string;
  ip: string | null;
  paid_at: string | null;
  failed_at: string | null;
  refund_requested_at: string | null;
  cancel_requested_at: string | null;
  completed_at: string | null;
  refunded_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SubscriptionsTable {
  id: Generated<number>;
  account_id: number;
  product_id: number;
  price_id: number;
  order_id: number;
  lead_id: number;
  status: SubscriptionStatus;
  amount: number;
  currency: string;
  interval: string;
  interval_count: number;
  installments: number | null;
  gateway: string;
  gateway_ref: string | null;
  trial_ends_at: string | null;
  cancelled_at: string | null;
  cancel_source: string | null;
  created_at: string;
  updated_at: string;
}

export interface GatewaySettingsTable {
  account_id: number;
  provider: string;
  settings: string;
  updated_at: string;
}

export interface GatewayWebhooksTable {
  id: Generated<number>;
  account_id: number;
  provider: string;
  event_id: string;
  type: string;
  body: string;
  provider_created: string | null;
  status: string;
  order_id: number | null;
  result: string | null;
  received_at: string;
  processed_at: string | null;
}

// Kartra-compatible API and outbound webhooks (migration 006): see modules/kartra/README.md and
// modules/webhooks/README.md.
export interface KartraCredentialsTable {
  account_id: number;
  /** SHA-256 of the api_key (unique: the key names the account). */
  api_key_hash: string;
  /** SHA-256 of the api_password. */
  api_password_hash: string;
  /** The key's first and last characters, for the masked display. */
  api_key_hint: string;
  /** 1: only registered app ids may call. */
  restrict_apps: Generated<number>;
  created_at: string;
  updated_at: string;
}

export type KartraAppStatus = 'seen' | 'registered' | 'blocked';

export interface KartraAppsTable {
  id: Generated<number>;
  account_id: number;
  app_id: string;
  name: string | null;
  status: KartraAppStatus;
  calls: Generated<number>;
  refused: Generated<number>;
  /** Rate limit: the epoch second of the current window and the calls counted in it. */
  window_start: Generated<number>;
  window_count: Generated<number>;
  first_seen_at: string | null;
  last_seen_at: string | null;
  created_at: string;
}

export interface WebhookSubscriptionsTable {
  id: Generated<number>;
  account_id: number;
  url: string;
  /** JSON string[]: Kartra action names. */
  events: string;
  /** HMAC secret of the Atrium-Signature header. */
  secret: string;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ProductIpnsTable {
  id: Generated<number>;
  account_id: number;
  product_id: number;
  url: string;
  secret_key: string;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dead';

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  account_id: number;
  kind: 'webhook' | 'ipn';
  /** webhook_subscriptions.id or product_ipns.id. */
  target_id: number;
  event_id: number;
  action: string;
  url: string;
  /** What is posted: JSON text (webhook) or the form body (ipn). */
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: Generated<number>;
  response_status: number | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
}

// Custom domains (migration 004): see modules/domains/README.md.
export interface CustomDomainsTable {
  id: Generated<number>;
  account_id: number;
  hostname: string;
  kind: 'root' | 'subdomain';
  apex: string | null;
  target: string;
  status: 'pending' | 'active';
  checks: string | null;
  check_count: Generated<number>;
  last_checked_at: string | null;
  next_check_at: string | null;
  expires_at: string;
  activated_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SiteHostsVersionTable {
  id: number;
  version: number;
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
  leads: LeadsTable;
  tags: NamedTable;
  lists: NamedTable;
  lead_tags: LeadTagsTable;
  lead_lists: LeadListsTable;
  custom_fields: CustomFieldsTable;
  custom_field_options: CustomFieldOptionsTable;
  lead_timeline: LeadTimelineTable;
  lead_imports: LeadImportsTable;
  lead_import_chunks: LeadImportChunksTable;
  lead_import_errors: LeadImportErrorsTable;
  automations: AutomationsTable;
  automation_runs: AutomationRunsTable;
  automation_run_steps: AutomationRunStepsTable;
  memberships: MembershipsTable;
  membership_levels: MembershipOrderedTable;
  membership_categories: MembershipOrderedTable;
  membership_subcategories: MembershipSubcategoriesTable;
  membership_posts: MembershipPostsTable;
  membership_post_levels: MembershipPostLevelsTable;
  membership_files: MembershipFilesTable;
  membership_access: MembershipAccessTable;
  members: MembersTable;
  member_sessions: MemberSessionsTable;
  member_tokens: MemberTokensTable;
  member_login_failures: MemberLoginFailuresTable;
  custom_domains: CustomDomainsTable;
  site_hosts_version: SiteHostsVersionTable;
  products: ProductsTable;
  prices: PricesTable;
  orders: OrdersTable;
  subscriptions: SubscriptionsTable;
  gateway_settings: GatewaySettingsTable;
  gateway_webhooks: GatewayWebhooksTable;
  kartra_credentials: KartraCredentialsTable;
  kartra_apps: KartraAppsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  product_ipns: ProductIpnsTable;
  webhook_deliveries: WebhookDeliveriesTable;
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
