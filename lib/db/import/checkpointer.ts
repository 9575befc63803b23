import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Checkpoints an import's SQLite database on a thread of its own. With SQLite's automatic checkpoint, the import's
 * COMMIT also copies every page of the write-ahead log into the database file and syncs it. For 300k events the
 * writer spent 609 ms in COMMIT with it and 238 ms with this thread (CPU profile, bench/import.ts). A PASSIVE
 * checkpoint may run beside the writer, so the import turns its automatic checkpoint off and asks this thread for
 * one after each commit; the writer keeps writing the next batch meanwhile. Durability is unchanged: a commit is
 * durable once its log frames are synced, which the writer still does itself. A checkpoint that fails (e.g. a full
 * disk) leaves the log to the next one: the writer meets the same error in its own writes and reports it.
 *
 * By hand rather than a library: this is one PRAGMA on a second connection; the worker is an inline script so it needs
 * no file of its own beside a bundle (the importer also runs from an esbuild bundle in bench/import.ts).
 */
const SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const conn = new Database(workerData.file);
parentPort.on('message', (m) => {
  if (m === 'close') {
    try { conn.pragma('wal_checkpoint(PASSIVE)'); } catch {}
    conn.close();
    parentPort.postMessage('closed');
    return;
  }
  try { conn.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  parentPort.postMessage('done');
});
`;

export type Checkpointer = {
  /** Asks for a checkpoint of everything committed so far (one runs at a time; requests meanwhile make one more). */
  request(): void;
  /** Resolves once no checkpoint is running or asked for. */
  settled(): Promise<void>;
  /** False once the thread has ended (closed, or it failed to start): the writer checkpoints by itself again. */
  readonly alive: boolean;
  /** A last checkpoint, then the thread ends. */
  close(): Promise<void>;
};

/** A checkpoint thread for the database file `file`, or null where a worker cannot start (then SQLite's own applies). */
export function startCheckpointer(file: string): Checkpointer | null {
  let worker: Worker;
  try {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    worker = new Worker(SCRIPT, { eval: true, workerData: { driver, file } });
  } catch {
    return null;
  }
  worker.unref();
  let busy = false;
  let again = false;
  let closed = false;
  let closing = false;
  const waiters: (() => void)[] = [];
  let onClosed: (() => void) | null = null;
  const ended = new Promise<void>((resolve) => {
    onClosed = resolve;
  });
  worker.on('message', (m: string) => {
    if (m === 'closed') return void worker.terminate().then(onClosed, onClosed);
    busy = again && !closing;
    again = false;
    if (busy) worker.postMessage('go');
    else for (const resolve of waiters.splice(0)) resolve();
  });
  // a worker that dies leaves nothing behind: the log is checkpointed by whoever commits or closes next
  worker.on('error', () => {});
  worker.on('exit', () => {
    closed = true;
    busy = false;
    for (const resolve of waiters.splice(0)) resolve();
    onClosed?.();
  });
  return {
    get alive() {
      return !closed;
    },
    request() {
      if (closed || closing) return;
      if (busy) again = true;
      else {
        busy = true;
        worker.postMessage('go');
      }
    },
    settled() {
      return busy ? new Promise<void>((resolve) => waiters.push(resolve)) : Promise.resolve();
    },
    async close() {
      if (!closed && !closing) worker.postMessage('close');
      closing = true;
      await ended;
    },
  };
}
