import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/app.js';
import { fixture, importAll, leadsOf, preview } from './testkit.js';

/**
 * Exports of the platforms people move from: the suggested mapping recognises their columns and
 * the import reads them into the right fields. Fixtures (server/test/fixtures/leads) follow each
 * platform's documented export columns.
 */
const EXPECTED: Record<string, Record<string, string | null>> = {
  'mailchimp.csv': {
    'Email Address': 'email',
    'First Name': 'first_name',
    'Last Name': 'last_name',
    Address: 'address',
    'Phone Number': 'phone',
    Birthday: null,
    MEMBER_RATING: null,
    OPTIN_TIME: null,
    OPTIN_IP: 'ip',
    CONFIRM_TIME: null,
    CONFIRM_IP: null,
    LATITUDE: null,
    LONGITUDE: null,
    GMTOFF: null,
    DSTOFF: null,
    TIMEZONE: 'lead_preferred_time_zone',
    CC: 'country',
    REGION: 'state',
    LAST_CHANGED: null,
    LEID: null,
    EUID: null,
    NOTES: 'notes',
    TAGS: 'tags',
  },
  'activecampaign.csv': {
    'Contact ID': null,
    Email: 'email',
    'First Name': 'first_name',
    'Last Name': 'last_name',
    Phone: 'phone',
    Account: 'company',
    Tags: 'tags',
    'Date Created': null,
    'Date Updated': null,
    'IP Address': 'ip',
  },
  'convertkit.csv': {
    id: null,
    first_name: 'first_name',
    email_address: 'email',
    state: null,
    created_at: null,
    tags: 'tags',
  },
  'kajabi.csv': {
    ID: null,
    Name: null,
    'First Name': 'first_name',
    'Last Name': 'last_name',
    Email: 'email',
    'Phone Number (phone_number)': 'phone',
    'Address (address_line_1)': 'address',
    'Address Line 2 (address_line_2)': null,
    'City (address_city)': 'city',
    'State (address_state)': 'state',
    'Zip Code (address_zip)': 'zip',
    'Country (address_country)': 'country',
    Tags: 'tags',
    Products: null,
    'Created At': null,
    'Last Activity': null,
  },
  'teachable.csv': {
    Id: null,
    Name: 'full_name',
    Email: 'email',
    'Signed Up At': null,
    'Last Sign In At': null,
    'Sign In Count': null,
    Tags: 'tags',
    Src: null,
    'Unsubscribed From Marketing Emails': null,
  },
  'kartra.csv': {
    'First Name': 'first_name',
    'Middle Name': 'middle_name',
    'Last Name': 'last_name',
    'Last Name 2': 'last_name2',
    Email: 'email',
    'Phone Country Code': 'phone_country_code',
    Phone: 'phone',
    Company: 'company',
    Address: 'address',
    City: 'city',
    State: 'state',
    Zip: 'zip',
    Country: 'country',
    IP: 'ip',
    Website: 'website',
    Facebook: 'facebook',
    Twitter: 'twitter',
    LinkedIn: 'linkedin',
    'Lead Preferred Time Zone': 'lead_preferred_time_zone',
    'Sales Tax ID': 'sales_tax_id',
    Notes: 'notes',
    Score: 'score',
    Source: null,
    'Date Joined': null,
    Tags: 'tags',
    Lists: 'lists',
    Blacklisted: 'blocked',
  },
  'ghost.csv': {
    id: null,
    email: 'email',
    name: 'full_name',
    note: 'notes',
    subscribed_to_emails: null,
    complimentary_plan: null,
    stripe_customer_id: null,
    created_at: null,
    deleted_at: null,
    labels: 'tags',
    tiers: null,
  },
  'hubspot.csv': {
    'Record ID': null,
    'First Name': 'first_name',
    'Last Name': 'last_name',
    Email: 'email',
    'Phone Number': 'phone',
    'Company Name': 'company',
    'Street Address': 'address',
    City: 'city',
    'State/Region': 'state',
    'Postal Code': 'zip',
    'Country/Region': 'country',
    'Website URL': 'website',
    'Lead Status': null,
    'Lifecycle Stage': null,
    'Create Date': null,
    'Contact owner': null,
    'Last Activity Date': null,
  },
  'generic-semicolon.csv': {
    'E-mail Address': 'email',
    FNAME: 'first_name',
    LNAME: 'last_name',
    PHONE: 'phone',
  },
};

/** What Ada's lead holds after importing each file. */
const ADA: Record<string, Record<string, unknown>> = {
  'mailchimp.csv': {
    first_name: 'Ada',
    last_name: 'Lovelace',
    phone: '+44 20 7946 0000',
    ip: '81.2.69.160',
    country: 'GB',
    state: 'England',
    lead_preferred_time_zone: 'Europe/London',
    notes: 'Met at the Analytical Engine meetup',
    tags: ['Customers', 'VIP'],
  },
  'activecampaign.csv': {
    first_name: 'Ada',
    company: 'Analytical Engines Ltd',
    ip: '81.2.69.160',
    tags: ['customer', 'vip'],
  },
  'convertkit.csv': { first_name: 'Ada', last_name: null, tags: ['customer', 'vip'] },
  'kajabi.csv': {
    first_name: 'Ada',
    last_name: 'Lovelace',
    phone: '+44 20 7946 0000',
    address: "12 St James's Square",
    city: 'London',
    zip: 'SW1Y 4JH',
    country: 'GB',
    tags: ['customer', 'vip'],
  },
  'teachable.csv': { first_name: 'Ada', last_name: 'Lovelace', tags: ['customer', 'vip'] },
  'kartra.csv': {
    first_name: 'Ada',
    middle_name: 'King',
    last_name: 'Lovelace',
    phone_country_code: '+44',
    phone: '20 7946 0000',
    company: 'Analytical Engines Ltd',
    website: 'https://ada.example.com',
    twitter: '@ada',
    sales_tax_id: 'GB123',
    score: 40,
    blocked: false,
    tags: ['customer', 'vip'],
    lists: ['Engine owners', 'Newsletter'],
  },
  'ghost.csv': {
    first_name: 'Ada',
    last_name: 'Lovelace',
    notes: 'VIP, early backer',
    tags: ['customer', 'vip'],
  },
  'hubspot.csv': {
    first_name: 'Ada',
    company: 'Analytical Engines Ltd',
    address: "12 St James's Square",
    state: 'England',
    zip: 'SW1Y 4JH',
    country: 'United Kingdom',
    website: 'https://ada.example.com',
  },
  'generic-semicolon.csv': { first_name: 'Ada', last_name: 'Lovelace', phone: '+44 20 7946 0000' },
};

describe('exports of other platforms', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  for (const [file, mapping] of Object.entries(EXPECTED)) {
    it(`recognises and imports ${file}`, async () => {
      const s: Session = await t.signup(
        `fmt-${file
          .replace(/kartra/, 'kt')
          .replace(/[^a-z]/g, '')
          .slice(0, 20)}`,
      );
      const p = await preview(t, s, fixture(file));
      expect(p.statusCode).toBe(200);
      expect(p.json().suggested_mapping).toEqual(mapping);
      expect(p.json().total_rows).toBe(2);
      const result = await importAll(t, s, fixture(file));
      expect(result).toMatchObject({ status: 'completed', created: 2, failed: 0, errors: [] });
      const leads = await leadsOf(t, s);
      const ada = leads.find((l) => l.email === 'ada@example.com')!;
      const { tags, lists, ...fields } = ADA[file]!;
      expect(ada).toMatchObject(fields);
      if (tags) expect(ada.tags.map((x: { name: string }) => x.name).sort()).toEqual(tags);
      if (lists) expect(ada.lists.map((x: { name: string }) => x.name).sort()).toEqual(lists);
      if (file === 'kartra.csv')
        expect(leads.find((l) => l.email === 'grace@example.com')!.blocked).toBe(true);
    });
  }
});
