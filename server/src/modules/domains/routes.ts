import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { callerOf } from '../../http/auth.js';
import { checkResultOut, domainCreateBody, domainOut, idParam } from './schema.js';
import { addDomain, checkDomain, getDomainOut, listDomains, removeDomain } from './service.js';

const tags = ['Domains'];

/** Admin API of custom domains: /domains… */
export function domainRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const account = (req: FastifyRequest) => callerOf(req).account;

    app.get(
      '/domains',
      {
        schema: {
          tags,
          summary: 'The custom domains of this account, with their status and last checks',
          response: { 200: z.object({ domains: z.array(domainOut) }) },
        },
      },
      async (req) => ({ domains: await listDomains(deps, account(req).id) }),
    );
    app.post(
      '/domains',
      {
        schema: {
          tags,
          summary:
            'Connect a domain: www.example.com (root kind: CNAME www + forwarding of example.com) or sales.example.com (subdomain kind: CNAME only)',
          body: domainCreateBody,
          response: { 201: domainOut },
        },
      },
      async (req, reply) => reply.status(201).send(await addDomain(deps, account(req), req.body.hostname)),
    );
    app.get(
      '/domains/:id',
      { schema: { tags, summary: 'One domain', params: idParam, response: { 200: domainOut } } },
      async (req) => getDomainOut(deps, account(req).id, req.params.id),
    );
    app.post(
      '/domains/:id/check',
      {
        schema: {
          tags,
          summary: 'Read the DNS now: each check with what was expected, what was found, and a hint',
          params: idParam,
          response: { 200: checkResultOut },
        },
      },
      async (req) => checkDomain(deps, account(req).id, req.params.id, { manual: true }),
    );
    app.delete(
      '/domains/:id',
      { schema: { tags, summary: 'Remove a domain (it stops serving at once)', params: idParam } },
      async (req, reply) => {
        await removeDomain(deps, account(req).id, req.params.id);
        return reply.status(204).send();
      },
    );
  };
}
