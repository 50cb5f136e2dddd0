import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createWriterLockBuffer, writerLockOn } from './writer-lock.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('writer lock', () => {
  it('is held by one holder at a time and handed to the one waiting', async () => {
    const buffer = createWriterLockBuffer();
    const a = writerLockOn(buffer, 1);
    const b = writerLockOn(buffer, 2);
    await a.acquire();
    let bHas = false;
    const bWaits = b.acquire().then(() => {
      bHas = true;
    });
    await tick();
    expect(bHas).toBe(false);
    a.release();
    await bWaits;
    expect(bHas).toBe(true);
    // a asks again while b holds: b's release hands it over rather than freeing it, so b cannot
    // take it back at once (no starvation by a loop of short holds).
    let aHas = false;
    const aWaits = a.acquire().then(() => {
      aHas = true;
    });
    await tick();
    b.release();
    let bAgain = false;
    const bWaitsAgain = b.acquire().then(() => {
      bAgain = true;
    });
    await aWaits;
    expect(aHas).toBe(true);
    expect(bAgain).toBe(false);
    a.release();
    await bWaitsAgain;
    b.release();
  });

  it('refuses a release by a thread that does not hold it', async () => {
    const buffer = createWriterLockBuffer();
    const a = writerLockOn(buffer, 1);
    expect(() => a.release()).toThrow(/does not hold/);
    expect(() => writerLockOn(buffer, 0)).toThrow(/numbered/);
  });

  it('frees what a holder that is gone held or asked for', async () => {
    const buffer = createWriterLockBuffer();
    const a = writerLockOn(buffer, 1);
    const gone = writerLockOn(buffer, 2);
    await gone.acquire();
    let aHas = false;
    const aWaits = a.acquire().then(() => {
      aHas = true;
    });
    await tick();
    expect(aHas).toBe(false);
    a.abandon(2);
    await aWaits;
    expect(aHas).toBe(true);
    a.release();
  });

  it('keeps two threads out of each other', async () => {
    const lock = createWriterLockBuffer();
    const counter = new SharedArrayBuffer(4);
    const cells = new Int32Array(counter);
    const rounds = 300;
    const other = new Worker(new URL('./writer-lock.fixture.mjs', import.meta.url), {
      workerData: { lock, holder: 2, counter, rounds },
    });
    const messages: string[] = [];
    const next = () =>
      new Promise((resolve, reject) => {
        other.once('message', (m: string) => resolve(messages.push(m)));
        other.once('error', reject);
      });
    await next(); // ready
    const otherDone = next();
    other.postMessage('go');
    const me = writerLockOn(lock, 1);
    for (let i = 0; i < rounds; i++) {
      await me.acquire();
      const seen = cells[0]!;
      await tick();
      cells[0] = seen + 1;
      me.release();
    }
    await otherDone;
    await other.terminate();
    // Without the lock, increments made across a pause would be lost.
    expect(cells[0]).toBe(2 * rounds);
  });
});
