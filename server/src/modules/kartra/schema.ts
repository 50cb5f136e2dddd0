import { z } from 'zod';

/** zod shapes of the admin side of the Kartra-compatible API (credentials and apps). */

export const credentialsOut = z.object({
  configured: z.boolean().describe('Whether an API key and password exist for this account'),
  api_key: z.string().nullable().describe('The key, masked (first and last four characters)'),
  api_password: z.string().nullable().describe('Always masked: the password is shown only once'),
  restrict_apps: z.boolean().describe('true: only registered app ids may call'),
  created_at: z.string().nullable().describe('When the current pair was made'),
});
export type CredentialsOut = z.infer<typeof credentialsOut>;

export const credentialsSecretOut = z.object({
  api_key: z.string(),
  api_password: z.string(),
});

export const credentialsPatchBody = z.object({ restrict_apps: z.boolean() });

export const APP_STATUSES = ['seen', 'registered', 'blocked'] as const;

export const appOut = z.object({
  id: z.number(),
  app_id: z.string(),
  name: z.string().nullable(),
  status: z.enum(APP_STATUSES),
  calls: z.number().describe('Calls accepted from this app'),
  refused: z.number().describe('Calls refused because the app is blocked or not registered'),
  first_seen_at: z.string().nullable(),
  last_seen_at: z.string().nullable(),
  created_at: z.string(),
});
export type AppOut = z.infer<typeof appOut>;

const appIdText = z.string().trim().min(1, 'must not be empty').max(200);
const appName = z.string().trim().max(100).nullable().optional();

export const appCreateBody = z.object({ app_id: appIdText, name: appName });
export const appPatchBody = z.object({ status: z.enum(APP_STATUSES).optional(), name: appName });
export const appsOut = z.object({ apps: z.array(appOut) });
