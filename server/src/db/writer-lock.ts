/**
 * One SQLite connection at a time across the threads of a process. The server's thread and its
 * worker thread (worker/thread.ts) each keep a connection to the same database file; SQLite lets
 * one of them write at a time, and the other would wait in SQLite's busy handler, which sleeps
 * the whole thread for 1, 2, 5, 10… ms at a go (no request is answered meanwhile) and may miss
 * the moment the writer is free. Instead, a connection is taken only while holding this lock: a
 * word in shared memory, waited on asynchronously (the event loop keeps running), and handed
 * straight to a thread that asked for it when its holder lets go, so a loop of short
 * transactions on one thread cannot starve the other.
 *
 * Holders are numbered 1…MAX_HOLDERS. A holder whose thread died is cleared with `abandon`.
 */

const MAX_HOLDERS = 4;
/** How often a waiting holder looks again by itself. */
const RECHECK_MS = 50;
const OWNER = 0; // 0 = free, else the holder's number
const WANTS = 1; // WANTS + n: holder n is waiting

type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
) => { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<string> };
// Node ≥ 16 has it; TypeScript's ES2022 library does not declare it yet.
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

export type WriterLock = {
  /** The shared memory, for the other thread (`writerLockOn(buffer, holder)`). */
  buffer: SharedArrayBuffer;
  acquire(): Promise<void>;
  release(): void;
  /** Another holder's thread is gone: let go of what it held or asked for. */
  abandon(holder: number): void;
};

export function createWriterLockBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * (WANTS + MAX_HOLDERS + 1));
}

export function writerLockOn(buffer: SharedArrayBuffer, me: number): WriterLock {
  if (!Number.isInteger(me) || me < 1 || me > MAX_HOLDERS)
    throw new Error(`A writer lock holder is numbered 1 to ${MAX_HOLDERS}.`);
  const cells = new Int32Array(buffer);

  /** Passes the lock from `holder` to the next one waiting (round robin), or frees it. */
  function handOff(holder: number) {
    for (let i = 1; i <= MAX_HOLDERS; i++) {
      const next = ((holder - 1 + i) % MAX_HOLDERS) + 1;
      if (next !== holder && Atomics.compareExchange(cells, WANTS + next, 1, 0) === 1) {
        Atomics.store(cells, OWNER, next);
        Atomics.notify(cells, OWNER);
        return;
      }
    }
    Atomics.store(cells, OWNER, 0);
    Atomics.notify(cells, OWNER);
  }

  return {
    buffer,
    async acquire() {
      for (;;) {
        if (Atomics.compareExchange(cells, OWNER, 0, me) === 0) return;
        // Ask: from here a release hands the lock over rather than freeing it.
        Atomics.store(cells, WANTS + me, 1);
        const owner = Atomics.load(cells, OWNER);
        if (owner !== me && owner !== 0) {
          const wait = waitAsync(cells, OWNER, owner);
          if (wait.async) {
            // A pending waitAsync does not keep Node's event loop alive; the timer does (and
            // bounds the wait should a wake-up ever be missed).
            let timer: NodeJS.Timeout | undefined;
            const recheck = new Promise((r) => {
              timer = setTimeout(r, RECHECK_MS);
            });
            await Promise.race([wait.value, recheck]);
            clearTimeout(timer);
          }
        }
        if (Atomics.load(cells, OWNER) === me) return;
        // Not handed over (it was freed, or went to another): withdraw the ask and try again,
        // unless a hand-off takes the ask this very moment, which makes the lock ours.
        if (Atomics.compareExchange(cells, WANTS + me, 1, 0) === 0) {
          while (Atomics.load(cells, OWNER) !== me) {} // handOff stores the owner right after
          return;
        }
      }
    },
    release() {
      if (Atomics.load(cells, OWNER) !== me)
        throw new Error('Released a writer lock this thread does not hold.');
      handOff(me);
    },
    abandon(holder) {
      Atomics.store(cells, WANTS + holder, 0);
      if (Atomics.load(cells, OWNER) === holder) handOff(holder);
    },
  };
}
