/** The durable-work engine: outbox dispatch, job claiming and running, retries, schedules. See README.md. */
export { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffMs } from './backoff.js';
export { FAN_OUT_JOB } from './dispatch.js';
export { DEFAULT_MAX_ATTEMPTS, type EnqueueOptions, enqueueJob, enqueueJobs } from './jobs.js';
export { emitEvent, emitEvents, type OutboxEvent } from './outbox.js';
export { replayJob } from './replay.js';
export type {
  EventSubscriber,
  JobContext,
  JobHandler,
  Schedule,
  Worker,
  WorkerLog,
  WorkerOptions,
} from './types.js';
export { createWorker } from './worker.js';
