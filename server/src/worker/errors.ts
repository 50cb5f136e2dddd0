import { z } from 'zod';

const MAX_ERROR_CHARS = 2_000;

/** What an attempt's error leaves in `jobs.last_error`: its message, short, no stack. */
export function errorText(err: unknown): string {
  let text: string;
  if (err instanceof z.ZodError) text = z.prettifyError(err);
  else if (err instanceof Error) text = err.message || err.name;
  else text = String(err);
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}

/** Thrown inside a transactional attempt whose claim was taken over: rolls its effects back. */
export class LeaseLost extends Error {
  constructor(jobId: number) {
    super(`Job ${jobId} was claimed by another worker after this worker's lease expired.`);
    this.name = 'LeaseLost';
  }
}
