import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { callerOf } from '../../http/auth.js';
import type { Gateways } from '../commerce/gateways/index.js';
import {
  deleteApp,
  getCredentials,
  listApps,
  regenerateCredentials,
  registerApp,
  setAppStatus,
  setRestrictApps,
} from './credentials.js';
import {
  appCreateBody,
  appOut,
  appPatchBody,
  appsOut,
  credentialsOut,
  credentialsPatchBody,
  credentialsSecretOut,
} from './schema.js';
import { handleCall } from './service.js';
import { error, mergeParams, type Params, parseBody, parseForm } from './wire.js';

const tags = ['Kartra-compatible API'];
const idParam = z.object({ id: z.coerce.number().int().positive() });

/**
 * `POST /api` and `POST /api/`: Kartra's inbound API, on every host (the credentials name the
 * account). Bodies of any content type are read as text here and parsed by wire.ts, so a client's
 * odd content type never turns into a non-Kartra error.
 */
export function kartraInboundRoutes(deps: AppDeps, gateways?: Gateways) {
  return async (app: FastifyInstance) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 1_048_576 }, (_req, body, done) =>
      done(null, body),
    );
    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      // Kartra's first check (201): where Atrium is served over https, a plain-http call is refused
      // (behind a TLS proxy, set TRUST_PROXY=1 so X-Forwarded-Proto tells).
      if (deps.config.publicScheme === 'https' && req.protocol !== 'https')
        return reply
          .code(200)
          .type('application/json; charset=utf-8')
          .send(JSON.stringify(error(201)));
      const query = req.url.includes('?') ? parseForm(req.url.slice(req.url.indexOf('?') + 1)) : {};
      const body: Params = parseBody(req.headers['content-type'], req.body);
      const result = await handleCall(deps, mergeParams(query, body), gateways);
      if (result.statusCode === 429) reply.header('retry-after', '1');
      return reply
        .code(result.statusCode)
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(result.body));
    };
    for (const url of ['/api', '/api/']) app.post(url, { schema: { hide: true } }, handler);
  };
}

/** Admin API: the account's Kartra API key and password, and the apps that call with them. */
export function kartraAdminRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api-credentials',
      {
        schema: {
          tags,
          summary: 'The API key (masked) and whether only registered apps may call',
          response: { 200: credentialsOut },
        },
      },
      async (req) => getCredentials(deps, callerOf(req).account.id),
    );
    app.post(
      '/api-credentials/regenerate',
      {
        schema: {
          tags,
          summary: 'Make a new API key and password (shown once; the old pair stops working at once)',
          response: { 200: credentialsSecretOut },
        },
      },
      async (req) => regenerateCredentials(deps, callerOf(req).account.id),
    );
    app.patch(
      '/api-credentials',
      {
        schema: {
          tags,
          summary: 'Allow any app id, or only registered ones',
          body: credentialsPatchBody,
          response: { 200: credentialsOut },
        },
      },
      async (req) => setRestrictApps(deps, callerOf(req).account.id, req.body.restrict_apps),
    );
    app.get(
      '/api-apps',
      {
        schema: {
          tags,
          summary: 'Apps seen calling the API, and registered ones',
          response: { 200: appsOut },
        },
      },
      async (req) => ({ apps: await listApps(deps, callerOf(req).account.id) }),
    );
    app.post(
      '/api-apps',
      {
        schema: { tags, summary: 'Register an app id', body: appCreateBody, response: { 201: appOut } },
      },
      async (req, reply) => reply.code(201).send(await registerApp(deps, callerOf(req).account.id, req.body)),
    );
    app.patch(
      '/api-apps/:id',
      {
        schema: {
          tags,
          summary: 'Register, block or rename an app',
          params: idParam,
          body: appPatchBody,
          response: { 200: appOut },
        },
      },
      async (req) => setAppStatus(deps, callerOf(req).account.id, req.params.id, req.body),
    );
    app.delete(
      '/api-apps/:id',
      { schema: { tags, summary: 'Forget an app', params: idParam, response: { 204: z.null() } } },
      async (req, reply) => {
        await deleteApp(deps, callerOf(req).account.id, req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
