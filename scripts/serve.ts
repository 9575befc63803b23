// Runs Precisa: prepares the installation (secrets, migrations, first admin), then starts the web server, the
// background worker and the storefront API server (scripts/storefront.ts, on PORT + 1) side by side, or only those
// named in PRECISA_SERVE (app, storefront, worker; see docs/deployment.md). If one exits, all stop. Used by
// `npm start`, `npm run demo` and the e2e tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseEnv } from '../lib/env';
import { loadSecrets } from './secrets';
import { type Role, serveRoles } from './serve-roles';

const root = path.resolve(import.meta.dirname, '..');
const port = process.env.PORT ?? '3000';
let roles: Role[];
try {
  roles = serveRoles(process.env.PRECISA_SERVE);
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(2);
}
loadSecrets(root);
// Every setting is checked before anything starts: a bad one (a DATABASE_READ_URL beside a SQLite primary, a secret
// too short) stops here with its reason rather than failing the first request that reads it.
try {
  parseEnv(process.env);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
process.env.NEXT_TELEMETRY_DISABLED = '1';

const boot = spawnSync(
  process.execPath,
  ['--experimental-wasm-modules', '--no-warnings', '--import', 'tsx', 'scripts/bootstrap.ts'],
  { cwd: root, stdio: 'inherit', env: process.env },
);
if (boot.status !== 0) process.exit(boot.status ?? 1);

const start: Record<Role, () => ChildProcess> = {
  app: () =>
    spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', port], {
      cwd: root,
      stdio: 'inherit',
      env: process.env,
    }),
  worker: () =>
    spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/worker.ts'], {
      cwd: root,
      stdio: 'inherit',
      env: process.env,
    }),
  storefront: () =>
    spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/storefront.ts'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, STOREFRONT_PORT: process.env.STOREFRONT_PORT ?? String(Number(port) + 1) },
    }),
};
const children = roles.map((role) => start[role]());
console.log(
  `\n  Precisa is starting (${roles.join(', ')})${roles.includes('app') ? ` on http://localhost:${port}` : ''}\n`,
);

let stopping = false;
const stop = (code: number) => {
  if (stopping) return;
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3_000).unref();
};
for (const c of children) c.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
