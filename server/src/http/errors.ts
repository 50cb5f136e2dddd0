import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../lib/errors.js';

/** Maps every failure to DESIGN.md's `{ error: { code, message, details? } }`; never a stack trace. */

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

export const errorBody = (code: string, message: string, details?: unknown): ErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

function describeValidation(err: FastifyError): { message: string; details: unknown } {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields = err.validation.map((v) => {
      const where = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return { field: where || null, message: v.message ?? 'is not valid' };
    });
    const named = fields.filter((f) => f.field).map((f) => `${f.field}: ${f.message}`);
    const message = named.length
      ? `Please correct these fields — ${named.join('; ')}.`
      : `The request is not valid: ${fields.map((f) => f.message).join('; ')}.`;
    return { message, details: { fields } };
  }
  return { message: `The request is not valid: ${err.message}.`, details: undefined };
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    }
    if (err.validation) {
      const { message, details } = describeValidation(err);
      return reply.status(400).send(errorBody('invalid_input', message, details));
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send(errorBody('invalid_json', 'The request body is not valid JSON.'));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.status(413).send(errorBody('payload_too_large', 'The request body is too large.'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply
          .status(415)
          .send(errorBody('unsupported_media_type', 'Send the request body as application/json.'));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply
        .status(err.statusCode)
        .send(errorBody('bad_request', err.message || 'The request could not be understood.'));
    }
    req.log.error({ err }, 'unhandled error');
    return reply
      .status(500)
      .send(errorBody('internal_error', 'Something went wrong on our side. Please try again.'));
  });
}

/** Fastify's `frameworkErrors`: a URL the router refuses before any route runs. */
export function routerError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const message =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'The address is not valid: a part of it is too long.'
      : 'The address is not valid.';
  reply.status(400).send(errorBody('bad_request', message));
}
