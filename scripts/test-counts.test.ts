import { describe, expect, test } from 'vitest';
import { playwrightCounts, playwrightFailures, vitestCounts, vitestFailures } from './test-counts.mjs';

describe('vitestCounts', () => {
  test('counts tests by status', () => {
    const report = {
      testResults: [
        {
          status: 'passed',
          assertionResults: [{ status: 'passed' }, { status: 'passed' }, { status: 'skipped' }, { status: 'todo' }],
        },
      ],
    };
    expect(vitestCounts(report)).toEqual({ passed: 2, failed: 0, skipped: 2 });
  });

  test('a suite that failed in its setup is a failure, not skipped tests', () => {
    // As Vitest reports a file whose beforeAll threw: the file failed, its tests are "skipped".
    const report = {
      testResults: [
        {
          status: 'failed',
          message: 'permission denied to create database',
          assertionResults: [{ status: 'skipped' }, { status: 'skipped' }],
        },
        { status: 'passed', assertionResults: [{ status: 'passed' }] },
      ],
    };
    expect(vitestCounts(report)).toEqual({ passed: 1, failed: 1, skipped: 0 });
  });

  test('a failed test is counted once, not again for its file', () => {
    const report = {
      testResults: [{ status: 'failed', assertionResults: [{ status: 'failed' }, { status: 'passed' }] }],
    };
    expect(vitestCounts(report)).toEqual({ passed: 1, failed: 1, skipped: 0 });
  });
});

describe('playwrightCounts', () => {
  test('flaky tests passed; errors outside tests fail', () => {
    const report = {
      stats: { expected: 3, flaky: 1, unexpected: 0, skipped: 2 },
      errors: [{ message: 'webServer exited' }],
    };
    expect(playwrightCounts(report)).toEqual({ passed: 4, failed: 1, skipped: 2 });
  });
});

describe('failure lines', () => {
  test('vitest: one line per failed test with the first line of its error, and per file broken in its setup', () => {
    const report = {
      testResults: [
        {
          name: '/repo/lib/a.test.ts',
          status: 'failed',
          assertionResults: [
            {
              status: 'failed',
              fullName: 'a › adds',
              failureMessages: ['\nAssertionError: expected 2 to be 3\n  at x'],
            },
            { status: 'passed', fullName: 'a › keeps' },
          ],
        },
        { name: '/repo/lib/b.test.ts', status: 'failed', message: 'permission denied', assertionResults: [] },
        { name: '/repo/lib/c.test.ts', status: 'passed', assertionResults: [{ status: 'passed' }] },
      ],
    };
    expect(vitestFailures(report, '/repo')).toEqual([
      'lib/a.test.ts › a › adds: AssertionError: expected 2 to be 3',
      'lib/b.test.ts: permission denied',
    ]);
  });

  test('playwright: tests that failed on their last try, nested suites included, and errors outside tests', () => {
    const report = {
      suites: [
        {
          specs: [{ title: 'ok', file: 'e2e/a.spec.ts', line: 3, tests: [{ status: 'flaky', results: [] }] }],
          suites: [
            {
              specs: [
                {
                  title: 'saves',
                  file: 'e2e/b.spec.ts',
                  line: 9,
                  tests: [
                    { status: 'unexpected', results: [{ error: { message: 'Timeout 5000ms exceeded.\nmore' } }] },
                  ],
                },
              ],
            },
          ],
        },
      ],
      errors: [{ message: 'webServer exited early' }],
    };
    expect(playwrightFailures(report)).toEqual([
      'e2e/b.spec.ts:9 › saves: Timeout 5000ms exceeded.',
      'webServer exited early',
    ]);
  });
});
