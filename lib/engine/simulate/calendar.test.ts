import { describe, expect, test } from 'vitest';
import { DAY_MS, discountOn, localDay, peakName, seasonality } from './calendar';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const year = Array.from({ length: 365 }, (_, i) => day('2025-11-01') + i * DAY_MS);

describe('seasonality', () => {
  test('Double 11 is the busiest day of the year and November the busiest month', () => {
    const best = year.reduce((a, b) => (seasonality(b) > seasonality(a) ? b : a));
    expect(peakName(best)).toBe('double-11');
    const byMonth = new Map<number, number>();
    for (const d of year)
      byMonth.set(new Date(d).getUTCMonth(), (byMonth.get(new Date(d).getUTCMonth()) ?? 0) + seasonality(d));
    expect([...byMonth.entries()].sort((a, b) => b[1] - a[1])[0]![0]).toBe(10);
  });

  test('weekends are busier than weekdays; the Spring Festival week is quiet; Christmas has a bump', () => {
    expect(seasonality(day('2026-03-07'))).toBeGreaterThan(seasonality(day('2026-03-04'))); // Saturday vs Wednesday
    expect(seasonality(day('2026-02-18'))).toBeLessThan(0.8 * seasonality(day('2026-03-04')));
    expect(seasonality(day('2025-12-24'))).toBeGreaterThan(1.2 * seasonality(day('2025-12-03')));
  });

  test('discounts on sale days only', () => {
    expect(discountOn(day('2025-11-11'))).toBe(0.25);
    expect(discountOn(day('2026-06-18'))).toBe(0.15);
    expect(discountOn(day('2026-09-09'))).toBe(0);
  });

  test('localDay gives the UTC midnight of the local calendar day', () => {
    expect(localDay(Date.parse('2025-11-10T17:00:00Z'), 8)).toBe(day('2025-11-11'));
    expect(localDay(Date.parse('2025-11-10T15:00:00Z'), 8)).toBe(day('2025-11-10'));
  });
});
