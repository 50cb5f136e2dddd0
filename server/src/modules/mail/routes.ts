import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../lib/errors.js';
import { devMailboxOut } from './schema.js';
import { listDevMailbox } from './service.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** The dev mailbox: only while SMTP_URL is unset, and only to clients on this machine. */
export function mailRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/dev/mailbox',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['Mail'],
          summary: 'Mails caught by the dev mailbox, newest first',
          response: { 200: devMailboxOut },
        },
      },
      async (req) => {
        // The socket address, not req.ip: a forwarded header must not open the mailbox.
        if (deps.config.smtpUrl || !LOOPBACK.test(req.socket.remoteAddress ?? '')) {
          throw new AppError(404, 'not_found', 'There is no dev mailbox here.');
        }
        return { messages: await listDevMailbox(deps.db) };
      },
    );
  };
}
