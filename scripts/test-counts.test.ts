import { describe, expect, test } from 'vitest';
import { playwrightCounts, vitestCounts } from './test-counts.mjs';

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
