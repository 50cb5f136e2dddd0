import { sql } from 'kysely';
import { accountRef, bigint, type PortableMigration, withId } from './helpers.js';

/** Accounts, sessions, tokens, login throttling, outbox, jobs, scheduler, dev mailbox, usage. */
export const foundation: PortableMigration = {
  async up(db, dialect) {
    const big = bigint(dialect);
    await withId(db.schema.createTable('accounts'), dialect)
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('email_normalized', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('plan', 'text', (c) => c.notNull().defaultTo('starter'))
      .addColumn('currency', 'text', (c) => c.notNull().defaultTo('USD'))
      .addColumn('checkout_language', 'text', (c) => c.notNull().defaultTo('en'))
      .addColumn('company', 'text')
      .addColumn('phone', 'text')
      .addColumn('address', 'text')
      .addColumn('city', 'text')
      .addColumn('state', 'text')
      .addColumn('zip', 'text')
      .addColumn('country', 'text')
      .addColumn('timezone', 'text')
      .addColumn('security_question', 'text')
      .addColumn('security_answer_hash', 'text')
      .addColumn('support_code', 'text', (c) => c.notNull())
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('pending_email', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', big, accountRef)
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

    await withId(db.schema.createTable('api_tokens'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'text')
      .execute();
    await db.schema.createIndex('api_tokens_account').on('api_tokens').column('account_id').execute();

    await withId(db.schema.createTable('login_failures'), dialect)
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('login', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('login_failures_ip_time')
      .on('login_failures')
      .columns(['ip', 'created_at'])
      .execute();

    await db.schema
      .createTable('ip_blocks')
      .addColumn('ip', 'text', (c) => c.primaryKey())
      .addColumn('blocked_until', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('one_time_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('account_id', big, accountRef)
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('data', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();

    await withId(db.schema.createTable('events'), dialect)
      .addColumn('account_id', big)
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('dispatched_at', 'text')
      .execute();
    await db.schema
      .createIndex('events_undispatched')
      .on('events')
      .column('id')
      .where(sql.ref('dispatched_at'), 'is', null)
      .execute();

    await withId(db.schema.createTable('jobs'), dialect)
      .addColumn('account_id', big)
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('dedupe_key', 'text', (c) => c.unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('run_at', 'text', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('locked_by', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema.createIndex('jobs_claim').on('jobs').columns(['status', 'run_at']).execute();
    await db.schema.createIndex('jobs_account').on('jobs').columns(['account_id', 'status']).execute();

    await db.schema
      .createTable('schedules')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('next_run_at', 'text', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('dev_mailbox'), dialect)
      .addColumn('to_address', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('html', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('usage_counters')
      .addColumn('account_id', big, accountRef)
      .addColumn('metric', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('count', big, (c) => c.notNull())
      .addPrimaryKeyConstraint('usage_counters_pk', ['account_id', 'metric', 'period'])
      .execute();
  },
};
