import { describe, expect, test } from 'vitest';
import { clientAddress, isStale, lockSeconds, retryAfterSeconds, THROTTLE } from './login-throttle';

const t0 = new Date('2026-01-01T00:00:00Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe('login back-off', () => {
  test.each([
    [4, 0],
    [5, 60],
    [6, 120],
    [7, 240],
    [11, 3600],
    [30, 3600],
  ])('%i failures with 5 free lock for %i s', (failures, seconds) => {
    expect(lockSeconds(failures, 5)).toBe(seconds);
  });

  test('a lock counts down to zero', () => {
    const state = { failures: 5, lockedUntil: later(60_000), lastFailureAt: t0 };
    expect(retryAfterSeconds(state, t0)).toBe(60);
    expect(retryAfterSeconds(state, later(59_500))).toBe(1);
    expect(retryAfterSeconds(state, later(60_000))).toBe(0);
    expect(retryAfterSeconds(null, t0)).toBe(0);
  });

  test('failures older than a day are forgotten', () => {
    const state = { failures: 9, lockedUntil: null, lastFailureAt: t0 };
    expect(isStale(state, later(THROTTLE.forgetAfterMs))).toBe(false);
    expect(isStale(state, later(THROTTLE.forgetAfterMs + 1))).toBe(true);
    expect(isStale(null, t0)).toBe(true);
  });

  test('the client address is the last X-Forwarded-For hop', () => {
    expect(clientAddress('10.0.0.1, 203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddress('::1')).toBe('::1');
    expect(clientAddress(null)).toBe('unknown');
  });

  test('invalid counts are refused', () => {
    expect(() => lockSeconds(-1, 5)).toThrow(RangeError);
  });
});
