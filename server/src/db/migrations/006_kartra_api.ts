import { accountRef, bigint, type PortableMigration, withId } from './helpers.js';

/**
 * The Kartra-compatible API (modules/kartra/README.md) and outbound webhooks
 * (modules/webhooks/README.md):
 * - `kartra_credentials`: one api_key/api_password pair per account, both stored as SHA-256 only;
 * - `kartra_apps`: the app ids an account has seen or registered, with the per-app rate-limit
 *   window (one row per app: one upsert per call both records the app and counts the call);
 * - `webhook_subscriptions` / `webhook_deliveries`: outbound API URLs per event and every
 *   attempt to deliver to them (also per-product IPN posts, `kind = 'ipn'`);
 * - `product_ipns`: per-product payment notification URLs and their secret keys.
 */
export const kartraApi: PortableMigration = {
  async up(db, dialect) {
    const big = bigint(dialect);

    await db.schema
      .createTable('kartra_credentials')
      .addColumn('account_id', big, (c) => accountRef(c).primaryKey())
      .addColumn('api_key_hash', 'text', (c) => c.notNull())
      .addColumn('api_password_hash', 'text', (c) => c.notNull())
      .addColumn('api_key_hint', 'text', (c) => c.notNull())
      .addColumn('restrict_apps', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('kartra_credentials_key')
      .on('kartra_credentials')
      .column('api_key_hash')
      .unique()
      .execute();

    await withId(db.schema.createTable('kartra_apps'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('app_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('calls', big, (c) => c.notNull().defaultTo(0))
      .addColumn('refused', big, (c) => c.notNull().defaultTo(0))
      .addColumn('window_start', big, (c) => c.notNull().defaultTo(0))
      .addColumn('window_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('first_seen_at', 'text')
      .addColumn('last_seen_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('kartra_apps_account_app')
      .on('kartra_apps')
      .columns(['account_id', 'app_id'])
      .unique()
      .execute();

    await withId(db.schema.createTable('webhook_subscriptions'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('events', 'text', (c) => c.notNull())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('webhook_subscriptions_account')
      .on('webhook_subscriptions')
      .columns(['account_id', 'active'])
      .execute();

    await withId(db.schema.createTable('product_ipns'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('product_id', big, (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('secret_key', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('product_ipns_product')
      .on('product_ipns')
      .columns(['account_id', 'product_id'])
      .unique()
      .execute();

    // No foreign key to the target: deleting a subscription keeps its delivery log.
    await withId(db.schema.createTable('webhook_deliveries'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('target_id', big, (c) => c.notNull())
      .addColumn('event_id', big, (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('response_status', 'integer')
      .addColumn('error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .execute();
    await db.schema
      .createIndex('webhook_deliveries_once')
      .on('webhook_deliveries')
      .columns(['kind', 'target_id', 'event_id', 'action'])
      .unique()
      .execute();
    await db.schema
      .createIndex('webhook_deliveries_account')
      .on('webhook_deliveries')
      .columns(['account_id', 'id'])
      .execute();
  },
};
