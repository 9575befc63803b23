import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EmailContent } from './campaign-email';

type Pending = { resolve: (r: { html: string; text: string }) => void; reject: (e: Error) => void };

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();

function start(): Worker {
  // the worker file is plain JS next to this one; it is run by Node, never bundled
  const file = path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'email', 'render-worker.mjs');
  const w = new Worker(file, { execArgv: [] });
  w.unref();
  w.on('message', (m: { id: number; result?: { html: string; text: string }; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.result) p.resolve(m.result);
    else p.reject(new Error(`e-mail rendering failed: ${m.error}`));
  });
  w.on('error', (e) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    worker = null;
  });
  w.on('exit', () => {
    worker = null;
  });
  return w;
}

/**
 * Renders an e-mail (HTML + plain text) with React Email in a worker thread: off the main thread, and outside the
 * react-server module condition under which Next's server code and the job worker run.
 */
export function renderEmailInWorker(content: EmailContent): Promise<{ html: string; text: string }> {
  worker ??= start();
  const w = worker;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref();
    w.postMessage({ id, content });
  }).finally(() => {
    if (pending.size === 0) w.unref();
  }) as Promise<{ html: string; text: string }>;
}
