import { accountRef, bigint, type PortableMigration, withId } from './helpers.js';

/**
 * Automations (rules, their runs and the ledger of applied steps) and memberships (levels, the
 * content tree, files, access, member logins). See modules/automations/README.md and
 * modules/memberships/README.md.
 *
 * The hot tables of the "tag applied → access granted" path (automation_runs,
 * automation_run_steps, membership_access, members) carry no foreign keys, like leads' link
 * tables: their writers use ids they just read in the same transaction, and deleting an
 * automation keeps its runs (with the automation's name) on purpose.
 */
export const automationsMemberships: PortableMigration = {
  async up(db, dialect) {
    const big = bigint(dialect);

    // --- Automations ---------------------------------------------------------------------
    await withId(db.schema.createTable('automations'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('trigger_type', 'text', (c) => c.notNull())
      .addColumn('trigger_ref', big)
      .addColumn('trigger', 'text', (c) => c.notNull())
      .addColumn('steps', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('automations_trigger')
      .on('automations')
      .columns(['account_id', 'trigger_type', 'trigger_ref'])
      .execute();

    await withId(db.schema.createTable('automation_runs'), dialect)
      .addColumn('account_id', big, (c) => c.notNull())
      .addColumn('automation_id', big, (c) => c.notNull())
      .addColumn('automation_name', 'text', (c) => c.notNull())
      .addColumn('lead_id', big, (c) => c.notNull())
      .addColumn('event_id', big, (c) => c.notNull())
      .addColumn('trigger_type', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('step', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('steps', 'text', (c) => c.notNull())
      .addColumn('chain', 'text', (c) => c.notNull())
      .addColumn('job_key', 'text')
      .addColumn('resume_at', 'text')
      .addColumn('error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema
      .createIndex('automation_runs_event')
      .on('automation_runs')
      .columns(['event_id', 'automation_id'])
      .unique()
      .execute();
    await db.schema
      .createIndex('automation_runs_account')
      .on('automation_runs')
      .columns(['account_id', 'status', 'id'])
      .execute();
    await db.schema
      .createIndex('automation_runs_lead')
      .on('automation_runs')
      .columns(['account_id', 'lead_id', 'id'])
      .execute();

    await db.schema
      .createTable('automation_run_steps')
      .addColumn('run_id', big, (c) => c.notNull())
      .addColumn('step', 'integer', (c) => c.notNull())
      .addColumn('account_id', big, (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('done_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('automation_run_steps_pk', ['run_id', 'step'])
      .execute();

    // --- Memberships ---------------------------------------------------------------------
    await withId(db.schema.createTable('memberships'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('memberships_account_slug')
      .on('memberships')
      .columns(['account_id', 'slug'])
      .unique()
      .execute();

    const membershipRef = (c: Parameters<typeof accountRef>[0]) =>
      c.notNull().references('memberships.id').onDelete('cascade');

    await withId(db.schema.createTable('membership_levels'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('membership_id', big, membershipRef)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('membership_levels_membership')
      .on('membership_levels')
      .columns(['membership_id', 'position'])
      .execute();

    await withId(db.schema.createTable('membership_categories'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('membership_id', big, membershipRef)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('membership_categories_membership')
      .on('membership_categories')
      .columns(['membership_id', 'position'])
      .execute();

    await withId(db.schema.createTable('membership_subcategories'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('membership_id', big, membershipRef)
      .addColumn('category_id', big, (c) =>
        c.notNull().references('membership_categories.id').onDelete('cascade'),
      )
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('membership_subcategories_membership')
      .on('membership_subcategories')
      .columns(['membership_id', 'category_id', 'position'])
      .execute();

    await withId(db.schema.createTable('membership_posts'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('membership_id', big, membershipRef)
      .addColumn('subcategory_id', big, (c) =>
        c.notNull().references('membership_subcategories.id').onDelete('cascade'),
      )
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('video_url', 'text')
      .addColumn('release_after_days', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('membership_posts_membership')
      .on('membership_posts')
      .columns(['membership_id', 'subcategory_id', 'position'])
      .execute();

    await db.schema
      .createTable('membership_post_levels')
      .addColumn('post_id', big, (c) => c.notNull().references('membership_posts.id').onDelete('cascade'))
      .addColumn('level_id', big, (c) => c.notNull().references('membership_levels.id').onDelete('cascade'))
      .addColumn('account_id', big, accountRef)
      .addPrimaryKeyConstraint('membership_post_levels_pk', ['post_id', 'level_id'])
      .execute();

    await withId(db.schema.createTable('membership_files'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('membership_id', big, membershipRef)
      .addColumn('post_id', big, (c) => c.notNull().references('membership_posts.id').onDelete('cascade'))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', big, (c) => c.notNull())
      .addColumn('storage_key', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('membership_files_post')
      .on('membership_files')
      .columns(['post_id', 'id'])
      .execute();

    await withId(db.schema.createTable('membership_access'), dialect)
      .addColumn('account_id', big, (c) => c.notNull())
      .addColumn('membership_id', big, (c) => c.notNull())
      .addColumn('lead_id', big, (c) => c.notNull())
      .addColumn('level_id', big, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('granted_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text')
      .addColumn('grants', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('membership_access_lead')
      .on('membership_access')
      .columns(['membership_id', 'lead_id'])
      .unique()
      .execute();
    await db.schema
      .createIndex('membership_access_account_lead')
      .on('membership_access')
      .columns(['account_id', 'lead_id'])
      .execute();

    // --- Members: the portal logins of leads (one per lead, so per business) ---------------
    await withId(db.schema.createTable('members'), dialect)
      .addColumn('account_id', big, (c) => c.notNull())
      .addColumn('lead_id', big, (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('password_set_at', 'text')
      .addColumn('last_login_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('members_account_lead')
      .on('members')
      .columns(['account_id', 'lead_id'])
      .unique()
      .execute();

    await db.schema
      .createTable('member_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', big, accountRef)
      .addColumn('member_id', big, (c) => c.notNull().references('members.id').onDelete('cascade'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await db.schema.createIndex('member_sessions_member').on('member_sessions').column('member_id').execute();

    await db.schema
      .createTable('member_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('account_id', big, accountRef)
      .addColumn('member_id', big, (c) => c.notNull().references('members.id').onDelete('cascade'))
      .addColumn('membership_id', big, (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema
      .createIndex('member_tokens_member')
      .on('member_tokens')
      .columns(['member_id', 'created_at'])
      .execute();

    await withId(db.schema.createTable('member_login_failures'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('email_normalized', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('member_login_failures_ip')
      .on('member_login_failures')
      .columns(['ip', 'created_at'])
      .execute();
    await db.schema
      .createIndex('member_login_failures_member')
      .on('member_login_failures')
      .columns(['account_id', 'email_normalized', 'created_at'])
      .execute();
  },
};
