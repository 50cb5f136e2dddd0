import type { FastifyInstance } from 'fastify';

/**
 * Requests this process is answering right now. The worker of the same process yields to them
 * (`WorkerOptions.yieldTo`): a webhook's acknowledgement, a checkout page or an admin screen go
 * before background work, which keeps its transactions short while they wait. Process-wide
 * (several apps in one test process share it): it is only a scheduling hint. The count lives in
 * shared memory so that a worker thread (worker/thread.ts) reads the serving thread's count.
 */
let cells = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));

export const traffic = {
  get inFlight(): number {
    return Atomics.load(cells, 0);
  },
  /** The shared count, for a worker thread to `follow`. */
  get buffer(): SharedArrayBuffer {
    return cells.buffer as SharedArrayBuffer;
  },
  /** In a worker thread: read the serving thread's count. */
  follow(buffer: SharedArrayBuffer): void {
    cells = new Int32Array(buffer);
  },
};

export function countRequests(app: FastifyInstance): void {
  app.addHook('onRequest', async (_req, reply) => {
    Atomics.add(cells, 0, 1);
    // 'close' comes once whether the response finished or the client went away.
    reply.raw.once('close', () => {
      Atomics.sub(cells, 0, 1);
    });
  });
}
