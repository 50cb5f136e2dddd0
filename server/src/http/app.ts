import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import helmet from 'helmet';
import type { AppDeps } from '../deps.js';
import { accountRoutes } from '../modules/accounts/routes.js';
import { automationRoutes } from '../modules/automations/routes.js';
import { checkoutRoutes } from '../modules/commerce/checkout/routes.js';
import { createGateways } from '../modules/commerce/gateways/index.js';
import { commerceRoutes } from '../modules/commerce/routes.js';
import { gatewayWebhookRoutes } from '../modules/commerce/webhook-routes.js';
import { domainRoutes } from '../modules/domains/routes.js';
import { tlsAskRoutes } from '../modules/domains/tls.js';
import { kartraAdminRoutes, kartraInboundRoutes } from '../modules/kartra/routes.js';
import { leadRoutes } from '../modules/leads/routes.js';
import { mailRoutes } from '../modules/mail/routes.js';
import { portalRoutes } from '../modules/memberships/portal/routes.js';
import { membershipRoutes } from '../modules/memberships/routes.js';
import { planRoutes } from '../modules/plans/routes.js';
import { outboundWebhookRoutes } from '../modules/webhooks/routes.js';
import { authHook } from './auth.js';
import { errorBody, installErrorHandling, routerError } from './errors.js';
import { classifyHost } from './hosts.js';
import { installSiteHosts } from './site.js';
import { notFoundPage, serveAdminApp } from './static.js';
import { countRequests } from './traffic.js';

export type BuildAppOptions = {
  /** Serve the admin SPA from this folder (web/dist). */
  webDist?: string;
  /** The process's pino logger; without it Fastify logs nothing (tests). */
  logger?: FastifyBaseLogger;
};

/** Assembles the HTTP app. No listening here: main.ts listens, tests use inject(). */
export async function buildApp(deps: AppDeps, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const verbose = deps.config.logLevel === 'debug' || deps.config.logLevel === 'trace';
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    // A log line per request only when debugging: at info it would dominate the log and the cost.
    logController: new LogController({ disableRequestLogging: !verbose }),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1_048_576,
    // Errors raised by the router before any handler (a path segment over 100 characters, a
    // malformed percent-encoding) get the same `{error:{code,message}}` body as every other error.
    frameworkErrors: routerError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  countRequests(app);
  app.decorateRequest('auth', null);

  await app.register(fastifyCookie);
  // Security headers (helmet), built once: @fastify/helmet built helmet's middleware again for
  // every request, parsing the policy each time (a few percent of a webhook acknowledgement).
  const securityHeaders = helmet({
    // helmet's default, no-referrer, makes browsers send `Origin: null` on same-site form posts,
    // which our origin checks must refuse; this policy still sends nothing cross-origin but the origin.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // The SPA loads its own bundle only; Mantine injects styles at run time.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        // Over plain http (a LAN address, say) this would make browsers fetch the assets over https.
        upgradeInsecureRequests: deps.config.publicScheme === 'https' ? [] : null,
      },
    },
  });
  app.addHook('onRequest', (req, reply, done) =>
    securityHeaders(req.raw, reply.raw, (err) => done(err as Error | undefined)),
  );
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Atrium admin API',
        version: '1',
        description: 'Errors: `{ "error": { "code", "message", "details"? } }`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'atrium_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  // Custom domains: apex forwarding, https behind a TLS proxy, canonical links (http/site.ts).
  installSiteHosts(app, deps);

  const gateways = createGateways();
  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await deps.db.selectFrom('accounts').select('id').limit(1).execute();
      return { ok: true, database: deps.dialect };
    } catch {
      return reply.status(503).send({ ok: false, database: deps.dialect });
    }
  });

  await app.register(
    async (api) => {
      api.addHook('onRequest', async (req) => {
        if (classifyHost(req.headers.host, deps.config.platformDomain).kind !== 'admin') {
          throw Object.assign(new Error('not here'), { statusCode: 404 });
        }
      });
      api.addHook('onRequest', authHook(deps));
      await api.register(accountRoutes(deps));
      await api.register(planRoutes(deps));
      await api.register(mailRoutes(deps));
      await api.register(leadRoutes(deps));
      await api.register(automationRoutes(deps));
      await api.register(membershipRoutes(deps));
      await api.register(commerceRoutes(deps, gateways));
      await api.register(domainRoutes(deps));
      await api.register(kartraAdminRoutes(deps));
      await api.register(outboundWebhookRoutes(deps));
      api.get('/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
    },
    { prefix: '/api/v1' },
  );
  // Kartra's inbound API: POST /api and /api/ (form, JSON or query string; Kartra's answers).
  await app.register(kartraInboundRoutes(deps, gateways));
  // Member portals on site hosts ({username}.PLATFORM_DOMAIN/m/{slug}/); other hosts get the 404 page.
  await app.register(portalRoutes(deps));
  // Hosted checkouts on site hosts; gateway webhooks (raw bodies) on the platform.
  await app.register(checkoutRoutes(deps, gateways));
  await app.register(gatewayWebhookRoutes(deps, gateways));
  // Caddy's on-demand TLS asks here before it gets a certificate for a host.
  await app.register(tlsAskRoutes(deps));
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { url: '/api/v1/openapi.json' },
  });

  const adminIndex = await serveAdminApp(app, opts.webDist);

  app.setNotFoundHandler(async (req, reply) => {
    const host = classifyHost(req.headers.host, deps.config.platformDomain);
    if (req.url.startsWith('/api/')) {
      return reply
        .status(404)
        .send(errorBody('not_found', `There is no ${req.method} ${req.url.split('?')[0]} here.`));
    }
    if (host.kind === 'admin' && (req.method === 'GET' || req.method === 'HEAD')) {
      const served = adminIndex(reply, req.url.split('?')[0] ?? '/');
      if (served) return served;
    }
    return reply.status(404).type('text/html; charset=utf-8').send(notFoundPage());
  });
  return app;
}
