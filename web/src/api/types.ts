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
