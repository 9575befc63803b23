// Generates the Prisma clients for both providers. `prisma generate` needs no schema engine, but every prisma
// command first tries to download one (unreachable here); pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing
// executable skips that (../shared/docs/offline-toolchain.md).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/true',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
for (const provider of ['sqlite', 'postgresql']) {
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/prisma/build/index.js'), 'generate', '--schema', `prisma/${provider}/schema.prisma`],
    { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}
console.log('prisma clients generated (sqlite, postgresql)');
