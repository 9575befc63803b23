// Secrets for a self-hosted install: taken from the environment when set (production), otherwise generated once
// into data/secrets.json (mode 600) so `npm run demo` works on a fresh clone without handing out a shared secret.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function loadSecrets(root = process.cwd()): { NEXTAUTH_SECRET: string; PRECISA_PEPPER: string } {
  const dataDir = path.resolve(root, process.env.PRECISA_DATA_DIR ?? 'data');
  const file = path.join(dataDir, 'secrets.json');
  let stored: Record<string, string> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, 'utf8'));
  const secrets = {
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? stored.NEXTAUTH_SECRET ?? randomBytes(32).toString('base64url'),
    PRECISA_PEPPER: process.env.PRECISA_PEPPER ?? stored.PRECISA_PEPPER ?? randomBytes(32).toString('base64url'),
  };
  if (!process.env.NEXTAUTH_SECRET || !process.env.PRECISA_PEPPER) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ ...stored, ...secrets }, null, 2), { mode: 0o600 });
  }
  Object.assign(process.env, secrets);
  return secrets;
}
