/**
 * A sleep that `poke()` cuts short. A poke that arrives while nobody sleeps is remembered, so the
 * next wait returns at once: a commit that lands during a pass is never missed.
 */
export function createWakeup() {
  let pending = false;
  let wake: (() => void) | null = null;
  return {
    poke(): void {
      pending = true;
      wake?.();
    },
    wait(ms: number): Promise<void> {
      if (pending) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = null;
          pending = false;
          resolve();
        }
        wake = done;
      });
    },
  };
}
