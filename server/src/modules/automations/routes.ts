import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { callerOf } from '../../http/auth.js';
import {
  automationBody,
  automationOut,
  automationPatchBody,
  idParam,
  runOut,
  runPageOut,
  runQuery,
} from './schema.js';
import {
  createAutomation,
  deleteAutomation,
  getAutomation,
  getRun,
  listAutomations,
  listRuns,
  patchAutomation,
  replayRun,
} from './service.js';

const tags = ['Automations'];

/** Admin API of automations and their runs. */
export function automationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const accountId = (req: Parameters<typeof callerOf>[0]) => callerOf(req).account.id;

    app.get(
      '/automations',
      {
        schema: {
          tags,
          summary: 'All automations, newest first',
          response: { 200: z.object({ automations: z.array(automationOut) }) },
        },
      },
      async (req) => ({ automations: await listAutomations(deps, accountId(req)) }),
    );
    app.post(
      '/automations',
      {
        schema: {
          tags,
          summary: 'Create an automation: a trigger and steps run in order for each lead that triggers it',
          body: automationBody,
          response: { 201: automationOut },
        },
      },
      async (req, reply) => reply.status(201).send(await createAutomation(deps, accountId(req), req.body)),
    );
    app.get(
      '/automations/:id',
      { schema: { tags, summary: 'An automation', params: idParam, response: { 200: automationOut } } },
      async (req) => getAutomation(deps, accountId(req), req.params.id),
    );
    app.patch(
      '/automations/:id',
      {
        schema: {
          tags,
          summary: 'Change, pause (active: false) or resume an automation',
          params: idParam,
          body: automationPatchBody,
          response: { 200: automationOut },
        },
      },
      async (req) => patchAutomation(deps, accountId(req), req.params.id, req.body),
    );
    app.delete(
      '/automations/:id',
      { schema: { tags, summary: 'Delete an automation (its runs stay in the log)', params: idParam } },
      async (req, reply) => {
        await deleteAutomation(deps, accountId(req), req.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      '/automation-runs',
      {
        schema: {
          tags,
          summary:
            'Runs, newest first, by status (pending, done, failed, dead, cancelled), automation or lead',
          querystring: runQuery,
          response: { 200: runPageOut },
        },
      },
      async (req) => listRuns(deps, accountId(req), req.query),
    );
    app.get(
      '/automation-runs/:id',
      { schema: { tags, summary: 'A run with its steps', params: idParam, response: { 200: runOut } } },
      async (req) => getRun(deps, accountId(req), req.params.id),
    );
    app.post(
      '/automation-runs/:id/replay',
      {
        schema: {
          tags,
          summary:
            'Run the current step of a dead, failed or cancelled run again (a done step changes nothing)',
          params: idParam,
          response: { 202: runOut },
        },
      },
      async (req, reply) => reply.status(202).send(await replayRun(deps, accountId(req), req.params.id)),
    );
  };
}
