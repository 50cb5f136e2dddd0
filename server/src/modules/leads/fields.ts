/** The words of a lead shared by the API, the import and the export: fields, limits, e-mail rules. */

/** Kartra's standard lead fields, in Kartra's order (API.md "Leads"). */
export const STANDARD_FIELDS = [
  'email',
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
] as const;
export type StandardField = (typeof STANDARD_FIELDS)[number];
/** Every standard field but e-mail: the optional text columns of `leads`. */
export const TEXT_FIELDS = STANDARD_FIELDS.filter((f) => f !== 'email') as Exclude<StandardField, 'email'>[];
export type TextField = (typeof TEXT_FIELDS)[number];

export const FIELD_LABELS: Record<StandardField, string> = {
  email: 'Email',
  first_name: 'First name',
  middle_name: 'Middle name',
  last_name: 'Last name',
  last_name2: 'Second last name',
  phone: 'Phone',
  phone_country_code: 'Phone country code',
  company: 'Company',
  address: 'Address',
  city: 'City',
  zip: 'ZIP / postal code',
  state: 'State',
  country: 'Country',
  website: 'Website',
  facebook: 'Facebook',
  twitter: 'Twitter',
  linkedin: 'LinkedIn',
  ip: 'IP address',
  lead_preferred_time_zone: 'Preferred time zone',
  sales_tax_id: 'Sales tax ID',
  notes: 'Notes',
};

/** Kartra stores at most 255 characters a field; notes may be longer. */
export const MAX_FIELD_CHARS = 255;
export const MAX_NOTES_CHARS = 10_000;
export const maxCharsOf = (f: StandardField): number => (f === 'notes' ? MAX_NOTES_CHARS : MAX_FIELD_CHARS);

export const GDPR_STATUSES = ['consented', 'not_consented', 'unknown'] as const;
export type GdprStatus = (typeof GDPR_STATUSES)[number];

export const CUSTOM_FIELD_TYPES = [
  'input_field',
  'text_area',
  'drop_down',
  'radio_button',
  'checkbox',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];
export const isChoiceType = (t: string): boolean =>
  t === 'drop_down' || t === 'radio_button' || t === 'checkbox';

/**
 * Where a lead came from (Kartra's `source` words plus ours). `import` and `api` carry the import
 * or token id in `source_id`.
 */
export const LEAD_SOURCES = [
  'manual',
  'import',
  'api',
  'single-optin',
  'double-optin',
  'checkout',
  'helpdesk',
  'affiliate-signup',
] as const;

/**
 * A pragmatic address check: one @, a non-empty local part without spaces, a domain with a dot and
 * letters-only top-level label. What mail servers accept is wider, what lists should hold is not.
 */
const EMAIL_RE =
  /^[^\s@"(),:;<>[\\\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$/;

export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL_RE.test(email) && !email.includes('..');
}

/** E-mail compared case-insensitively: the unique key of a lead in its account. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** Tag, list and option names are compared without case and surrounding or repeated spaces. */
export const normalizeName = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();
export const cleanName = (name: string): string => name.trim().replace(/\s+/g, ' ');

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 'x', 'blocked', 'blacklisted', 'on', 'checked']);
const FALSE_WORDS = new Set(['', '0', 'false', 'no', 'n', 'off', 'unblocked', 'active']);

/** A spreadsheet's idea of yes/no; undefined when the cell says neither. */
export function parseFlag(v: string): boolean | undefined {
  const w = v.trim().toLowerCase();
  if (TRUE_WORDS.has(w)) return true;
  if (FALSE_WORDS.has(w)) return false;
  return undefined;
}

/** Splits a tags/lists cell on `;` or `,` (Kartra asks for `;`; other tools export `,`). */
export function splitNames(cell: string): string[] {
  if (!cell) return [];
  // Fast path: plain names separated by ; or , without quotes or doubled spaces.
  if (!cell.includes('"') && !cell.includes('  ') && !cell.includes('\t')) {
    const out: string[] = [];
    let start = 0;
    for (let i = 0; i <= cell.length; i++) {
      const c = i < cell.length ? cell.charCodeAt(i) : 59;
      if (c === 59 || c === 44) {
        const name = cell.slice(start, i).trim();
        if (name) out.push(name);
        start = i + 1;
      }
    }
    return out;
  }
  const out: string[] = [];
  for (const part of cell.split(/[;,]/)) {
    // Mailchimp writes TAGS as "Tag one","Tag two": drop the quotes around each name.
    const name = cleanName(part.trim().replace(/^"+|"+$/g, ''));
    if (name) out.push(name);
  }
  return out;
}

/** Names can hold any printable text up to 100 characters. */
export const MAX_NAME_CHARS = 100;
