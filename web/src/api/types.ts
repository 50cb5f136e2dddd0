import type { paths } from './schema';

/** Response and request shapes derived from the API schema, so they follow regenerated types. */
type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type ResponseOf<
  P extends keyof paths,
  M extends keyof paths[P],
  S extends number = 200,
> = paths[P][M] extends { responses: infer R } ? (S extends keyof R ? JsonOf<R[S]> : never) : never;

export type RequestOf<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: infer B;
}
  ? JsonOf<NonNullable<B>>
  : never;

export type Session = ResponseOf<'/api/v1/session', 'get'>;
export type Account = ResponseOf<'/api/v1/me', 'get'>;
export type AccountPatch = RequestOf<'/api/v1/me', 'patch'>;
export type PlanInfo = ResponseOf<'/api/v1/me/plan', 'get'>;
export type PlanList = ResponseOf<'/api/v1/plans', 'get'>;
export type Options = ResponseOf<'/api/v1/options', 'get'>;
export type TokenList = ResponseOf<'/api/v1/tokens', 'get'>;
export type NewToken = ResponseOf<'/api/v1/tokens', 'post', 201>;

// Leads
type LeadQuery = NonNullable<paths['/api/v1/leads']['get']['parameters']['query']>;
/** The filters the lead list, the export and the URL share. */
export type LeadFilter = Omit<LeadQuery, 'cursor' | 'limit'>;
export type LeadPage = ResponseOf<'/api/v1/leads', 'get'>;
export type Lead = LeadPage['leads'][number];
export type LeadDetail = ResponseOf<'/api/v1/leads/{id}', 'get'>;
export type LeadCreate = RequestOf<'/api/v1/leads', 'post'>;
export type LeadPatch = RequestOf<'/api/v1/leads/{id}', 'patch'>;
export type GdprStatus = Lead['gdpr']['status'];
export type TimelinePage = ResponseOf<'/api/v1/leads/{id}/timeline', 'get'>;
export type TimelineEntry = TimelinePage['entries'][number];
export type BulkRequest = RequestOf<'/api/v1/leads/bulk', 'post'>;
export type BulkActionName = BulkRequest['action'];
/** A tag or a list with its lead count. */
export type Named = ResponseOf<'/api/v1/tags', 'get'>['tags'][number];
export type CustomField = ResponseOf<'/api/v1/custom-fields', 'get'>['custom_fields'][number];
export type CustomFieldType = CustomField['type'];
export type CustomFieldCreate = RequestOf<'/api/v1/custom-fields', 'post'>;
export type CustomFieldPatch = RequestOf<'/api/v1/custom-fields/{id}', 'patch'>;

// Imports
export type ImportPreview = ResponseOf<'/api/v1/imports/preview', 'post'>;
export type ImportJob = ResponseOf<'/api/v1/imports/{id}', 'get'>;
export type ImportTarget = ResponseOf<'/api/v1/imports/targets', 'get'>['fields'][number];
/** What `POST /api/v1/imports` takes as its `options` part (server: leads/schema.ts importOptions). */
export type ImportOptions = {
  mapping: Record<string, string | null>;
  tags: string[];
  lists: string[];
  gdpr: GdprStatus;
  update_existing: boolean;
};

// Automations
export type Automation = ResponseOf<'/api/v1/automations/{id}', 'get'>;
export type AutomationCreate = RequestOf<'/api/v1/automations', 'post'>;
export type AutomationPatch = RequestOf<'/api/v1/automations/{id}', 'patch'>;
export type Trigger = Automation['trigger'];
export type TriggerType = Trigger['type'];
export type Step = Automation['steps'][number];
export type StepType = Step['type'];
export type RunPage = ResponseOf<'/api/v1/automation-runs', 'get'>;
export type Run = RunPage['runs'][number];
export type RunStatus = Run['status'];

// Memberships
export type Membership = ResponseOf<'/api/v1/memberships/{id}', 'get'>;
export type Level = Membership['levels'][number];
export type MembershipCreate = RequestOf<'/api/v1/memberships', 'post'>;
export type MembershipPatch = RequestOf<'/api/v1/memberships/{id}', 'patch'>;
export type Tree = ResponseOf<'/api/v1/memberships/{id}/tree', 'get'>;
export type TreeCategory = Tree['categories'][number];
export type TreeSubcategory = TreeCategory['subcategories'][number];
export type PostSummary = TreeSubcategory['posts'][number];
export type Reorder = RequestOf<'/api/v1/memberships/{id}/reorder', 'post'>;
export type Post = ResponseOf<'/api/v1/memberships/{id}/posts/{postId}', 'get'>;
export type PostCreate = RequestOf<'/api/v1/memberships/{id}/posts', 'post'>;
export type PostPatch = RequestOf<'/api/v1/memberships/{id}/posts/{postId}', 'patch'>;
export type PostFile = Post['files'][number];
export type MemberPage = ResponseOf<'/api/v1/memberships/{id}/members', 'get'>;
export type Member = MemberPage['members'][number];
export type MemberStatus = Member['status'];
export type AccessGrant = RequestOf<'/api/v1/memberships/{id}/access', 'post'>;
