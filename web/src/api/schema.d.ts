/**
 * Hand-written placeholder in openapi-typescript's format, matching the admin API contract.
 * `npm run gen:api` overwrites this file with types generated from the server's OpenAPI document.
 */

type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type Empty = { headers: { [name: string]: unknown }; content?: never };
type Body<T> = { content: { 'application/json': T } };
type Err = Json<components['schemas']['Error']>;
type Unused = { put?: never; head?: never; options?: never; trace?: never };

export interface paths {
  '/api/v1/session': {
    parameters: NoParams;
    get: {
      parameters: NoParams;
      requestBody?: never;
      responses: { 200: Json<components['schemas']['Session']>; 401: Err };
    };
    post?: never;
    patch?: never;
    delete?: never;
  } & Unused;
  '/api/v1/signup': {
    parameters: NoParams;
    get?: never;
    post: {
      parameters: NoParams;
      requestBody: Body<{ username: string; email: string; password: string; name: string }>;
      responses: { 201: Json<components['schemas']['Session']>; 400: Err; 409: Err };
    };
    patch?: never;
    delete?: never;
  } & Unused;
  '/api/v1/login': {
    parameters: NoParams;
    get?: never;
    post: {
      parameters: NoParams;
      requestBody: Body<{ login: string; password: string }>;
      responses: { 200: Json<components['schemas']['Session']>; 401: Err; 403: Err; 429: Err };
    };
    patch?: never;
    delete?: never;
  } & Unused;
  '/api/v1/logout': {
    parameters: NoParams;
    get?: never;
    post: { parameters: NoParams; requestBody?: never; responses: { 204: Empty } };
    patch?: never;
    delete?: never;
  } & Unused;
  '/api/v1/password-reset': {
    parameters: NoParams;
    get?: never;
    post: {
      parameters: NoParams;
      requestBody: Body<{ email: string }>;
      responses: { 202: Json<{ ok: boolean }>; 400: Err };
    };
    patch?: never;
    delete?: never;
  } & Unused;
  '/api/v1/password-reset/{token}': {
    parameters: { query?: never; header?: never; path: { token: string }; cookie?: never };
    get?: never;
    post: {
      parameters: { query?: never; header?: never; path: { token: string }; cookie?: never };
      requestBody?: never;
      responses: { 200: Json<{ temporary_password: string; login: string }>; 404: Err };
    };
    patch?: never;
    delete?: never;
  } & Unused;
  '/api/v1/me': {
    parameters: NoParams;
    get: { parameters: NoParams; requestBody?: never; responses: { 200: Json<components['schemas']['Account']> } };
    post?: never;
    patch: {
      parameters: NoParams;
      requestBody: Body<components['schemas']['AccountPatch']>;
      responses: { 200: Json<components['schemas']['Account']>; 400: Err; 403: Err; 409: Err };
    };
    delete?: never;
  } & Unused;
  '/api/v1/me/password': {
    parameters: NoParams;
    get?: never;
    post: {
      parameters: NoParams;
      requestBody: Body<{ current_password: string; new_password: string }>;
      responses: { 200: Json<components['schemas']['Session']>; 400: Err; 403: Err };
    };
    patch?: never;
    delete?: never;
  } & Unused;
  '/api/v1/me/support-code': {
    parameters: NoParams;
    get?: never;
    post: {
      parameters: NoParams;
      requestBody?: never;
      responses: { 200: Json<{ support_code: string }> };
    };
    patch?: never;
    delete?: never;
  } & Unused;
  '/api/v1/me/plan': {
    parameters: NoParams;
    get: {
      parameters: NoParams;
      requestBody?: never;
      responses: {
        200: Json<{
          plan: { id: string; name: string };
          limits: { [key: string]: number | boolean | null };
          usage: { [key: string]: number };
        }>;
      };
    };
    post?: never;
    patch?: never;
    delete?: never;
  } & Unused;
  '/api/v1/plans': {
    parameters: NoParams;
    get: {
      parameters: NoParams;
      requestBody?: never;
      responses: {
        200: Json<{
          plans: { id: string; name: string; limits: { [key: string]: number | boolean | null } }[];
        }>;
      };
    };
    post?: never;
    patch?: never;
    delete?: never;
  } & Unused;
  '/api/v1/email-change/{token}': {
    parameters: { query?: never; header?: never; path: { token: string }; cookie?: never };
    get?: never;
    post: {
      parameters: { query?: never; header?: never; path: { token: string }; cookie?: never };
      requestBody?: never;
      responses: { 200: Json<components['schemas']['Account']>; 404: Err; 409: Err };
    };
    patch?: never;
    delete?: never;
  } & Unused;
  '/api/v1/options': {
    parameters: NoParams;
    get: {
      parameters: NoParams;
      requestBody?: never;
      responses: {
        200: Json<{ currencies: { code: string; name: string }[]; languages: { code: string; name: string }[] }>;
      };
    };
    post?: never;
    patch?: never;
    delete?: never;
  } & Unused;
  '/api/v1/tokens': {
    parameters: NoParams;
    get: {
      parameters: NoParams;
      requestBody?: never;
      responses: {
        200: Json<{
          tokens: { id: number; name: string; created_at: string; last_used_at: string | null }[];
        }>;
      };
    };
    post: {
      parameters: NoParams;
      requestBody: Body<{ name: string }>;
      responses: { 201: Json<{ id: number; name: string; token: string }>; 400: Err };
    };
    patch?: never;
    delete?: never;
  } & Unused;
  '/api/v1/tokens/{id}': {
    parameters: { query?: never; header?: never; path: { id: number }; cookie?: never };
    get?: never;
    post?: never;
    patch?: never;
    delete: {
      parameters: { query?: never; header?: never; path: { id: number }; cookie?: never };
      requestBody?: never;
      responses: { 204: Empty; 404: Err };
    };
  } & Unused;
}

export interface components {
  schemas: {
    Error: { error: { code: string; message: string; details?: unknown } };
    Account: {
      id: number;
      username: string;
      email: string;
      pending_email: string | null;
      name: string;
      company: string | null;
      phone: string | null;
      address: string | null;
      city: string | null;
      state: string | null;
      zip: string | null;
      country: string | null;
      timezone: string | null;
      currency: string;
      checkout_language: string;
      plan: 'starter' | 'growth' | 'professional' | 'enterprise';
      active: boolean;
      support_code: string;
      security_question: string | null;
      has_security_answer: boolean;
      created_at: string;
    };
    AccountPatch: {
      name?: string;
      company?: string | null;
      phone?: string | null;
      address?: string | null;
      city?: string | null;
      state?: string | null;
      zip?: string | null;
      country?: string | null;
      timezone?: string | null;
      currency?: string;
      checkout_language?: string;
      email?: string;
      password?: string;
      security_question?: string;
      security_answer?: string;
    };
    Session: {
      account: components['schemas']['Account'];
      csrf_token: string;
      must_change_password: boolean;
    };
  };
}
