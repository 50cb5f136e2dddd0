import { STANDARD_FIELDS, type StandardField } from '../fields.js';

/**
 * Where a column goes: a standard field, `full_name` (split into first and last name), `tags` or
 * `lists` (cell split on `;` or `,`), `blocked`, `score`, `custom:<identifier>`, or null (ignored).
 */
export type MappingTarget =
  | StandardField
  | 'full_name'
  | 'tags'
  | 'lists'
  | 'blocked'
  | 'score'
  | `custom:${string}`;
export const SPECIAL_TARGETS = ['full_name', 'tags', 'lists', 'blocked', 'score'] as const;

export const isMappingTarget = (v: string): v is MappingTarget =>
  (STANDARD_FIELDS as readonly string[]).includes(v) ||
  (SPECIAL_TARGETS as readonly string[]).includes(v) ||
  /^custom:[A-Za-z0-9_-]{1,64}$/.test(v);

/**
 * A header reduced to its letters and digits, lower case, without a trailing "(handle)" as Kajabi
 * writes custom fields ("Phone Number (phone_number)").
 */
export function headerKey(header: string): string {
  return header
    .replace(/\s*\([^)]*\)\s*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Headers of common exports and what they mean. Sources: the documented export columns of
 * Mailchimp (audience export), ActiveCampaign (contacts export), ConvertKit/Kit (subscribers),
 * Kajabi (people; "Label (handle)" custom fields), Teachable (users), Kartra (leads), Ghost
 * (members), HubSpot (contacts), and generic names (FNAME, E-mail Address, …).
 * Fixtures of each live in server/test/fixtures/leads/.
 */
const SYNONYMS: Record<string, MappingTarget> = {};
const add = (target: MappingTarget, ...headers: string[]) => {
  for (const h of headers) SYNONYMS[headerKey(h)] = target;
};
add(
  'email',
  'email',
  'e-mail',
  'email address',
  'e-mail address',
  'emailaddress',
  'email_address',
  'mail',
  'primary email',
  'contact email',
  'subscriber email',
  'user email',
  'Email (email)',
);
add('first_name', 'first name', 'firstname', 'first_name', 'fname', 'given name', 'forename', 'first');
add('middle_name', 'middle name', 'middlename', 'middle_name', 'mname', 'middle initial');
add('last_name', 'last name', 'lastname', 'last_name', 'lname', 'surname', 'family name', 'last');
add('last_name2', 'last name 2', 'last_name2', 'second last name', 'last name2');
add(
  'full_name',
  'name',
  'full name',
  'fullname',
  'full_name',
  'contact name',
  'subscriber name',
  'student name',
  'member name',
  'display name',
);
add(
  'phone',
  'phone',
  'phone number',
  'phonenumber',
  'phone_number',
  'telephone',
  'tel',
  'mobile',
  'mobile phone',
  'mobile phone number',
  'cell',
  'cell phone',
  'cell number',
  'office number',
  'work phone',
  'sms',
  'whatsapp',
);
add(
  'phone_country_code',
  'phone country code',
  'phone_country_code',
  'country code',
  'dial code',
  'country calling code',
);
add(
  'company',
  'company',
  'company name',
  'organization',
  'organisation',
  'org',
  'account',
  'business',
  'business name',
  'employer',
  'associated company',
);
add(
  'address',
  'address',
  'street',
  'street address',
  'address line 1',
  'address1',
  'address_1',
  'address line',
  'mailing street',
  'address_line_1',
  'billing address',
);
add('city', 'city', 'town', 'address city', 'mailing city', 'locality');
add(
  'zip',
  'zip',
  'zip code',
  'zipcode',
  'postal code',
  'postcode',
  'post code',
  'postal',
  'address zip',
  'mailing zip',
);
add(
  'state',
  'state',
  'state/region',
  'region',
  'province',
  'county',
  'state province',
  'address state',
  'mailing state',
);
add('country', 'country', 'country/region', 'country name', 'address country', 'mailing country', 'cc');
add('website', 'website', 'website url', 'web site', 'url', 'homepage', 'site', 'web');
add('facebook', 'facebook', 'facebook url', 'facebook profile');
add('twitter', 'twitter', 'twitter handle', 'twitter username', 'x handle');
add('linkedin', 'linkedin', 'linkedin url', 'linkedin profile');
add(
  'ip',
  'ip',
  'ip address',
  'ipaddress',
  'signup ip',
  'optin_ip',
  'confirm_ip',
  'ip_signup',
  'ip_opt',
  'last ip',
);
add(
  'lead_preferred_time_zone',
  'time zone',
  'timezone',
  'tz',
  'preferred time zone',
  'lead preferred time zone',
  'lead_preferred_time_zone',
);
add('sales_tax_id', 'sales tax id', 'tax id', 'vat', 'vat number', 'vat id', 'sales_tax_id');
add('notes', 'notes', 'note', 'comments', 'comment', 'description');
add('tags', 'tags', 'tag', 'labels', 'label', 'tag names', 'segments');
add(
  'lists',
  'lists',
  'list',
  'list name',
  'list names',
  'lists subscribed',
  'audience',
  'audiences',
  'newsletters',
);
add('blocked', 'blocked', 'blacklisted', 'is blocked', 'blocklisted', 'do not email', 'do not contact');
add('score', 'score', 'points', 'lead score', 'lead points');

export type CustomFieldRef = { identifier: string; label: string };

/**
 * The suggested mapping of a header: recognised names first, then the account's custom fields by
 * identifier or label. Each target is suggested once (the first column wins), and `full_name` is
 * dropped when first or last name have their own columns (Kajabi exports all three).
 */
export function suggestMapping(
  header: string[],
  customFields: CustomFieldRef[] = [],
): Record<string, MappingTarget | null> {
  const custom = new Map<string, string>();
  for (const f of customFields) {
    custom.set(headerKey(f.identifier), f.identifier);
    custom.set(headerKey(f.label), f.identifier);
  }
  const used = new Set<string>();
  const out: Record<string, MappingTarget | null> = {};
  for (const h of header) {
    if (h in out) continue; // duplicate header names: the first one only
    const key = headerKey(h);
    // Kajabi's "Label (handle)": the handle names a custom field too.
    const handle = /\(([^)]*)\)\s*$/.exec(h)?.[1];
    let target: MappingTarget | null = SYNONYMS[key] ?? null;
    const customId = custom.get(key) ?? (handle ? custom.get(headerKey(handle)) : undefined);
    if (!target && customId) target = `custom:${customId}`;
    if (target && used.has(target)) target = null;
    if (target) used.add(target);
    out[h] = target;
  }
  // ConvertKit/Kit's `state` is the subscriber's state (active, cancelled…), not a region.
  if (
    header.includes('email_address') &&
    out.state === 'state' &&
    !header.some((h) => ['city', 'zip', 'country'].includes(headerKey(h)))
  ) {
    out.state = null;
  }
  if (used.has('full_name') && (used.has('first_name') || used.has('last_name'))) {
    for (const h of Object.keys(out)) if (out[h] === 'full_name') out[h] = null;
  }
  return out;
}

/** "Ada King Lovelace" → first "Ada King", last "Lovelace"; one word is a first name. */
export function splitFullName(full: string): { first: string; last: string } {
  const name = full.trim().replace(/\s+/g, ' ');
  const at = name.lastIndexOf(' ');
  return at === -1 ? { first: name, last: '' } : { first: name.slice(0, at), last: name.slice(at + 1) };
}
