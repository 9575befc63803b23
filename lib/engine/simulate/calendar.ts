/**
 * Shopping calendar of a Chinese e-commerce shop: weekly rhythm, a mild winter high, Double 11 (11.11) with its
 * pre-sale, 618, Double 12, Christmas/New Year and the Spring Festival lull. All functions take the UTC midnight of
 * a local calendar day (epoch ms) and are pure.
 */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** The model keeps every instant on a whole second, so ISO output with seconds loses nothing. */
export function toSeconds(ms: number): number {
  return Math.round(ms / 1000) * 1000;
}

/** Sunday … Saturday (Date#getUTCDay order). */
const WEEKDAY = [1.12, 0.95, 0.93, 0.95, 0.97, 1.02, 1.14];

/** Spring Festival (Chinese New Year's Day) by year; years outside the table simply have no lull. */
const SPRING_FESTIVAL: Record<number, string> = {
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
  2031: '2031-01-23',
  2032: '2032-02-11',
};

/** Local hour-of-day weights (0–23): quiet nights, a late-morning and a strong evening peak. */
export const HOUR_WEIGHTS: readonly number[] = [
  1.6, 0.9, 0.5, 0.3, 0.2, 0.2, 0.4, 0.9, 1.6, 2.3, 3.0, 3.2, 3.0, 2.6, 2.6, 2.7, 2.7, 2.6, 2.8, 3.4, 4.2, 4.6, 4.2,
  2.9,
];

function monthDay(day: number): [number, number] {
  const d = new Date(day);
  return [d.getUTCMonth() + 1, d.getUTCDate()];
}

function springFestivalOffset(day: number): number | null {
  const year = new Date(day).getUTCFullYear();
  for (const y of [year, year + 1]) {
    const iso = SPRING_FESTIVAL[y];
    if (iso) {
      const offset = Math.round((day - Date.parse(`${iso}T00:00:00Z`)) / DAY_MS);
      if (offset >= -14 && offset <= 6) return offset;
    }
  }
  return null;
}

/** Named peak of a day, if any (used by reports and tests). */
export function peakName(day: number): string | null {
  const [m, d] = monthDay(day);
  if (m === 11 && d === 11) return 'double-11';
  if (m === 6 && d === 18) return '618';
  if (m === 12 && d === 12) return 'double-12';
  return null;
}

/**
 * Relative visit intensity of a day (≈ 1 on an ordinary weekday).
 * @example seasonality(Date.parse('2025-11-11T00:00:00Z')) // ≈ 5.1 (Double 11 on a Tuesday in winter)
 */
export function seasonality(day: number): number {
  const date = new Date(day);
  const [m, d] = monthDay(day);
  const doy = (day - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS;
  let f = (WEEKDAY[date.getUTCDay()] as number) * (1 + 0.08 * Math.cos((2 * Math.PI * (doy - 20)) / 365));
  if (m === 10 && d >= 20) f *= 1.12;
  else if (m === 11) f *= d < 10 ? 1.5 : d === 10 ? 2 : d === 11 ? 5 : d === 12 ? 1.6 : 1;
  else if (m === 6) f *= d < 17 ? 1.1 : d === 17 ? 1.4 : d === 18 ? 2.2 : 1;
  else if (m === 12) f *= d === 12 ? 1.6 : d === 24 || d === 25 ? 1.4 : d >= 18 ? 1.25 : 1;
  else if (m === 1 && d === 1) f *= 1.3;
  const sf = springFestivalOffset(day);
  if (sf !== null) f *= sf < 0 ? 1.15 : 0.7;
  return f;
}

/**
 * Shop-wide discount (fraction off list price) on a day: the big sales and the Christmas week.
 * @example discountOn(Date.parse('2026-06-18T00:00:00Z')) // 0.2
 */
export function discountOn(day: number): number {
  const [m, d] = monthDay(day);
  if (m === 11) return d < 11 ? 0.12 : d === 11 ? 0.25 : d === 12 ? 0.1 : 0;
  if (m === 6) return d < 18 ? 0.05 : d === 18 ? 0.15 : 0;
  if (m === 12) return d === 12 ? 0.12 : d >= 20 && d <= 26 ? 0.1 : 0;
  return 0;
}

/** Hour weights for a day: on Double 11 the first hour after midnight is a rush. */
export function hourWeightsOn(day: number): readonly number[] {
  return peakName(day) === 'double-11' ? HOUR_WEIGHTS.map((w, h) => (h === 0 ? w * 6 : w)) : HOUR_WEIGHTS;
}

/** UTC midnight of the calendar day containing `ms` shifted by `offsetHours`. */
export function localDay(ms: number, offsetHours = 8): number {
  const shifted = ms + offsetHours * HOUR_MS;
  return shifted - (((shifted % DAY_MS) + DAY_MS) % DAY_MS);
}
