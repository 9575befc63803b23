// Runs bench/fault-run.ts in a child process that the fault suite can SIGKILL: an esbuild bundle (a restart takes a
// fraction of a second), or tsx when esbuild is unavailable.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
let runner: string[] | null = null;

async function runnerArgs() {
  if (runner) return runner;
  const entry = path.join(ROOT, 'bench', 'fault-run.ts');
  try {
    const esbuild = await import('esbuild');
    const outDir = path.join(ROOT, 'bench', 'tmp');
    fs.mkdirSync(outDir, { recursive: true });
    const outfile = path.join(outDir, 'fault-run.bundle.mjs');
    const tmp = `${outfile}.${process.pid}.tmp.mjs`;
    esbuild.buildSync({
      entryPoints: [entry],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    });
    fs.renameSync(tmp, outfile);
    runner = [outfile];
  } catch {
    runner = ['--import', 'tsx', entry];
  }
  return runner;
}

/** A seeded generator (mulberry32): the same seed gives the same kill moments. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Kill = {
  /** resolves true when the work has reached the point after which the kill may land (false: the child has gone) */
  armed: (gone: () => boolean) => Promise<boolean>;
  afterMs: number;
};

/**
 * Runs `fault-run …args` against the database at `url` (and the data folder `dataDir`). With `kill`: SIGKILL
 * `afterMs` after `armed()` resolves true. Resolves with done (false: killed) and what the child printed.
 */
export async function runChild(args: string[], env: { url: string; dataDir: string }, kill: Kill | null = null) {
  const base = await runnerArgs();
  return new Promise<{ done: boolean; out: string }>((resolve, reject) => {
    const p = spawn(process.execPath, ['--conditions=react-server', '--no-warnings', ...base, ...args], {
      cwd: ROOT,
      env: {
        // secrets the server code insists on; a child of the fault suite never serves a request
        NEXTAUTH_SECRET: 'fault-suite-secret-0123456789abcdef0123',
        PRECISA_PEPPER: 'fault-suite-pepper-0123456789abcdef0123',
        ...process.env,
        DATABASE_URL: env.url,
        PRECISA_DATA_DIR: env.dataDir,
        // a killed child's job is re-claimed 1.5 s after its last heartbeat rather than 30 s
        PRECISA_JOB_LEASE_MS: '1500',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    let exited = false;
    p.stderr.on('data', (d) => (stderr += d));
    if (kill)
      void kill
        .armed(() => exited)
        .then((go) => {
          if (go && !exited) setTimeout(() => p.kill('SIGKILL'), kill.afterMs);
        });
    p.on('exit', (code, signal) => {
      exited = true;
      if (signal === 'SIGKILL') resolve({ done: false, out });
      else if (code === 0) resolve({ done: true, out });
      else reject(new Error(`fault-run ${args.join(' ')} failed (${code ?? signal}): ${stderr.slice(-2000)}`));
    });
  });
}

/** Polls `cond` every 20 ms until it holds (true) or `stop()` says the child has gone (false). */
export async function waitFor(cond: () => Promise<boolean>, stop: () => boolean) {
  while (!stop()) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}
