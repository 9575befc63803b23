// The production build the benchmarks that start `next start` need: built when missing, older than the newest source
// file under app/, components/ or lib/, or when asked.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function newestSource(root: string) {
  let newest = 0;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (['node_modules', '.next', 'generated'].includes(e.name)) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of ['app', 'components', 'lib']) walk(path.join(root, d));
  return newest;
}

/** Runs `next build` when needed; returns why it built (for the benchmark's output), or null when it did not. */
export function ensureNextBuild(root: string, env: NodeJS.ProcessEnv, force = false): string | null {
  const buildId = path.join(root, '.next/BUILD_ID');
  const stale = !fs.existsSync(buildId)
    ? 'missing'
    : fs.statSync(buildId).mtimeMs < newestSource(root)
      ? 'stale'
      : null;
  const reason = force ? 'asked for (--build)' : stale ? `.next was ${stale}` : null;
  if (!reason) return null;
  console.log(`building the app (next build): ${reason} …`);
  if (spawnSync('npx', ['next', 'build'], { cwd: root, env, stdio: 'inherit' }).status !== 0)
    throw new Error('next build failed');
  return reason;
}
