/**
 * Which timestamps are possible: none before the shop's first order, none more than a day after now (a clock a
 * little ahead, or a time zone read wrongly, is tolerated; a 2099 date is not). Without orders there is no lower
 * bound.
 */
export const FUTURE_TOLERANCE_MS = 24 * 3_600_000;

export type DateWindow = { earliest: Date | null; latest: Date };

/**
 * @example
 * validDateWindow(new Date('2025-01-10T00:00:00Z'), new Date('2026-12-01T12:00:00Z'))
 * // { earliest: 2025-01-10T00:00:00Z, latest: 2026-12-02T12:00:00Z }
 */
export function validDateWindow(firstOrderAt: Date | null, now: Date): DateWindow {
  return { earliest: firstOrderAt, latest: new Date(now.getTime() + FUTURE_TOLERANCE_MS) };
}

export function isPossibleDate(ts: Date, window: DateWindow) {
  return ts.getTime() <= window.latest.getTime() && (!window.earliest || ts.getTime() >= window.earliest.getTime());
}

/** A source (or import kind) with nothing newer than this is stale. */
export const STALE_AFTER_MS = 7 * 24 * 3_600_000;

export type SourceFreshness = { source: string; lastAt: Date | null };

/**
 * How old each source's newest row is, in hours, and whether it is stale (nothing for more than 7 days, or never).
 * Times beyond now + 24 h are impossible and must be left out by the caller; a `lastAt` after now counts as age 0.
 * @example
 * freshnessOf([{ source: 'api', lastAt: new Date('2026-12-01T00:00:00Z') }], new Date('2026-12-09T06:00:00Z'))
 * // [{ source: 'api', lastAt: …, ageHours: 198, isStale: true }]
 */
export function freshnessOf(sources: SourceFreshness[], now: Date) {
  return sources.map((s) => {
    const ageMs = s.lastAt ? Math.max(0, now.getTime() - s.lastAt.getTime()) : null;
    return {
      ...s,
      ageHours: ageMs === null ? null : Math.floor(ageMs / 3_600_000),
      isStale: ageMs === null || ageMs > STALE_AFTER_MS,
    };
  });
}

const DAY_MS = 86_400_000;

/**
 * When the nightly report runs: 03:30 UTC of the next day (after the nightly portrait recompute at 03:00).
 * @example
 * nextNightlyRun(Date.UTC(2026, 0, 15, 12)) // 2026-01-16T03:30:00Z
 */
export function nextNightlyRun(now: number) {
  return new Date(Math.floor(now / DAY_MS) * DAY_MS + DAY_MS + 3.5 * 3_600_000);
}
