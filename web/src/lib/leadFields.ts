import type { CustomFieldType, GdprStatus, Lead } from '../api/types';

/**
 * Kartra's standard lead fields with their labels (server: leads/fields.ts FIELD_LABELS), in the
 * groups the lead form shows them. Email is first and required.
 */
export const FIELD_GROUPS = [
  {
    title: 'Contact',
    fields: [
      ['email', 'Email'],
      ['first_name', 'First name'],
      ['middle_name', 'Middle name'],
      ['last_name', 'Last name'],
      ['last_name2', 'Second last name'],
      ['phone_country_code', 'Phone country code'],
      ['phone', 'Phone'],
      ['company', 'Company'],
    ],
  },
  {
    title: 'Address',
    fields: [
      ['address', 'Address'],
      ['city', 'City'],
      ['zip', 'ZIP / postal code'],
      ['state', 'State'],
      ['country', 'Country'],
    ],
  },
  {
    title: 'Online',
    fields: [
      ['website', 'Website'],
      ['facebook', 'Facebook'],
      ['twitter', 'Twitter'],
      ['linkedin', 'LinkedIn'],
      ['ip', 'IP address'],
      ['lead_preferred_time_zone', 'Preferred time zone'],
    ],
  },
  {
    title: 'Other',
    fields: [
      ['sales_tax_id', 'Sales tax ID'],
      ['notes', 'Notes'],
    ],
  },
] as const;

export type StandardField = (typeof FIELD_GROUPS)[number]['fields'][number][0];
const ALL_FIELDS = FIELD_GROUPS.flatMap((g): (readonly [StandardField, string])[] => [...g.fields]);
export const STANDARD_FIELDS: StandardField[] = ALL_FIELDS.map(([f]) => f);

const labels: Record<string, string> = Object.fromEntries(ALL_FIELDS);

/** A lead column's label; also for the columns the timeline names (`gdpr_status`, `blocked`…). */
export const fieldLabel = (field: string): string =>
  labels[field] ??
  {
    score: 'Score',
    blocked: 'Blocked',
    gdpr_status: 'GDPR status',
    gdpr_date: 'GDPR date',
    gdpr_ip: 'GDPR IP address',
    custom_fields: 'Custom fields',
  }[field] ??
  field;

export const GDPR_LABELS: Record<GdprStatus, string> = {
  consented: 'Consented',
  not_consented: 'Not consented',
  unknown: 'Unknown',
};
export const GDPR_OPTIONS = (Object.keys(GDPR_LABELS) as GdprStatus[]).map((value) => ({
  value,
  label: GDPR_LABELS[value],
}));
export const gdprColor = (s: GdprStatus) =>
  s === 'consented' ? 'teal' : s === 'not_consented' ? 'orange' : 'gray';

export const CUSTOM_FIELD_TYPES: { value: CustomFieldType; label: string }[] = [
  { value: 'input_field', label: 'Text (one line)' },
  { value: 'text_area', label: 'Text area' },
  { value: 'drop_down', label: 'Drop-down' },
  { value: 'radio_button', label: 'Radio buttons' },
  { value: 'checkbox', label: 'Checkboxes' },
];
export const customTypeLabel = (t: CustomFieldType) =>
  CUSTOM_FIELD_TYPES.find((c) => c.value === t)?.label ?? t;
export const isChoiceType = (t: CustomFieldType) =>
  t === 'drop_down' || t === 'radio_button' || t === 'checkbox';

/** "Ann Lee", or "" when the lead has no name. */
export const leadName = (lead: Pick<Lead, 'first_name' | 'middle_name' | 'last_name' | 'last_name2'>) =>
  [lead.first_name, lead.middle_name, lead.last_name, lead.last_name2].filter(Boolean).join(' ');

/** Where a lead came from, in words (server: leads/fields.ts LEAD_SOURCES). */
export const SOURCE_LABELS: Record<string, string> = {
  manual: 'Added by hand',
  user: 'You',
  import: 'CSV import',
  api: 'API',
  'single-optin': 'Opt-in form',
  'double-optin': 'Opt-in form (double opt-in)',
  checkout: 'Checkout',
  helpdesk: 'Help desk',
  'affiliate-signup': 'Affiliate sign-up',
  automation: 'Automation',
  kartra_api: 'API',
};
export const sourceLabel = (s: string) => SOURCE_LABELS[s] ?? s;
