/** Delay before the first retry; each later retry waits three times longer, up to the cap. */
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_CAP_MS = 60 * 60_000;

/**
 * How long to wait after failed attempt number `attempt` (1-based): 5 s, 15 s, 45 s, … capped at
 * an hour, so the default 8 attempts span one to one and a half hours: long enough to ride out an
 * SMTP or gateway outage. "Equal jitter": half the delay is fixed, half random, so jobs that failed
 * together do not retry in lockstep, yet none retries sooner than half its nominal delay.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const nominal = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 3 ** Math.max(0, attempt - 1));
  return Math.round(nominal / 2 + (random() * nominal) / 2);
}
