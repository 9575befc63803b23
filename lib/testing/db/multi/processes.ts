import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const bundles = new Map<string, string[]>();

async function runnerArgs(entry: string) {
  const known = bundles.get(entry);
  if (known) return known;
  let args: string[];
  try {
    const esbuild = await import('esbuild');
    const outDir = path.join(ROOT, 'bench', 'tmp');
    fs.mkdirSync(outDir, { recursive: true });
    const outfile = path.join(outDir, `multi-${path.basename(entry, '.ts')}.bundle.mjs`);
    const tmp = `${outfile}.${process.pid}.tmp.mjs`;
    esbuild.buildSync({
      entryPoints: [path.join(ROOT, entry)],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    });
    fs.renameSync(tmp, outfile);
    args = [outfile];
  } catch {
    args = ['--import', 'tsx', path.join(ROOT, entry)];
  }
  bundles.set(entry, args);
  return args;
}

export type Instance = {
  name: string;
  pid: number;
  output: () => string;
  /** SIGKILL, as a machine that dies: no clean-up, its job's lease must expire */
  kill: () => Promise<void>;
  stop: () => Promise<void>;
};

/** Starts `entry` (a path from the repository root) as its own node process with `env` added to the test's. */
export async function startProcess(name: string, entry: string, env: Record<string, string>): Promise<Instance> {
  const args = await runnerArgs(entry);
  const child: ChildProcess = spawn(process.execPath, ['--conditions=react-server', '--no-warnings', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    name,
    pid: child.pid!,
    output: () => out,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until `GET base/api/health` answers 200 (the process is listening), or fails after `ms`. */
export async function waitHealthy(base: string, instance: Instance, ms = 60_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await fetch(`${base}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${instance.name} not listening on ${base} after ${ms} ms:\n${instance.output().slice(-2000)}`);
}

/** Polls `read` every `everyMs` until `done(value)`; resolves with the value and the milliseconds it took. */
export async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms: number, everyMs = 25) {
  const t0 = performance.now();
  for (;;) {
    const v = await read();
    const took = performance.now() - t0;
    if (done(v)) return { value: v, ms: took };
    if (took > ms) throw new Error(`not reached within ${ms} ms; last value ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** POSTs `body` (JSON) to `base + route`; the status, the parsed answer and whether it was an idempotent replay. */
export async function post(base: string, route: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), replayed: res.headers.get('idempotent-replayed') === 'true' };
}
