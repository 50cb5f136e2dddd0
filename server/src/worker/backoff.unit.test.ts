import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffMs } from './backoff.js';

describe('backoffMs', () => {
  it('grows exponentially from the base and stops at the cap', () => {
    const top = () => 1;
    expect(backoffMs(1, top)).toBe(BACKOFF_BASE_MS);
    expect(backoffMs(2, top)).toBe(BACKOFF_BASE_MS * 3);
    expect(backoffMs(3, top)).toBe(BACKOFF_BASE_MS * 9);
    expect(backoffMs(20, top)).toBe(BACKOFF_CAP_MS);
    expect(backoffMs(10_000, top)).toBe(BACKOFF_CAP_MS);
  });

  it('jitters between half and all of the nominal delay', () => {
    expect(backoffMs(1, () => 0)).toBe(BACKOFF_BASE_MS / 2);
    for (let i = 0; i < 200; i++) {
      const d = backoffMs(4);
      expect(d).toBeGreaterThanOrEqual((BACKOFF_BASE_MS * 27) / 2);
      expect(d).toBeLessThanOrEqual(BACKOFF_BASE_MS * 27);
    }
  });

  it('treats attempt 0 or less as the first', () => {
    expect(backoffMs(0, () => 1)).toBe(BACKOFF_BASE_MS);
  });
});
