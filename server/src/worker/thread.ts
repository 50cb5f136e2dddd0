import { Worker as Thread } from 'node:worker_threads';
import type { Config } from '../config.js';
import type { WriterLock } from '../db/writer-lock.js';
import { traffic } from '../http/traffic.js';
import type { Worker, WorkerLog } from './types.js';

/**
 * The worker on a thread of its own (`atrium serve` with WORKER=inline): requests are answered on
 * the server's thread while events and jobs run on the other core. The thread opens its own
 * connection to the database; on SQLite the two connections share the process's writer lock
 * (db/writer-lock.ts: the server's thread is holder 1, this thread holder 2). Commits on the
 * server's thread `poke()` the thread by message. A thread that dies is started again after
 * RESTART_MS; what it had claimed comes back to it when the claims' leases end, as after a crash.
 */

/** Holder numbers in the writer lock. */
export const SERVER_HOLDER = 1;
export const THREAD_HOLDER = 2;
const RESTART_MS = 1000;

export type ThreadData = {
  config: Config;
  writerLock: SharedArrayBuffer | undefined;
  traffic: SharedArrayBuffer;
  /** Calls posted to the thread and not yet taken up by it (one Int32). */
  callsWaiting: SharedArrayBuffer;
  prettyLogs: boolean;
};

/**
 * On the thread: whether the serving thread has calls waiting (the worker's passes end early for
 * them, `WorkerOptions.stopSoon`), and marking one taken up.
 */
export function callsWaitingOn(buffer: SharedArrayBuffer) {
  const cells = new Int32Array(buffer);
  return { any: () => Atomics.load(cells, 0) > 0, takeOne: () => Atomics.sub(cells, 0, 1) };
}

/** Messages to the thread. */
export type ToThread = { poke: true } | { stop: true } | { call: number; op: string; input: unknown };
/** Messages from the thread. */
export type FromThread =
  | { ready: true }
  | { failed: string }
  | { reply: number; result?: unknown; error?: string };

export type ThreadWorker = Worker & {
  /** Runs `op` on the thread; undefined while the thread is not running (do it here instead). */
  call(op: string, input: unknown): Promise<unknown> | undefined;
  /** Resolves once the thread (started or restarted) has its runtime open and its worker running. */
  ready(): Promise<void>;
};

/** The bundle runs dist/worker-thread.js; the TypeScript sources (tests, `tsx`) boot a loader first. */
function entry(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./thread-boot.mjs', import.meta.url)
    : new URL('./worker-thread.js', import.meta.url);
}

export function startWorkerThread(opts: {
  config: Config;
  writerLock: WriterLock | undefined;
  log: WorkerLog;
  prettyLogs: boolean;
}): ThreadWorker {
  const { log } = opts;
  let thread: Thread | undefined;
  let ready = false;
  let readyWaiters: (() => void)[] = [];
  let nextCall = 1;
  const calls = new Map<number, { resolve: (v: unknown) => void; reject: (err: Error) => void }>();
  const callsWaiting = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  let running = false;
  let exited: Promise<void> = Promise.resolve();
  let restartTimer: NodeJS.Timeout | undefined;

  function spawn() {
    const data: ThreadData = {
      config: opts.config,
      writerLock: opts.writerLock?.buffer,
      traffic: traffic.buffer,
      callsWaiting: callsWaiting.buffer as SharedArrayBuffer,
      prettyLogs: opts.prettyLogs,
    };
    const t = new Thread(entry(), { workerData: data });
    thread = t;
    exited = new Promise((resolve) => {
      t.once('exit', (code) => {
        thread = undefined;
        ready = false;
        Atomics.store(callsWaiting, 0, 0);
        // Whether a call in flight was done is unknown: its caller fails (a gateway sends again).
        for (const c of calls.values()) c.reject(new Error('The worker thread stopped.'));
        calls.clear();
        // A thread stopped in the middle of a transaction leaves the lock held: free it.
        opts.writerLock?.abandon(THREAD_HOLDER);
        resolve();
        if (!running) return;
        log.error({ code }, 'the worker thread stopped; starting it again');
        restartTimer = setTimeout(() => running && spawn(), RESTART_MS);
      });
    });
    t.on('error', (err) => log.error({ err: String(err?.stack ?? err) }, 'the worker thread failed'));
    t.on('message', (m: FromThread) => {
      if ('reply' in m) {
        const c = calls.get(m.reply);
        calls.delete(m.reply);
        if (m.error === undefined) c?.resolve(m.result);
        else c?.reject(new Error(m.error));
      } else if ('ready' in m) {
        ready = true;
        for (const resolve of readyWaiters) resolve();
        readyWaiters = [];
      } else if ('failed' in m) log.error({ err: m.failed }, 'the worker thread could not start');
    });
  }

  return {
    start() {
      if (running) return;
      running = true;
      spawn();
    },
    ready: () => (ready ? Promise.resolve() : new Promise((resolve) => readyWaiters.push(resolve))),
    call(op, input) {
      if (!thread || !ready) return undefined;
      const id = nextCall++;
      Atomics.add(callsWaiting, 0, 1);
      thread.postMessage({ call: id, op, input } satisfies ToThread);
      return new Promise((resolve, reject) => calls.set(id, { resolve, reject }));
    },
    async stop() {
      running = false;
      ready = false;
      clearTimeout(restartTimer);
      thread?.postMessage({ stop: true } satisfies ToThread);
      await exited;
    },
    async runOnce() {
      throw new Error('runOnce runs an in-process worker; this one runs on its own thread.');
    },
    poke() {
      thread?.postMessage({ poke: true } satisfies ToThread);
    },
  };
}
