import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// Browser tests run against the production build on a fresh SQLite database in a temp folder, in Debian's Chromium.
// The config is loaded by the runner and by every worker: the first load picks the folder, the rest inherit it.
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-e2e-'));
const dataDir = process.env.E2E_DATA_DIR;
export const E2E_DATABASE_URL = `file:${path.join(dataDir, 'e2e.db')}`;
const port = process.env.E2E_PORT ?? '3210';
export const E2E_ADMIN = { email: 'admin@e2e.test', password: 'e2e-admin-password' };

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node --import tsx scripts/serve.ts',
    url: `http://localhost:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: port,
      DATABASE_URL: E2E_DATABASE_URL,
      PRECISA_DATA_DIR: dataDir,
      PRECISA_ADMIN_EMAIL: E2E_ADMIN.email,
      PRECISA_ADMIN_PASSWORD: E2E_ADMIN.password,
      NEXTAUTH_SECRET: 'e2e-secret-0123456789abcdef0123456789abcdef',
      PRECISA_PEPPER: 'e2e-pepper-0123456789abcdef0123456789abcdef',
    },
  },
});
