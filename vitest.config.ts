import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Unit tests (pure lib code) run in parallel; integration tests share one database, run serially, and each test file
// starts from empty tables.
export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'lib/testing/server-only.ts'),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', 'node_modules/**'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['lib/**/*.integration.test.ts', 'app/**/*.integration.test.ts', 'scripts/**/*.integration.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          globalSetup: ['lib/testing/db/integration-setup.ts'],
          setupFiles: ['lib/testing/db/clean-database.ts'],
          env: {
            NEXTAUTH_SECRET: 'integration-test-secret-0123456789abcdef',
            PRECISA_PEPPER: 'integration-test-pepper-0123456789abcdef',
          },
        },
      },
    ],
  },
});
