// A second thread for writer-lock.unit.test.ts: takes the lock `rounds` times and, while holding
// it, increments a shared counter in two steps with a pause between (a race without the lock).
import { parentPort, workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
const { writerLockOn } = await import('./writer-lock.ts');
const lock = writerLockOn(workerData.lock, workerData.holder);
const counter = new Int32Array(workerData.counter);
// Both threads start together: ready, then wait for the word.
parentPort.postMessage('ready');
await new Promise((resolve) => parentPort.once('message', resolve));
for (let i = 0; i < workerData.rounds; i++) {
  await lock.acquire();
  const seen = counter[0];
  await new Promise((r) => setImmediate(r));
  counter[0] = seen + 1;
  lock.release();
}
parentPort.postMessage('done');
