import { accountRef, bigint, type PortableMigration, withId } from './helpers.js';

/**
 * Commerce: products and their prices, orders, subscriptions, gateway settings per account and
 * the raw gateway webhooks (unique per provider event id). See modules/commerce/README.md.
 *
 * Orders carry the facts the gateway has reported (`paid_at`, `failed_at`, `refund_requested_at`,
 * `cancel_requested_at`) apart from the effects already applied (`completed_at`, `refunded_at`,
 * the subscription's status): processing a webhook records its fact and then converges the
 * effects to the facts, so duplicates and any arrival order end in the same state.
 */
export const commerce: PortableMigration = {
  async up(db, dialect) {
    const big = bigint(dialect);

    await withId(db.schema.createTable('products'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('image_url', 'text')
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('tag_id', big, (c) => c.notNull())
      .addColumn('thank_you_url', 'text')
      .addColumn('gateway', 'text', (c) => c.notNull())
      .addColumn('checkout_language', 'text')
      .addColumn('ask_gdpr_consent', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('products_account_slug')
      .on('products')
      .columns(['account_id', 'slug'])
      .unique()
      .execute();

    await withId(db.schema.createTable('prices'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('product_id', big, (c) => c.notNull().references('products.id').onDelete('cascade'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('amount', big, (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('interval', 'text')
      .addColumn('interval_count', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('trial_days', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('installments', 'integer')
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('prices_product').on('prices').columns(['product_id', 'position']).execute();

    // Orders and the tables below carry no foreign keys to products (deleting a product keeps
    // its sales), like the hot tables of leads and automations.
    await withId(db.schema.createTable('orders'), dialect)
      .addColumn('account_id', big, (c) => c.notNull())
      .addColumn('product_id', big, (c) => c.notNull())
      .addColumn('price_id', big, (c) => c.notNull())
      .addColumn('product_name', 'text', (c) => c.notNull())
      .addColumn('lead_id', big)
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('amount', big, (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('price_type', 'text', (c) => c.notNull())
      .addColumn('gateway', 'text', (c) => c.notNull())
      .addColumn('gateway_ref', 'text')
      .addColumn('checkout_token', 'text', (c) => c.notNull())
      .addColumn('public_token', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('first_name', 'text')
      .addColumn('last_name', 'text')
      .addColumn('buyer', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('paid_at', 'text')
      .addColumn('failed_at', 'text')
      .addColumn('refund_requested_at', 'text')
      .addColumn('cancel_requested_at', 'text')
      .addColumn('completed_at', 'text')
      .addColumn('refunded_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('orders_checkout_token')
      .on('orders')
      .columns(['account_id', 'checkout_token'])
      .unique()
      .execute();
    await db.schema.createIndex('orders_public_token').on('orders').column('public_token').unique().execute();
    await db.schema.createIndex('orders_account').on('orders').columns(['account_id', 'id']).execute();
    await db.schema
      .createIndex('orders_account_status')
      .on('orders')
      .columns(['account_id', 'status', 'created_at'])
      .execute();
    await db.schema.createIndex('orders_lead').on('orders').columns(['account_id', 'lead_id']).execute();
    await db.schema
      .createIndex('orders_gateway_ref')
      .on('orders')
      .columns(['account_id', 'gateway', 'gateway_ref'])
      .execute();
    await db.schema
      .createIndex('orders_product')
      .on('orders')
      .columns(['account_id', 'product_id', 'status'])
      .execute();

    await withId(db.schema.createTable('subscriptions'), dialect)
      .addColumn('account_id', big, (c) => c.notNull())
      .addColumn('product_id', big, (c) => c.notNull())
      .addColumn('price_id', big, (c) => c.notNull())
      .addColumn('order_id', big, (c) => c.notNull())
      .addColumn('lead_id', big, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('amount', big, (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('interval', 'text', (c) => c.notNull())
      .addColumn('interval_count', 'integer', (c) => c.notNull())
      .addColumn('installments', 'integer')
      .addColumn('gateway', 'text', (c) => c.notNull())
      .addColumn('gateway_ref', 'text')
      .addColumn('trial_ends_at', 'text')
      .addColumn('cancelled_at', 'text')
      .addColumn('cancel_source', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('subscriptions_order')
      .on('subscriptions')
      .column('order_id')
      .unique()
      .execute();
    await db.schema
      .createIndex('subscriptions_account')
      .on('subscriptions')
      .columns(['account_id', 'status', 'id'])
      .execute();
    await db.schema
      .createIndex('subscriptions_gateway_ref')
      .on('subscriptions')
      .columns(['account_id', 'gateway', 'gateway_ref'])
      .execute();

    await db.schema
      .createTable('gateway_settings')
      .addColumn('account_id', big, accountRef)
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('gateway_settings_pk', ['account_id', 'provider'])
      .execute();

    await withId(db.schema.createTable('gateway_webhooks'), dialect)
      .addColumn('account_id', big, (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('provider_created', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('order_id', big)
      .addColumn('result', 'text')
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('processed_at', 'text')
      .execute();
    await db.schema
      .createIndex('gateway_webhooks_event')
      .on('gateway_webhooks')
      .columns(['provider', 'account_id', 'event_id'])
      .unique()
      .execute();
    await db.schema
      .createIndex('gateway_webhooks_account')
      .on('gateway_webhooks')
      .columns(['account_id', 'id'])
      .execute();
  },
};
