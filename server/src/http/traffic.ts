import type { FastifyInstance } from 'fastify';

/**
 * Requests this process is answering right now. The worker of the same process yields to them
 * (`WorkerOptions.yieldTo`): a webhook's acknowledgement, a checkout page or an admin screen go
 * before background work, which waits for a gap, or at most a few milliseconds, before its next
 * pass. Process-wide (several apps in one test process share it): it is only a scheduling hint.
 */
export const traffic = { inFlight: 0 };

export function countRequests(app: FastifyInstance): void {
  app.addHook('onRequest', async (_req, reply) => {
    traffic.inFlight++;
    // 'close' comes once whether the response finished or the client went away.
    reply.raw.once('close', () => {
      traffic.inFlight--;
    });
  });
}
