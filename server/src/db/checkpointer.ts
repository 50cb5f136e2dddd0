import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite's WAL checkpoints, off the thread that serves requests. By default the connection that
 * commits past 1,000 WAL pages copies them back into the database file and fsyncs it, inside that
 * commit: under a burst of writes this was a quarter of the server's CPU and its slowest
 * responses (bench/checkout). Here one background thread per process keeps a connection to each
 * open database file and runs a PASSIVE checkpoint every CHECKPOINT_EVERY_MS: it never waits for
 * or blocks the writer, and once all frames are copied the next write starts the WAL over, so
 * its size stays bounded. The request thread's own automatic checkpoint stays on, at a much
 * larger size (see connect.ts), as a backstop if this thread ever falls behind.
 */

const CHECKPOINT_EVERY_MS = 100;

// Plain CommonJS run by the worker thread (no TypeScript loader is needed there).
const CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.sqlite);
const files = new Map();
parentPort.on('message', (m) => {
  if (m.watch) {
    const f = files.get(m.watch);
    if (f) f.refs++;
    else {
      try {
        const db = new SQLite(m.watch, { fileMustExist: true });
        db.pragma('busy_timeout = 0');
        db.pragma('synchronous = NORMAL');
        files.set(m.watch, { db, refs: 1 });
      } catch {}
    }
  }
  if (m.unwatch) {
    const f = files.get(m.unwatch);
    if (f && --f.refs === 0) {
      files.delete(m.unwatch);
      try { f.db.close(); } catch {}
    }
  }
});
setInterval(() => {
  for (const f of files.values()) {
    try { f.db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  }
}, workerData.everyMs);
`;

let worker: Worker | undefined;

function thread(): Worker {
  if (!worker) {
    const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
    worker = new Worker(CODE, { eval: true, workerData: { sqlite, everyMs: CHECKPOINT_EVERY_MS } });
    // Never keeps the process alive; a failed thread only means checkpoints happen on commit again.
    worker.unref();
    worker.on('error', () => {
      worker = undefined;
    });
  }
  return worker;
}

/** Checkpoints `file` in the background until `unwatch` is called as often as `watch` was. */
export function watchWal(file: string): () => void {
  thread().postMessage({ watch: file });
  let watching = true;
  return () => {
    if (!watching) return;
    watching = false;
    worker?.postMessage({ unwatch: file });
  };
}
