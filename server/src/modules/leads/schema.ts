import { z } from 'zod';
import { leadMembershipOut } from '../memberships/schema.js';
import {
  CUSTOM_FIELD_TYPES,
  FIELD_LABELS,
  GDPR_STATUSES,
  MAX_NAME_CHARS,
  maxCharsOf,
  STANDARD_FIELDS,
  TEXT_FIELDS,
  type TextField,
} from './fields.js';
import { ENCODINGS } from './import/decode.js';
import { isMappingTarget } from './import/mapping.js';

/** zod shapes of the leads API: one per shape, types inferred. */

const name = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_NAME_CHARS, `must be at most ${MAX_NAME_CHARS} characters`);
export const emailInput = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(254)
  .pipe(z.email({ message: 'is not a valid email address' }));

const textFields = Object.fromEntries(
  TEXT_FIELDS.map((f) => [
    f,
    z
      .string()
      .trim()
      .max(maxCharsOf(f), `must be at most ${maxCharsOf(f)} characters`)
      .nullable()
      .optional(),
  ]),
) as Record<TextField, z.ZodOptional<z.ZodNullable<z.ZodString>>>;

const customValue = z.union([
  z.string().max(10_000),
  z.array(z.string().max(MAX_NAME_CHARS)).max(100),
  z.null(),
]);
export const gdprInput = z.object({
  status: z.enum(GDPR_STATUSES),
  date: z.iso.datetime().nullable().optional(),
  ip: z.string().max(64).nullable().optional(),
});

export const leadCreateBody = z.object({
  email: emailInput,
  ...textFields,
  custom_fields: z.record(z.string(), customValue).optional(),
  tags: z.array(name).max(100).optional(),
  lists: z.array(name).max(100).optional(),
  score: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  blocked: z.boolean().optional(),
  gdpr: gdprInput.optional(),
});
export type LeadCreate = z.infer<typeof leadCreateBody>;

export const leadPatchBody = leadCreateBody.omit({ tags: true, lists: true }).partial();
export type LeadPatch = z.infer<typeof leadPatchBody>;

export const leadFilterQuery = z.object({
  q: z.string().trim().max(200).optional(),
  tag: z.string().trim().max(MAX_NAME_CHARS).optional(),
  list: z.string().trim().max(MAX_NAME_CHARS).optional(),
  blocked: z.enum(['true', 'false']).optional(),
  gdpr: z.enum(GDPR_STATUSES).optional(),
});
export type LeadFilter = z.infer<typeof leadFilterQuery>;

export const leadListQuery = leadFilterQuery.extend({
  cursor: z.string().regex(/^\d+$/, 'is not a cursor from this list').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const tagOut = z.object({ id: z.number(), name: z.string() });
const listMembershipOut = z.object({
  id: z.number(),
  name: z.string(),
  status: z.enum(['subscribed', 'unsubscribed']),
  subscribed_at: z.string(),
  unsubscribed_at: z.string().nullable(),
});

export const leadOut = z.object({
  id: z.number(),
  email: z.string(),
  ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f, z.string().nullable()])) as Record<
    TextField,
    z.ZodNullable<z.ZodString>
  >),
  custom_fields: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()])),
  tags: z.array(tagOut),
  lists: z.array(listMembershipOut),
  memberships: z.array(leadMembershipOut),
  score: z.number(),
  source: z.string(),
  source_id: z.string().nullable(),
  blocked: z.boolean(),
  gdpr: z.object({ status: z.enum(GDPR_STATUSES), date: z.string().nullable(), ip: z.string().nullable() }),
  created_at: z.string(),
  updated_at: z.string(),
});
export type LeadOut = z.infer<typeof leadOut>;

export const timelineEntryOut = z.object({
  id: z.number(),
  at: z.string(),
  kind: z.string(),
  source: z.string(),
  source_id: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export const timelineOut = z.object({
  entries: z.array(timelineEntryOut),
  next_cursor: z.string().nullable(),
});

export const leadDetailOut = leadOut.extend({ timeline: z.array(timelineEntryOut) });
export const leadPageOut = z.object({ leads: z.array(leadOut), next_cursor: z.string().nullable() });

export const nameBody = z.object({ name });
export const namedOut = z.object({
  id: z.number(),
  name: z.string(),
  leads: z.number(),
  created_at: z.string(),
});
export const tagBody = z.object({ tag: name });
export const listBody = z.object({ list: name });

export const BULK_ACTIONS = [
  'tag',
  'untag',
  'subscribe',
  'unsubscribe',
  'block',
  'unblock',
  'delete',
] as const;
export const bulkBody = z
  .object({
    ids: z.array(z.number().int().positive()).min(1).max(1000),
    action: z.enum(BULK_ACTIONS),
    tag: name.optional(),
    list: name.optional(),
  })
  .refine((b) => !['tag', 'untag'].includes(b.action) || b.tag, {
    message: 'tag is required for this action',
    path: ['tag'],
  })
  .refine((b) => !['subscribe', 'unsubscribe'].includes(b.action) || b.list, {
    message: 'list is required for this action',
    path: ['list'],
  });
export type BulkAction = z.infer<typeof bulkBody>;

export const customFieldBody = z
  .object({
    identifier: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'may hold letters, digits, dashes and underscores (at most 64)'),
    label: z.string().trim().min(1).max(MAX_NAME_CHARS).optional(),
    type: z.enum(CUSTOM_FIELD_TYPES),
    options: z.array(name).max(500).optional(),
  })
  .refine(
    (b) => !['drop_down', 'radio_button', 'checkbox'].includes(b.type) || (b.options?.length ?? 0) >= 2,
    {
      message: 'a choice field needs two or more options',
      path: ['options'],
    },
  );
export const customFieldPatchBody = z.object({
  label: z.string().trim().min(1).max(MAX_NAME_CHARS).optional(),
  add_options: z.array(name).max(500).optional(),
});
export const customFieldOut = z.object({
  id: z.number(),
  identifier: z.string(),
  label: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(z.object({ id: z.number(), value: z.string() })),
  created_at: z.string(),
});
export type CustomFieldOut = z.infer<typeof customFieldOut>;

// Imports

export const mappingTarget = z.string().refine(isMappingTarget, {
  message: `must be a lead field (${STANDARD_FIELDS.join(', ')}), full_name, tags, lists, blocked, score, custom:<identifier> or null`,
});

export const importOptions = z.object({
  mapping: z.record(z.string(), mappingTarget.nullable()).optional(),
  tags: z.array(name).max(50).default([]),
  lists: z.array(name).max(50).default([]),
  gdpr: z.enum(GDPR_STATUSES).default('unknown'),
  update_existing: z.boolean().default(false),
  encoding: z.enum(ENCODINGS).optional(),
});
export type ImportOptionsInput = z.input<typeof importOptions>;
/** Stored with the import: the mapping is always complete (every header, suggested or given). */
export type ImportOptions = Omit<z.infer<typeof importOptions>, 'mapping'> & {
  mapping: Record<string, string | null>;
};
export const storedImportOptions = importOptions.extend({
  mapping: z.record(z.string(), z.string().nullable()),
});

export const previewOut = z.object({
  file_name: z.string(),
  encoding: z.enum(ENCODINGS),
  delimiter: z.string(),
  columns: z.array(z.string()),
  data_columns: z.number(),
  max_data_columns: z.number().nullable(),
  total_rows: z.number(),
  suggested_mapping: z.record(z.string(), z.string().nullable()),
  sample_rows: z.array(z.array(z.string())),
});

export const IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export const importOut = z.object({
  id: z.number(),
  status: z.enum(IMPORT_STATUSES),
  file_name: z.string(),
  encoding: z.string(),
  delimiter: z.string(),
  columns: z.array(z.string()),
  options: z.object({
    mapping: z.record(z.string(), z.string().nullable()),
    tags: z.array(z.string()),
    lists: z.array(z.string()),
    gdpr: z.enum(GDPR_STATUSES),
    update_existing: z.boolean(),
  }),
  total_rows: z.number(),
  processed_rows: z.number(),
  created: z.number(),
  updated: z.number(),
  skipped: z.number(),
  duplicates: z.number(),
  failed: z.number(),
  blocked: z.number(),
  error_count: z.number(),
  errors: z.array(z.object({ row: z.number(), email: z.string().nullable(), message: z.string() })),
  error: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});
export type ImportOut = z.infer<typeof importOut>;

export const importTargetsOut = z.object({
  fields: z.array(
    z.object({ value: z.string(), label: z.string(), kind: z.enum(['standard', 'special', 'custom']) }),
  ),
});

export { FIELD_LABELS };
