/**
 * A tiny pool of Node worker threads that run self-contained numeric kernels over SharedArrayBuffer-backed typed
 * arrays, so the heavy loops of EASE and ALS use every core without copying matrices.
 *
 * A kernel is a plain function whose body references nothing but its arguments and JavaScript built-ins (no
 * imports, no closures, no nested arrow functions): its source text (`fn.toString()`) is evaluated inside the worker,
 * which is why the workers need no separate entry file and work the same under tsx, Vitest and a bundled server.
 * Typed arrays on a SharedArrayBuffer are shared, not copied, when posted to a worker.
 *
 * The calling thread always takes the first share of the work itself, so `threads: 1` starts no worker at all.
 *
 * @example
 * const pool = await createKernelPool({ axpy: axpyKernel }, { threads: 2 });
 * await pool.run('axpy', [[x, y, 0, half], [x, y, half, n]]); // one argument list per thread
 * await pool.close();
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';

/** Arguments a kernel may take: numbers and typed arrays (shared ones are not copied). */
export type KernelArg = number | Float64Array | Float32Array | Int32Array | Uint8Array;
/** A self-contained kernel function (see the module comment). */
export type Kernel = (...args: never[]) => void;

export type KernelPool = {
  /** number of threads including the calling one */
  readonly threads: number;
  /** runs kernel `name` once per argument list (thread t gets argsPerThread[t]); resolves when all finish */
  run(name: string, argsPerThread: KernelArg[][]): Promise<void>;
  close(): Promise<void>;
};

export type KernelPoolOptions = {
  /** threads to use including the caller; default min(2, available cores). 1 runs everything inline. */
  threads?: number;
};

/** The default thread count: the machine's cores, capped at 2 (the figure the benchmarks are tuned for). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** Allocates a zeroed Float64Array that workers can share (a SharedArrayBuffer when `shared`). */
export function sharedFloat64(length: number, shared = true): Float64Array {
  return new Float64Array(shared ? new SharedArrayBuffer(length * 8) : new ArrayBuffer(length * 8));
}

/** Allocates a zeroed Float32Array that workers can share (a SharedArrayBuffer when `shared`). */
export function sharedFloat32(length: number, shared = true): Float32Array {
  return new Float32Array(shared ? new SharedArrayBuffer(length * 4) : new ArrayBuffer(length * 4));
}

/** Copies an Int32Array into shared memory (or returns it as is when `shared` is false). */
export function sharedInt32(src: Int32Array, shared = true): Int32Array {
  if (!shared) return src;
  const out = new Int32Array(new SharedArrayBuffer(src.length * 4));
  out.set(src);
  return out;
}

function workerSource(kernels: Record<string, Kernel>): string {
  const entries = Object.entries(kernels)
    .map(([name, fn]) => `${JSON.stringify(name)}: (${fn.toString()})`)
    .join(',\n');
  // __name: esbuild's keepNames helper, in case a transpiler injected it into a kernel body.
  return `'use strict';
const { parentPort } = require('node:worker_threads');
const __name = (f) => f;
const kernels = {${entries}};
parentPort.on('message', (msg) => {
  try {
    kernels[msg.name].apply(null, msg.args);
    parentPort.postMessage({ id: msg.id });
  } catch (err) {
    parentPort.postMessage({ id: msg.id, error: String(err && err.stack || err) });
  }
});`;
}

/**
 * Starts `threads - 1` workers that know the given kernels.
 *
 * @example
 * const pool = await createKernelPool({ fill: fillKernel }, { threads: 1 }); // inline, no worker
 */
export async function createKernelPool(
  kernels: Record<string, Kernel>,
  options: KernelPoolOptions = {},
): Promise<KernelPool> {
  const threads = options.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1)
    throw new RangeError(`createKernelPool: threads must be a positive integer, got ${threads}`);
  const source = workerSource(kernels);
  const workers: Worker[] = [];
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let nextId = 0;
  for (let t = 1; t < threads; t++) {
    const w = new Worker(source, { eval: true });
    w.on('message', (msg: { id: number; error?: string }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`worker kernel failed: ${msg.error}`));
      else p.resolve();
    });
    w.on('error', (err) => {
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    });
    w.unref();
    workers.push(w);
  }
  const call = (t: number, name: string, args: KernelArg[]): Promise<void> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      workers[t - 1]!.postMessage({ id, name, args });
    });
  return {
    threads,
    async run(name, argsPerThread) {
      const fn = kernels[name];
      if (!fn) throw new RangeError(`KernelPool.run: unknown kernel ${name}`);
      if (argsPerThread.length > threads)
        throw new RangeError(`KernelPool.run: ${argsPerThread.length} argument lists for ${threads} threads`);
      const remote: Promise<void>[] = [];
      // Workers are unref'd between runs (an unclosed pool never keeps the process alive) and ref'd while busy.
      for (let t = 1; t < argsPerThread.length; t++) {
        workers[t - 1]!.ref();
        remote.push(call(t, name, argsPerThread[t]!));
      }
      // Wait for every thread even when one fails, so no worker's rejection is left unobserved.
      let inlineError: unknown = null;
      try {
        if (argsPerThread.length > 0) (fn as (...a: KernelArg[]) => void)(...argsPerThread[0]!);
      } catch (e) {
        inlineError = e;
      }
      const settled = await Promise.allSettled(remote);
      for (let t = 1; t < argsPerThread.length; t++) workers[t - 1]!.unref();
      if (inlineError !== null) throw inlineError;
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** One parallel step of an algorithm: run kernel `name` once per argument list (one list per thread). */
export type KernelCall = { name: string; args: KernelArg[][] };

/**
 * Drives an algorithm written as a generator of kernel calls on the calling thread only (the synchronous API used
 * by the evaluation harness). The same generator driven by `runSteps` gives bit-identical results, because every
 * entry is computed by the same operations whichever thread owns it.
 *
 * @example
 * runStepsSync(invertSpdSteps(a, 4, {}), { sweepUpdate: sweepUpdateKernel });
 */
export function runStepsSync<T>(
  steps: Generator<KernelCall, T, void>,
  kernels: Record<string, Kernel>,
  signal?: AbortSignal,
): T {
  for (;;) {
    signal?.throwIfAborted();
    const next = steps.next();
    if (next.done) return next.value;
    const fn = kernels[next.value.name] as ((...a: KernelArg[]) => void) | undefined;
    if (!fn) throw new RangeError(`runStepsSync: unknown kernel ${next.value.name}`);
    for (const args of next.value.args) fn(...args);
  }
}

/**
 * Drives a generator of kernel calls on a pool (all threads), checking `signal` between steps.
 *
 * @example
 * await runSteps(invertSpdSteps(a, n, { threads: pool.threads }), pool, signal);
 */
export async function runSteps<T>(
  steps: Generator<KernelCall, T, void>,
  pool: KernelPool,
  signal?: AbortSignal,
): Promise<T> {
  for (;;) {
    signal?.throwIfAborted();
    const next = steps.next();
    if (next.done) return next.value;
    await pool.run(next.value.name, next.value.args);
  }
}

/**
 * Splits rows 0..n into `parts` contiguous ranges of about equal work, where row r costs `cost(r)`; boundaries
 * are rounded down to multiples of `align`. Returns parts+1 boundaries.
 *
 * @example
 * balancedRanges(8, 2, (r) => r + 1, 1); // [0, 5, 8]: rows 0-4 cost 15, rows 5-7 cost 21 (nearest split)
 */
export function balancedRanges(n: number, parts: number, cost: (r: number) => number, align = 1): number[] {
  let total = 0;
  for (let r = 0; r < n; r++) total += cost(r);
  const bounds = [0];
  let acc = 0,
    r = 0;
  for (let p = 1; p < parts; p++) {
    const target = (total * p) / parts;
    while (r < n && acc + cost(r) / 2 < target) acc += cost(r++);
    bounds.push(Math.min(n, Math.max(bounds[p - 1]!, Math.floor(r / align) * align)));
  }
  bounds.push(n);
  return bounds;
}
