import { describe, expect, test } from 'vitest';
import { dayOf, dayStartMs, toPredicate, windowRange, zoneOffsetMs } from './semantics';

// Reference instants from the IANA database (Asia/Shanghai is UTC+8 all year; New York leaves EST for EDT at
// 2026-03-08 02:00 local and returns at 2026-11-01 02:00 local).
describe("dates are the shop's calendar days", () => {
  test('offsets and local midnights', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 10, 11), 'Asia/Shanghai')).toBe(8 * 3_600_000);
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15, 12, 0, 0, 999), 'America/New_York')).toBe(-5 * 3_600_000);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 15), 'America/New_York')).toBe(-4 * 3_600_000);
    expect(dayStartMs('2026-11-11')).toBe(Date.UTC(2026, 10, 11));
    expect(dayStartMs('2026-11-11', 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 10, 16));
    expect(dayStartMs('2026-03-08', 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 5)); // still EST at midnight
    expect(dayStartMs('2026-03-09', 'America/New_York')).toBe(Date.UTC(2026, 2, 9, 4)); // EDT
    expect(dayStartMs('2026-11-01', 'America/New_York')).toBe(Date.UTC(2026, 10, 1, 4)); // still EDT at midnight
    expect(dayStartMs('2026-11-02', 'America/New_York')).toBe(Date.UTC(2026, 10, 2, 5));
  });

  test('the day of an instant', () => {
    const t = Date.UTC(2026, 10, 10, 17); // 01:00 on 11 Nov in Shanghai, 12:00 on 10 Nov in New York
    expect(dayOf(t)).toBe('2026-11-10');
    expect(dayOf(t, 'Asia/Shanghai')).toBe('2026-11-11');
    expect(dayOf(t, 'America/New_York')).toBe('2026-11-10');
  });

  test('windows and date comparisons cover whole local days, also across a DST change', () => {
    const w = { type: 'between' as const, from: '2026-11-01', to: '2026-11-11' };
    expect(windowRange(w, 0, 'Asia/Shanghai')).toEqual({
      from: Date.UTC(2026, 9, 31, 16),
      to: Date.UTC(2026, 10, 11, 16) - 1,
    });
    expect(windowRange(w, 0, 'America/New_York')).toEqual({
      from: Date.UTC(2026, 10, 1, 4),
      to: Date.UTC(2026, 10, 12, 5) - 1,
    }); // a 25-hour first day
    expect(toPredicate({ op: 'eq', value: '2026-11-11' }, 'time', 0, false, 'Asia/Shanghai')).toEqual({
      kind: 'range',
      lo: { value: Date.UTC(2026, 10, 10, 16), inclusive: true },
      hi: { value: Date.UTC(2026, 10, 11, 16), inclusive: false },
      negate: false,
    });
  });
});
