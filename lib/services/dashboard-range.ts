import { dayOf, dayStartMs } from '@/lib/engine/segment/semantics';

/**
 * The dashboard's period: whole calendar days of the shop's time zone, a preset (the last 7/30/90/365 days up to the
 * newest data) or a custom from/to, and the period of the same number of days just before it for comparison.
 * Pure: the service passes the newest data time and the zone.
 */
export const RANGE_PRESETS = [7, 30, 90, 365] as const;
export const DEFAULT_PRESET = 90;
export const MAX_RANGE_DAYS = 1096;
const DAY = 86_400_000;

export type Period = { from: number; to: number; fromDay: string; toDay: string };
export type DashboardRange = Period & { days: number; preset: number | null; previous: Period; unit: 'day' | 'week' };
export type RangeProblem =
  | { reason: 'invalid'; value: string }
  | { reason: 'order'; from: string; to: string }
  | { reason: 'tooLong' }
  | { reason: 'preset'; value: string };

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not). */
const isIsoDay = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** `day` moved by `n` calendar days (YYYY-MM-DD arithmetic in UTC, where every day has 24 hours). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** Calendar days from `fromDay` to `toDay`, both included. */
export function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY) + 1;
}

/** From 00:00 of the first day to the last millisecond of the last day, in `timeZone`. */
export function periodOf(fromDay: string, toDay: string, timeZone: string): Period {
  return { from: dayStartMs(fromDay, timeZone), to: dayStartMs(addDays(toDay, 1), timeZone) - 1, fromDay, toDay };
}

function build(fromDay: string, toDay: string, timeZone: string, preset: number | null): DashboardRange {
  const days = daysBetween(fromDay, toDay);
  const previous = periodOf(addDays(fromDay, -days), addDays(fromDay, -1), timeZone);
  return { ...periodOf(fromDay, toDay, timeZone), days, preset, previous, unit: days <= 92 ? 'day' : 'week' };
}

/**
 * Reads `range` (a preset in days) or `from`/`to` (YYYY-MM-DD, shop days; `to` defaults to the newest data's day).
 * A bad value is reported and the default (the last 90 days) used instead: never an error.
 * @example resolveRange({ range: '7' }, Date.parse('2026-03-10T12:00:00Z'), 'UTC').range.fromDay // '2026-03-04'
 */
export function resolveRange(
  input: { range?: string; from?: string; to?: string },
  anchor: number,
  timeZone: string,
): { range: DashboardRange; problems: RangeProblem[] } {
  const problems: RangeProblem[] = [];
  const anchorDay = dayOf(anchor, timeZone);
  if (input.from || input.to) {
    const from = input.from ?? '';
    const to = input.to || anchorDay;
    const bad = [from, to].find((d) => !isIsoDay(d));
    if (bad !== undefined) problems.push({ reason: 'invalid', value: bad.slice(0, 40) });
    else if (from > to) problems.push({ reason: 'order', from, to });
    else if (daysBetween(from, to) > MAX_RANGE_DAYS) problems.push({ reason: 'tooLong' });
    else return { range: build(from, to, timeZone, null), problems };
  }
  let preset = DEFAULT_PRESET;
  if (input.range && !problems.length) {
    const n = Number(input.range);
    if ((RANGE_PRESETS as readonly number[]).includes(n)) preset = n;
    else problems.push({ reason: 'preset', value: input.range.slice(0, 40) });
  }
  return { range: build(addDays(anchorDay, -(preset - 1)), anchorDay, timeZone, preset), problems };
}

export type Bucket = { start: number; orders: number; revenue: number; prevRevenue: number; prevOrders: number };

/**
 * Sums fine-grained (e.g. 15-minute) order buckets into the range's shop days or weeks (weeks start on the range's
 * first day), with the previous period's values at the same position for comparison. Every bucket is present.
 */
export function bucketSeries(
  range: DashboardRange,
  timeZone: string,
  current: { t: number; orders: number; revenue: number }[],
  previous: { t: number; orders: number; revenue: number }[],
): Bucket[] {
  const step = range.unit === 'day' ? 1 : 7;
  const count = Math.ceil(range.days / step);
  const buckets: Bucket[] = Array.from({ length: count }, (_, k) => ({
    start: dayStartMs(addDays(range.fromDay, k * step), timeZone),
    orders: 0,
    revenue: 0,
    prevRevenue: 0,
    prevOrders: 0,
  }));
  const add = (rows: typeof current, firstDay: string, isPrevious: boolean) => {
    for (const row of rows) {
      const k = Math.floor((daysBetween(firstDay, dayOf(row.t, timeZone)) - 1) / step);
      const b = buckets[k];
      if (!b || k < 0) continue;
      if (isPrevious) {
        b.prevOrders += row.orders;
        b.prevRevenue += row.revenue;
      } else {
        b.orders += row.orders;
        b.revenue += row.revenue;
      }
    }
  };
  add(current, range.fromDay, false);
  add(previous, range.previous.fromDay, true);
  return buckets;
}
