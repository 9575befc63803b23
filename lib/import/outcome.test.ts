import { describe, expect, test } from 'vitest';
import { importOutcome } from './outcome';

describe('importOutcome', () => {
  test.each([
    [{ status: 'completed', rowsRead: 0, rejected: 0 }, 'noRows'],
    [{ status: 'completed', rowsRead: 732, rejected: 732 }, 'allRejected'],
    [{ status: 'completed', rowsRead: 10, rejected: 2 }, 'completed'],
    [{ status: 'running', rowsRead: 0, rejected: 0 }, 'running'],
    [{ status: 'failed', rowsRead: 5, rejected: 5 }, 'failed'],
    [{ status: 'uploaded', rowsRead: 0, rejected: 0 }, 'uploaded'],
  ])('%o ends as %s', (row, outcome) => {
    expect(importOutcome(row)).toBe(outcome);
  });
});
