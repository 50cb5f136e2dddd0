import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/connect.js';
import { writerLockOn } from '../db/writer-lock.js';
import { traffic } from '../http/traffic.js';
import { createLogger, openRuntime } from '../runtime.js';
import { errorText } from './errors.js';
import { callsWaitingOn, type FromThread, THREAD_HOLDER, type ThreadData, type ToThread } from './thread.js';

/** The worker thread (thread.ts): its own connection and runtime, the worker started at once. */

const data = workerData as ThreadData;
const port = parentPort!;
traffic.follow(data.traffic);
const writerLock = data.writerLock ? writerLockOn(data.writerLock, THREAD_HOLDER) : undefined;
// The serving thread's connection has the file's WAL checkpointed already.
const handle = openDatabase(data.config.database, { writerLock, checkpoints: false });
try {
  const log = createLogger(data.config, { pretty: data.prettyLogs });
  const calls = callsWaitingOn(data.callsWaiting);
  const runtime = await openRuntime(data.config, {
    handle,
    migrate: false,
    log,
    onOwnThread: { callsWaiting: calls.any },
  });
  runtime.worker.start();
  const ops = runtime.threadOps ?? {};
  port.on('message', (m: ToThread) => {
    if ('poke' in m) runtime.worker.poke();
    else if ('call' in m) {
      calls.takeOne();
      const op = ops[m.op];
      const done = op
        ? op(m.input)
        : Promise.reject(new Error(`No operation "${m.op}" on the worker thread.`));
      done.then(
        (result) => port.postMessage({ reply: m.call, result } satisfies FromThread),
        (err) => port.postMessage({ reply: m.call, error: errorText(err) } satisfies FromThread),
      );
    } else if ('stop' in m)
      void runtime
        .close()
        .then(() => handle.db.destroy())
        .finally(() => port.close());
  });
  port.postMessage({ ready: true } satisfies FromThread);
} catch (err) {
  port.postMessage({ failed: errorText(err) } satisfies FromThread);
  await handle.db.destroy();
  process.exit(1);
}
