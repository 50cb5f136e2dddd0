import { accountRef, bigint, type PortableMigration, withId } from './helpers.js';

/**
 * Leads (CRM): leads with Kartra's standard fields, tags, lists, custom fields and their options,
 * the timeline, and CSV imports (their uploaded file in chunks, progress and per-row errors).
 * See docs/leads.md.
 *
 * The link tables (lead_tags, lead_lists) and lead_timeline carry no foreign keys: they are the
 * import's hottest inserts (3 + 2 + 1 a lead) and SQLite's per-row FK checks cost ~20 % of the
 * import. Integrity is kept by the code that writes them (ids it just read or wrote, in the same
 * transaction); deleting a tag or list deletes its links explicitly; leads are only soft-deleted.
 */
export const leads: PortableMigration = {
  async up(db, dialect) {
    const big = bigint(dialect);
    let leadsTable = withId(db.schema.createTable('leads'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('email_normalized', 'text', (c) => c.notNull());
    for (const f of [
      'first_name',
      'middle_name',
      'last_name',
      'last_name2',
      'phone',
      'phone_country_code',
      'company',
      'address',
      'city',
      'zip',
      'state',
      'country',
      'website',
      'facebook',
      'twitter',
      'linkedin',
      'ip',
      'lead_preferred_time_zone',
      'sales_tax_id',
      'notes',
    ]) {
      leadsTable = leadsTable.addColumn(f, 'text');
    }
    await leadsTable
      .addColumn('custom_fields', 'text')
      .addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text')
      .addColumn('blocked', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('gdpr_status', 'text', (c) => c.notNull().defaultTo('unknown'))
      .addColumn('gdpr_date', 'text')
      .addColumn('gdpr_ip', 'text')
      .addColumn('last_import_id', big)
      .addColumn('last_import_row', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('deleted_at', 'text')
      .execute();
    await db.schema
      .createIndex('leads_account_email')
      .on('leads')
      .columns(['account_id', 'email_normalized'])
      .unique()
      .execute();
    await db.schema.createIndex('leads_account_id').on('leads').columns(['account_id', 'id']).execute();

    for (const table of ['tags', 'lists']) {
      await withId(db.schema.createTable(table), dialect)
        .addColumn('account_id', big, accountRef)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_normalized', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex(`${table}_account_name`)
        .on(table)
        .columns(['account_id', 'name_normalized'])
        .unique()
        .execute();
    }

    await db.schema
      .createTable('lead_tags')
      .addColumn('lead_id', big, (c) => c.notNull())
      .addColumn('tag_id', big, (c) => c.notNull())
      .addColumn('account_id', big, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('lead_tags_pk', ['lead_id', 'tag_id'])
      .execute();
    await db.schema.createIndex('lead_tags_tag').on('lead_tags').columns(['tag_id', 'lead_id']).execute();

    await db.schema
      .createTable('lead_lists')
      .addColumn('lead_id', big, (c) => c.notNull())
      .addColumn('list_id', big, (c) => c.notNull())
      .addColumn('account_id', big, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('subscribed_at', 'text', (c) => c.notNull())
      .addColumn('unsubscribed_at', 'text')
      .addPrimaryKeyConstraint('lead_lists_pk', ['lead_id', 'list_id'])
      .execute();
    await db.schema.createIndex('lead_lists_list').on('lead_lists').columns(['list_id', 'lead_id']).execute();

    await withId(db.schema.createTable('custom_fields'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('identifier', 'text', (c) => c.notNull())
      .addColumn('identifier_normalized', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('custom_fields_account_identifier')
      .on('custom_fields')
      .columns(['account_id', 'identifier_normalized'])
      .unique()
      .execute();

    await withId(db.schema.createTable('custom_field_options'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('field_id', big, (c) => c.notNull().references('custom_fields.id').onDelete('cascade'))
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('value_normalized', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('custom_field_options_value')
      .on('custom_field_options')
      .columns(['field_id', 'value_normalized'])
      .unique()
      .execute();

    await withId(db.schema.createTable('lead_timeline'), dialect)
      .addColumn('account_id', big, (c) => c.notNull())
      .addColumn('lead_id', big, (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text')
      .execute();
    await db.schema
      .createIndex('lead_timeline_lead')
      .on('lead_timeline')
      .columns(['lead_id', 'id'])
      .execute();

    await withId(db.schema.createTable('lead_imports'), dialect)
      .addColumn('account_id', big, accountRef)
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('file_bytes', big, (c) => c.notNull().defaultTo(0))
      .addColumn('encoding', 'text', (c) => c.notNull())
      .addColumn('delimiter', 'text', (c) => c.notNull())
      .addColumn('columns', 'text', (c) => c.notNull())
      .addColumn('options', 'text', (c) => c.notNull())
      .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('blocked', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema
      .createIndex('lead_imports_account')
      .on('lead_imports')
      .columns(['account_id', 'id'])
      .execute();

    await db.schema
      .createTable('lead_import_chunks')
      .addColumn('import_id', big, (c) => c.notNull().references('lead_imports.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
      .addPrimaryKeyConstraint('lead_import_chunks_pk', ['import_id', 'seq'])
      .execute();

    await withId(db.schema.createTable('lead_import_errors'), dialect)
      .addColumn('import_id', big, (c) => c.notNull().references('lead_imports.id').onDelete('cascade'))
      .addColumn('row', 'integer', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('fields', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('lead_import_errors_import')
      .on('lead_import_errors')
      .columns(['import_id', 'row'])
      .execute();
  },
};
