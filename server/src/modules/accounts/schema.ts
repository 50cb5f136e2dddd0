import { z } from 'zod';
import { PLAN_IDS } from '../plans/catalog.js';
import { CURRENCY_CODES, LANGUAGE_CODES } from './locales.js';

/** Shapes of the accounts API: one schema per shape, types inferred from them. */

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'must be at least 3 characters')
  .max(30, 'must be at most 30 characters')
  .regex(/^[a-z0-9-]+$/, 'may contain only lower-case letters, digits and hyphens')
  .regex(/^[a-z0-9](.*[a-z0-9])?$/, 'must start and end with a letter or digit');

export const emailSchema = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be a valid email address'));

export const passwordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(200, 'must be at most 200 characters');

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const optionalText = (max: number) => text(max).nullable().optional();

export const signupBody = z.object({
  username: usernameSchema,
  email: emailSchema,
  password: passwordSchema,
  name: text(100).min(1, 'is required'),
});

export const loginBody = z.object({
  login: z.string().trim().min(1, 'is required').max(254),
  password: z.string().min(1, 'is required').max(200),
});

export const passwordResetRequestBody = z.object({ email: z.string().trim().min(1, 'is required').max(254) });

export const changePasswordBody = z.object({
  current_password: z.string().min(1, 'is required').max(200),
  new_password: passwordSchema,
});

export const profilePatchBody = z
  .object({
    name: text(100).min(1, 'is required').optional(),
    company: optionalText(200),
    phone: optionalText(50),
    address: optionalText(300),
    city: optionalText(100),
    state: optionalText(100),
    zip: optionalText(20),
    country: optionalText(100),
    timezone: optionalText(64),
    currency: z.enum(CURRENCY_CODES, { message: `must be one of ${CURRENCY_CODES.join(', ')}` }).optional(),
    checkout_language: z
      .enum(LANGUAGE_CODES, { message: `must be one of ${LANGUAGE_CODES.join(', ')}` })
      .optional(),
    email: emailSchema.optional(),
    security_question: text(200).min(3, 'must be at least 3 characters').optional(),
    security_answer: text(200).min(1, 'is required').optional(),
    /** The current password: needed to change the email or the security question. */
    password: z.string().max(200).optional(),
  })
  .strict();

export const tokenCreateBody = z.object({ name: text(100).min(1, 'is required') });

export const accountOut = z.object({
  id: z.number(),
  username: z.string(),
  email: z.string(),
  pending_email: z.string().nullable(),
  name: z.string(),
  company: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  zip: z.string().nullable(),
  country: z.string().nullable(),
  timezone: z.string().nullable(),
  currency: z.string(),
  checkout_language: z.string(),
  plan: z.enum(PLAN_IDS),
  active: z.boolean(),
  support_code: z.string(),
  security_question: z.string().nullable(),
  has_security_answer: z.boolean(),
  created_at: z.string(),
});

export const sessionOut = z.object({
  account: accountOut,
  csrf_token: z.string(),
  must_change_password: z.boolean(),
});

export type SignupInput = z.infer<typeof signupBody>;
export type ProfilePatch = z.infer<typeof profilePatchBody>;
export type AccountOut = z.infer<typeof accountOut>;
