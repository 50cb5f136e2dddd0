import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { callerOf } from '../../http/auth.js';
import { AppError, badRequest } from '../../lib/errors.js';
import { exportLeadsCsv } from './export.js';
import type { Encoding } from './import/decode.js';
import type { ScanResult } from './import/scan.js';
import {
  cancelImport,
  discardImport,
  getImport,
  importErrorsCsv,
  importTargets,
  ingestUpload,
  listImports,
  previewImport,
  startImport,
} from './import/service.js';
import {
  bulkBody,
  customFieldBody,
  customFieldOut,
  customFieldPatchBody,
  importOut,
  importTargetsOut,
  leadCreateBody,
  leadDetailOut,
  leadFilterQuery,
  leadListQuery,
  leadOut,
  leadPageOut,
  leadPatchBody,
  listBody,
  nameBody,
  namedOut,
  previewOut,
  tagBody,
  timelineOut,
} from './schema.js';
import {
  type Actor,
  bulkAction,
  createCustomField,
  createLead,
  createNamed,
  deleteCustomField,
  deleteLead,
  deleteNamed,
  getLead,
  leadListAction,
  leadTagAction,
  listLeads,
  listNamed,
  listTimeline,
  loadCustomFields,
  type NamedKind,
  patchCustomField,
  renameNamed,
  updateLead,
} from './service.js';

const idParam = z.object({ id: z.coerce.number().int().positive() });
const tags = ['Leads'];
const importTags = ['Lead imports'];

/** Largest upload accepted (a million leads × 60 columns fits well below it). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;

const actorOf = (req: FastifyRequest): Actor => {
  const caller = callerOf(req);
  return caller.via === 'token'
    ? { source: 'api', sourceId: String(caller.tokenId) }
    : { source: 'user', sourceId: null };
};

const csvReply = (reply: FastifyReply, name: string, body: AsyncIterable<string>) =>
  reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(body));

/** Reads a multipart upload: the `file` part streams through `onFile`, the `options` field is JSON. */
async function readUpload<T>(
  req: FastifyRequest,
  onFile: (stream: AsyncIterable<Buffer>, name: string, encoding?: Encoding) => Promise<T>,
): Promise<{ file: T | undefined; options: unknown; encoding: Encoding | undefined }> {
  if (!req.isMultipart())
    throw badRequest('multipart_required', 'Send the file as multipart/form-data with a part named "file".');
  let file: T | undefined;
  let options: unknown;
  let encoding: Encoding | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file !== undefined) {
        part.file.resume();
        continue;
      }
      file = await onFile(part.file, part.filename || 'leads.csv', encoding);
      if (part.file.truncated)
        throw new AppError(
          413,
          'file_too_large',
          'The file is larger than 2 GB; split it and import the parts.',
        );
    } else if (part.fieldname === 'options') {
      try {
        options = JSON.parse(String(part.value));
      } catch {
        throw badRequest('invalid_json', 'The options part is not valid JSON.');
      }
      const e = (options as { encoding?: unknown } | null)?.encoding;
      if (typeof e === 'string') encoding = e as Encoding;
    }
  }
  return { file, options, encoding };
}

export function leadRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, {
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 4, fieldSize: 1_048_576 },
    });

    // --- Leads -----------------------------------------------------------------------------
    app.get(
      '/leads',
      {
        schema: {
          tags,
          summary: 'List leads (search, filters, cursor pages)',
          querystring: leadListQuery,
          response: { 200: leadPageOut },
        },
      },
      async (req) => listLeads(deps, callerOf(req).account.id, req.query),
    );

    app.post(
      '/leads',
      { schema: { tags, summary: 'Create a lead', body: leadCreateBody, response: { 201: leadOut } } },
      async (req, reply) => {
        const lead = await createLead(deps, callerOf(req).account, req.body, actorOf(req));
        return reply.status(201).send(lead);
      },
    );

    app.get(
      '/leads/export.csv',
      {
        schema: {
          tags,
          summary: 'Export the filtered leads as CSV (formula-safe)',
          querystring: leadFilterQuery,
        },
      },
      async (req, reply) =>
        csvReply(reply, 'leads.csv', exportLeadsCsv(deps, callerOf(req).account.id, req.query)),
    );

    app.post(
      '/leads/bulk',
      {
        schema: {
          tags,
          summary: 'Tag, untag, subscribe, unsubscribe, block, unblock or delete many leads',
          body: bulkBody,
          response: { 200: z.object({ affected: z.number() }) },
        },
      },
      async (req) => bulkAction(deps, callerOf(req).account.id, req.body, actorOf(req)),
    );

    app.get(
      '/leads/:id',
      {
        schema: {
          tags,
          summary: 'A lead with its latest timeline entries',
          params: idParam,
          response: { 200: leadDetailOut },
        },
      },
      async (req) => {
        const accountId = callerOf(req).account.id;
        const lead = await getLead(deps, accountId, req.params.id);
        const { entries } = await listTimeline(deps, accountId, req.params.id, undefined, 50);
        return { ...lead, timeline: entries };
      },
    );

    app.patch(
      '/leads/:id',
      {
        schema: {
          tags,
          summary: 'Change a lead',
          params: idParam,
          body: leadPatchBody,
          response: { 200: leadOut },
        },
      },
      async (req) => updateLead(deps, callerOf(req).account.id, req.params.id, req.body, actorOf(req)),
    );

    app.delete(
      '/leads/:id',
      {
        schema: { tags, summary: 'Delete a lead (soft: re-creating its email restores it)', params: idParam },
      },
      async (req, reply) => {
        await deleteLead(deps, callerOf(req).account.id, req.params.id, actorOf(req));
        return reply.status(204).send();
      },
    );

    app.get(
      '/leads/:id/timeline',
      {
        schema: {
          tags,
          summary: 'What happened to a lead and why, newest first',
          params: idParam,
          querystring: z.object({
            cursor: z.string().regex(/^\d+$/).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: timelineOut },
        },
      },
      async (req) =>
        listTimeline(deps, callerOf(req).account.id, req.params.id, req.query.cursor, req.query.limit),
    );

    app.post(
      '/leads/:id/tags',
      {
        schema: {
          tags,
          summary: 'Tag a lead (the tag is created if missing)',
          params: idParam,
          body: tagBody,
          response: { 200: leadOut },
        },
      },
      async (req) =>
        leadTagAction(deps, callerOf(req).account.id, req.params.id, req.body.tag, true, actorOf(req)),
    );
    app.delete(
      '/leads/:id/tags/:tag',
      {
        schema: {
          tags,
          summary: 'Untag a lead (tag by id or name)',
          params: idParam.extend({ tag: z.string().min(1).max(100) }),
          response: { 200: leadOut },
        },
      },
      async (req) =>
        leadTagAction(deps, callerOf(req).account.id, req.params.id, req.params.tag, false, actorOf(req)),
    );
    app.post(
      '/leads/:id/lists',
      {
        schema: {
          tags,
          summary: 'Subscribe a lead to a list (created if missing)',
          params: idParam,
          body: listBody,
          response: { 200: leadOut },
        },
      },
      async (req) =>
        leadListAction(deps, callerOf(req).account.id, req.params.id, req.body.list, true, actorOf(req)),
    );
    app.delete(
      '/leads/:id/lists/:list',
      {
        schema: {
          tags,
          summary: 'Unsubscribe a lead from a list (by id or name)',
          params: idParam.extend({ list: z.string().min(1).max(100) }),
          response: { 200: leadOut },
        },
      },
      async (req) =>
        leadListAction(deps, callerOf(req).account.id, req.params.id, req.params.list, false, actorOf(req)),
    );

    // --- Tags and lists --------------------------------------------------------------------
    for (const kind of ['tags', 'lists'] as NamedKind[]) {
      const t = [kind === 'tags' ? 'Tags' : 'Lists'];
      app.get(
        `/${kind}`,
        {
          schema: {
            tags: t,
            summary: `All ${kind} with their lead counts`,
            response: { 200: z.object({ [kind]: z.array(namedOut) }) },
          },
        },
        async (req) => ({
          [kind]: await listNamed(deps, kind, callerOf(req).account.id),
        }),
      );
      app.post(
        `/${kind}`,
        {
          schema: {
            tags: t,
            summary: `Create a ${kind.slice(0, -1)}`,
            body: nameBody,
            response: { 201: namedOut },
          },
        },
        async (req, reply) =>
          reply.status(201).send(await createNamed(deps, kind, callerOf(req).account.id, req.body.name)),
      );
      app.patch(
        `/${kind}/:id`,
        {
          schema: {
            tags: t,
            summary: `Rename a ${kind.slice(0, -1)}`,
            params: idParam,
            body: nameBody,
            response: { 200: namedOut },
          },
        },
        async (req) => renameNamed(deps, kind, callerOf(req).account.id, req.params.id, req.body.name),
      );
      app.delete(
        `/${kind}/:id`,
        {
          schema: {
            tags: t,
            summary: `Delete a ${kind.slice(0, -1)} (unlinks it from every lead)`,
            params: idParam,
          },
        },
        async (req, reply) => {
          await deleteNamed(deps, kind, callerOf(req).account.id, req.params.id);
          return reply.status(204).send();
        },
      );
    }

    // --- Custom fields ---------------------------------------------------------------------
    const cf = ['Custom fields'];
    app.get(
      '/custom-fields',
      {
        schema: {
          tags: cf,
          summary: 'Custom fields and their options',
          response: { 200: z.object({ custom_fields: z.array(customFieldOut) }) },
        },
      },
      async (req) => ({
        custom_fields: await loadCustomFields(deps.db, callerOf(req).account.id),
      }),
    );
    app.post(
      '/custom-fields',
      {
        schema: {
          tags: cf,
          summary: 'Create a custom field',
          body: customFieldBody,
          response: { 201: customFieldOut },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createCustomField(deps, callerOf(req).account.id, req.body)),
    );
    app.patch(
      '/custom-fields/:id',
      {
        schema: {
          tags: cf,
          summary: 'Rename a custom field or add options',
          params: idParam,
          body: customFieldPatchBody,
          response: { 200: customFieldOut },
        },
      },
      async (req) => patchCustomField(deps, callerOf(req).account.id, req.params.id, req.body),
    );
    app.delete(
      '/custom-fields/:id',
      { schema: { tags: cf, summary: 'Delete a custom field', params: idParam } },
      async (req, reply) => {
        await deleteCustomField(deps, callerOf(req).account.id, req.params.id);
        return reply.status(204).send();
      },
    );

    // --- Imports ---------------------------------------------------------------------------
    app.get(
      '/imports',
      {
        schema: {
          tags: importTags,
          summary: 'The latest 100 imports',
          response: { 200: z.object({ imports: z.array(importOut) }) },
        },
      },
      async (req) => ({
        imports: await listImports(deps, callerOf(req).account.id),
      }),
    );

    app.get(
      '/imports/targets',
      {
        schema: {
          tags: importTags,
          summary: 'What a column can be mapped to',
          response: { 200: importTargetsOut },
        },
      },
      async (req) => importTargets(deps, callerOf(req).account.id),
    );

    app.post(
      '/imports/preview',
      {
        schema: {
          tags: importTags,
          summary: 'Read a CSV: header, columns with data, sample rows, suggested mapping (multipart `file`)',
          consumes: ['multipart/form-data'],
          response: { 200: previewOut },
        },
      },
      async (req) => {
        const account = callerOf(req).account;
        const { file } = await readUpload(req, (stream, name, encoding) =>
          previewImport(deps, account, stream, name, encoding),
        );
        if (!file) throw badRequest('file_required', 'Attach the CSV file as the multipart part "file".');
        return file;
      },
    );

    app.post(
      '/imports',
      {
        schema: {
          tags: importTags,
          summary: 'Start an import (multipart `file` + `options` JSON); it runs in the background',
          consumes: ['multipart/form-data'],
          response: { 202: importOut },
        },
      },
      async (req, reply) => {
        const account = callerOf(req).account;
        let uploaded: { id: number; scan: ScanResult } | undefined;
        try {
          const { file, options } = await readUpload(req, async (stream, name, encoding) => {
            uploaded = await ingestUpload(deps, account, stream, name, encoding);
            return uploaded;
          });
          if (!file) throw badRequest('file_required', 'Attach the CSV file as the multipart part "file".');
          const started = await startImport(deps, account, file.id, file.scan, options);
          uploaded = undefined;
          return reply.status(202).send(started);
        } finally {
          if (uploaded) await discardImport(deps, uploaded.id);
        }
      },
    );

    app.get(
      '/imports/:id',
      {
        schema: {
          tags: importTags,
          summary: 'Progress and result of an import',
          params: idParam,
          response: { 200: importOut },
        },
      },
      async (req) => getImport(deps, callerOf(req).account.id, req.params.id),
    );

    app.get(
      '/imports/:id/errors.csv',
      {
        schema: {
          tags: importTags,
          summary: 'The rows that were not imported, with the reason, as a CSV to fix and re-import',
          params: idParam,
        },
      },
      async (req, reply) => {
        const accountId = callerOf(req).account.id;
        await getImport(deps, accountId, req.params.id); // 404 before streaming starts
        return csvReply(
          reply,
          `import-${req.params.id}-errors.csv`,
          importErrorsCsv(deps, accountId, req.params.id),
        );
      },
    );

    app.delete(
      '/imports/:id',
      {
        schema: {
          tags: importTags,
          summary: 'Cancel a queued or running import',
          params: idParam,
          response: { 200: importOut },
        },
      },
      async (req) => cancelImport(deps, callerOf(req).account.id, req.params.id),
    );
  };
}
