import { z } from 'zod';

/** zod shapes of the custom domains API: one per shape, types inferred. */

export const domainCreateBody = z.object({
  hostname: z.string().max(300, 'must be at most 300 characters'),
});

export const idParam = z.object({ id: z.coerce.number().int().positive() });

export const checkOut = z.object({
  name: z.enum(['cname', 'conflicts', 'forwarding']),
  ok: z.boolean(),
  expected: z.string(),
  found: z.string(),
  hint: z.string().nullable(),
});
/** Stored checks (JSON column) are read back through the same schema. */
export const storedChecks = z.array(checkOut);

export const instructionsOut = z.object({
  /** The DNS records to create at the domain's DNS provider. */
  records: z.array(
    z.object({
      type: z.literal('CNAME'),
      /** The record's name as DNS providers ask for it (`www`, `sales`). */
      name: z.string(),
      /** The full name (`www.example.com`). */
      host: z.string(),
      value: z.string(),
    }),
  ),
  /** Root kind: the forwarding of the apex to www, at the registrar. */
  forwarding: z
    .object({
      from: z.string(),
      to: z.string(),
      status: z.literal(301),
      keep_path: z.literal(true),
    })
    .nullable(),
  /** The same, in words, step by step. */
  steps: z.array(z.string()),
});

export const domainOut = z.object({
  id: z.number(),
  /** ASCII (punycode) form. */
  hostname: z.string(),
  /** As people read it (Unicode). */
  display_hostname: z.string(),
  kind: z.enum(['root', 'subdomain']),
  apex: z.string().nullable(),
  /** Where the CNAME points: `{username}.PLATFORM_DOMAIN`. */
  target: z.string(),
  status: z.enum(['pending', 'active']),
  /** Pending: when the domain is removed unless its DNS is right by then. */
  expires_at: z.string().nullable(),
  created_at: z.string(),
  activated_at: z.string().nullable(),
  last_checked_at: z.string().nullable(),
  next_check_at: z.string().nullable(),
  checks: z.array(checkOut).nullable(),
  instructions: instructionsOut,
  /** The site's address on this domain. */
  url: z.string(),
});
export type DomainOut = z.infer<typeof domainOut>;

export const checkResultOut = z.object({
  status: z.enum(['pending', 'active']),
  checks: z.array(checkOut),
  domain: domainOut,
});
