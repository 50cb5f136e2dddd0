import { accountRef, bigint, type PortableMigration, withId } from './helpers.js';

/**
 * Custom domains (modules/domains/README.md): one row per hostname an account connects, and a
 * one-row version counter that every change to which host serves what bumps, so each process's
 * host cache notices changes made by other processes within a second.
 */
export const domains: PortableMigration = {
  async up(db, dialect) {
    const big = bigint(dialect);
    await withId(db.schema.createTable('custom_domains'), dialect)
      .addColumn('account_id', big, accountRef)
      // ASCII (punycode) form, lower case, no trailing dot; unique across all accounts.
      .addColumn('hostname', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()) // root | subdomain
      .addColumn('apex', 'text') // root kind: the registrable domain forwarded to www
      .addColumn('target', 'text', (c) => c.notNull()) // {username}.PLATFORM_DOMAIN
      .addColumn('status', 'text', (c) => c.notNull()) // pending | active
      .addColumn('checks', 'text') // JSON: the last check's results
      .addColumn('check_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_checked_at', 'text')
      .addColumn('next_check_at', 'text')
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('activated_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('custom_domains_hostname')
      .on('custom_domains')
      .column('hostname')
      .unique()
      .execute();
    await db.schema.createIndex('custom_domains_apex').on('custom_domains').column('apex').execute();
    await db.schema
      .createIndex('custom_domains_account')
      .on('custom_domains')
      .columns(['account_id', 'id'])
      .execute();
    await db.schema
      .createIndex('custom_domains_due')
      .on('custom_domains')
      .columns(['status', 'next_check_at'])
      .execute();

    await db.schema
      .createTable('site_hosts_version')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('version', big, (c) => c.notNull())
      .execute();
    await db.insertInto('site_hosts_version').values({ id: 1, version: 0 }).execute();
  },
};
