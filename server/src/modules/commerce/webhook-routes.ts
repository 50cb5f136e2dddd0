import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { errorBody } from '../../http/errors.js';
import { classifyHost } from '../../http/hosts.js';
import { AppError } from '../../lib/errors.js';
import { createGateways, type Gateways } from './gateways/index.js';
import { GATEWAYS } from './schema.js';
import { accountByUsername, receiveWebhook } from './webhooks.js';

/**
 * `POST /webhooks/{sandbox|stripe}/{username}` on the platform (not on custom domains): the raw
 * body is kept as received (signatures are over the exact bytes), verified, stored under the
 * provider's event id and acknowledged with 200; the same event again is 200 and does nothing.
 * Bad or missing signature: 400/401 and nothing is stored.
 */
const params = z.object({ provider: z.enum(GATEWAYS), username: z.string().min(1).max(60) });

export function gatewayWebhookRoutes(
  deps: AppDeps,
  gateways: Gateways = createGateways(),
): FastifyPluginAsync {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 512 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    app.post('/webhooks/:provider/:username', { schema: { hide: true } }, async (req, reply) => {
      if (classifyHost(req.headers.host, deps.config.platformDomain).kind === 'custom')
        return reply
          .status(404)
          .send(errorBody('not_found', 'Gateway webhooks are not served on custom domains.'));
      const p = params.safeParse(req.params);
      if (!p.success) return reply.status(404).send(errorBody('not_found', 'There is no such gateway.'));
      try {
        const account = await accountByUsername(deps, p.data.username);
        const raw = typeof req.body === 'string' ? req.body : '';
        const received = await receiveWebhook(deps, gateways, p.data.provider, account.id, raw, req.headers);
        return { received: true, duplicate: received.duplicate };
      } catch (err) {
        if (err instanceof AppError) return reply.status(err.status).send(errorBody(err.code, err.message));
        throw err;
      }
    });
  };
}
