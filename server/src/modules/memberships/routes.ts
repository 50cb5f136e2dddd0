import fs from 'node:fs';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { callerOf } from '../../http/auth.js';
import { badRequest } from '../../lib/errors.js';
import type { Actor } from '../leads/service.js';
import { grantByHand, listMembers, membershipsOfLead, revokeByHand } from './access.js';
import {
  accessBody,
  accessOut,
  categoryBody,
  categoryOut,
  categoryPatchBody,
  fileOut,
  idParam,
  leadMembershipOut,
  membershipCreateBody,
  membershipOut,
  membershipPatchBody,
  membersPageOut,
  membersQuery,
  postBody,
  postOut,
  postPatchBody,
  reorderBody,
  subcategoryBody,
  subcategoryOut,
  subcategoryPatchBody,
  treeOut,
} from './schema.js';
import {
  addFile,
  createCategory,
  createMembership,
  createPost,
  createSubcategory,
  deleteFile,
  deleteMembership,
  deleteNode,
  deletePost,
  getMembership,
  getPost,
  getTree,
  listMemberships,
  MAX_FILE_BYTES,
  ownFile,
  patchCategory,
  patchMembership,
  patchPost,
  patchSubcategory,
  reorder,
  storedPath,
} from './service.js';

const tags = ['Memberships'];
const ref = z.coerce.number().int().positive();
const catParam = idParam.extend({ categoryId: ref });
const subParam = idParam.extend({ subcategoryId: ref });
const postParam = idParam.extend({ postId: ref });
const fileParam = postParam.extend({ fileId: ref });
const accessParam = idParam.extend({ leadId: ref });

export const actorOf = (req: FastifyRequest): Actor => {
  const caller = callerOf(req);
  return caller.via === 'token'
    ? { source: 'api', sourceId: String(caller.tokenId) }
    : { source: 'user', sourceId: null };
};

const accessChangeOut = accessOut.extend({
  change: z.enum(['granted', 'regranted', 'level_changed', 'revoked', 'unchanged']),
});

/** Admin API of memberships: /memberships…, and a lead's memberships. */
export function membershipRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 2 } });
    const account = (req: FastifyRequest) => callerOf(req).account;

    app.get(
      '/memberships',
      {
        schema: {
          tags,
          summary: 'All memberships',
          response: { 200: z.object({ memberships: z.array(membershipOut) }) },
        },
      },
      async (req) => ({ memberships: await listMemberships(deps, account(req)) }),
    );
    app.post(
      '/memberships',
      {
        schema: {
          tags,
          summary: 'Create a membership with its levels (in order)',
          body: membershipCreateBody,
          response: { 201: membershipOut },
        },
      },
      async (req, reply) => reply.status(201).send(await createMembership(deps, account(req), req.body)),
    );
    app.get(
      '/memberships/:id',
      { schema: { tags, summary: 'A membership', params: idParam, response: { 200: membershipOut } } },
      async (req) => getMembership(deps, account(req), req.params.id),
    );
    app.patch(
      '/memberships/:id',
      {
        schema: {
          tags,
          summary: 'Rename, change the address, or rename/reorder/add/delete levels',
          params: idParam,
          body: membershipPatchBody,
          response: { 200: membershipOut },
        },
      },
      async (req) => patchMembership(deps, account(req), req.params.id, req.body),
    );
    app.delete(
      '/memberships/:id',
      {
        schema: { tags, summary: 'Delete a membership with its content and access records', params: idParam },
      },
      async (req, reply) => {
        await deleteMembership(deps, account(req).id, req.params.id);
        return reply.status(204).send();
      },
    );

    // --- Content tree ------------------------------------------------------------------------
    app.get(
      '/memberships/:id/tree',
      {
        schema: {
          tags,
          summary: 'Categories > subcategories > posts, in order',
          params: idParam,
          response: { 200: treeOut },
        },
      },
      async (req) => getTree(deps.db, account(req).id, req.params.id),
    );
    app.post(
      '/memberships/:id/reorder',
      {
        schema: {
          tags,
          summary:
            'Put categories, or the subcategories of a category, or the posts of a subcategory in order (moving items in)',
          params: idParam,
          body: reorderBody,
          response: { 200: treeOut },
        },
      },
      async (req) => reorder(deps, account(req).id, req.params.id, req.body),
    );
    app.post(
      '/memberships/:id/categories',
      {
        schema: {
          tags,
          summary: 'Add a category (last)',
          params: idParam,
          body: categoryBody,
          response: { 201: categoryOut },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createCategory(deps, account(req).id, req.params.id, req.body.name)),
    );
    app.patch(
      '/memberships/:id/categories/:categoryId',
      {
        schema: {
          tags,
          summary: 'Rename a category',
          params: catParam,
          body: categoryPatchBody,
          response: { 200: categoryOut },
        },
      },
      async (req) => patchCategory(deps, account(req).id, req.params.id, req.params.categoryId, req.body),
    );
    app.delete(
      '/memberships/:id/categories/:categoryId',
      { schema: { tags, summary: 'Delete a category with its subcategories and posts', params: catParam } },
      async (req, reply) => {
        await deleteNode(
          deps,
          'membership_categories',
          account(req).id,
          req.params.id,
          req.params.categoryId,
        );
        return reply.status(204).send();
      },
    );
    app.post(
      '/memberships/:id/subcategories',
      {
        schema: {
          tags,
          summary: 'Add a subcategory to a category (last)',
          params: idParam,
          body: subcategoryBody,
          response: { 201: subcategoryOut },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createSubcategory(deps, account(req).id, req.params.id, req.body)),
    );
    app.patch(
      '/memberships/:id/subcategories/:subcategoryId',
      {
        schema: {
          tags,
          summary: 'Rename a subcategory or move it to another category',
          params: subParam,
          body: subcategoryPatchBody,
          response: { 200: subcategoryOut },
        },
      },
      async (req) =>
        patchSubcategory(deps, account(req).id, req.params.id, req.params.subcategoryId, req.body),
    );
    app.delete(
      '/memberships/:id/subcategories/:subcategoryId',
      { schema: { tags, summary: 'Delete a subcategory with its posts', params: subParam } },
      async (req, reply) => {
        await deleteNode(
          deps,
          'membership_subcategories',
          account(req).id,
          req.params.id,
          req.params.subcategoryId,
        );
        return reply.status(204).send();
      },
    );

    // --- Posts -------------------------------------------------------------------------------
    app.post(
      '/memberships/:id/posts',
      {
        schema: {
          tags,
          summary: 'Add a post (body sanitized; level_ids may read it; released N days after access)',
          params: idParam,
          body: postBody,
          response: { 201: postOut },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createPost(deps, account(req).id, req.params.id, req.body)),
    );
    app.get(
      '/memberships/:id/posts/:postId',
      { schema: { tags, summary: 'A post', params: postParam, response: { 200: postOut } } },
      async (req) => getPost(deps.db, account(req).id, req.params.id, req.params.postId),
    );
    app.patch(
      '/memberships/:id/posts/:postId',
      {
        schema: {
          tags,
          summary: 'Change a post',
          params: postParam,
          body: postPatchBody,
          response: { 200: postOut },
        },
      },
      async (req) => patchPost(deps, account(req).id, req.params.id, req.params.postId, req.body),
    );
    app.delete(
      '/memberships/:id/posts/:postId',
      { schema: { tags, summary: 'Delete a post and its files', params: postParam } },
      async (req, reply) => {
        await deletePost(deps, account(req).id, req.params.id, req.params.postId);
        return reply.status(204).send();
      },
    );

    // --- Files -------------------------------------------------------------------------------
    app.post(
      '/memberships/:id/posts/:postId/files',
      {
        schema: {
          tags,
          summary: 'Attach a download to a post (multipart, part "file", up to 512 MB)',
          params: postParam,
          response: { 201: fileOut },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart())
          throw badRequest(
            'multipart_required',
            'Send the file as multipart/form-data with a part named "file".',
          );
        const part = await req.file();
        if (!part || part.fieldname !== 'file')
          throw badRequest('file_required', 'Send the file in a part named "file".', { field: 'file' });
        const stored = await addFile(deps, account(req).id, req.params.id, req.params.postId, {
          stream: part.file,
          fileName: part.filename,
          contentType: part.mimetype,
        });
        return reply.status(201).send(stored);
      },
    );
    app.get(
      '/memberships/:id/posts/:postId/files/:fileId',
      { schema: { tags, summary: 'Download a post file (owner preview)', params: fileParam } },
      async (req, reply) => {
        const f = await ownFile(
          deps.db,
          account(req).id,
          req.params.id,
          req.params.postId,
          req.params.fileId,
        );
        return reply
          .header('content-type', 'application/octet-stream')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.file_name)}`)
          .header('cache-control', 'private, no-store')
          .send(fs.createReadStream(storedPath(deps.config, f.storage_key)));
      },
    );
    app.delete(
      '/memberships/:id/posts/:postId/files/:fileId',
      { schema: { tags, summary: 'Remove a post file', params: fileParam } },
      async (req, reply) => {
        await deleteFile(deps, account(req).id, req.params.id, req.params.postId, req.params.fileId);
        return reply.status(204).send();
      },
    );

    // --- Access ------------------------------------------------------------------------------
    app.get(
      '/memberships/:id/members',
      {
        schema: {
          tags,
          summary: 'Leads with access (or revoked access), newest first',
          params: idParam,
          querystring: membersQuery,
          response: { 200: membersPageOut },
        },
      },
      async (req) => listMembers(deps, account(req).id, req.params.id, req.query),
    );
    app.post(
      '/memberships/:id/access',
      {
        schema: {
          tags,
          summary:
            'Grant access by hand (lead_id, or email: the lead is created if missing); mails the welcome',
          params: idParam,
          body: accessBody,
          response: { 200: accessChangeOut },
        },
      },
      async (req) => grantByHand(deps, account(req), req.params.id, req.body, actorOf(req)),
    );
    app.delete(
      '/memberships/:id/access/:leadId',
      {
        schema: {
          tags,
          summary: 'Revoke access at once (billing is not touched)',
          params: accessParam,
          response: { 200: accessChangeOut },
        },
      },
      async (req) => revokeByHand(deps, account(req).id, req.params.id, req.params.leadId, actorOf(req)),
    );
    app.get(
      '/leads/:id/memberships',
      {
        schema: {
          tags: ['Leads', 'Memberships'],
          summary: "A lead's memberships (active and revoked)",
          params: idParam,
          response: { 200: z.object({ memberships: z.array(leadMembershipOut) }) },
        },
      },
      async (req) => ({ memberships: await membershipsOfLead(deps, account(req).id, req.params.id) }),
    );
  };
}
