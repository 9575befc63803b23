/** Parser and README cleaning for the landing-page test (`ab_test_landing_page/ab_data.csv.gz`). */
import type { Counts } from '../types';
import { columnIndex, readCsv } from './csv-text';

export type LandingPageRow = {
  userId: string;
  timestamp: string;
  group: string;
  landingPage: string;
  converted: boolean;
};

/**
 * Rows of ab_data.csv (already gunzipped).
 * @example parseLandingPage(text).length // 294478
 */
export function parseLandingPage(text: string): LandingPageRow[] {
  const { header, rows } = readCsv(text);
  const col = columnIndex(header, ['user_id', 'timestamp', 'group', 'landing_page', 'converted'], 'parseLandingPage');
  return rows.map((r) => ({
    userId: r[col.user_id] as string,
    timestamp: r[col.timestamp] as string,
    group: r[col.group] as string,
    landingPage: r[col.landing_page] as string,
    converted: r[col.converted] === '1',
  }));
}

/**
 * The README's cleaning: drop rows whose group and page disagree (treatment must see new_page, control
 * old_page), then keep the first row of each user_id. Returns conversion counts per group.
 * @example cleanLandingPage(rows) // { control: { successes: 17489, trials: 145274 }, treatment: { … }, dropped: 3894 }
 */
export function cleanLandingPage(rows: readonly LandingPageRow[]): {
  control: Counts;
  treatment: Counts;
  dropped: number;
} {
  const seen = new Set<string>();
  const control = { successes: 0, trials: 0 };
  const treatment = { successes: 0, trials: 0 };
  let dropped = 0;
  for (const row of rows) {
    const aligned =
      (row.group === 'treatment' && row.landingPage === 'new_page') ||
      (row.group === 'control' && row.landingPage === 'old_page');
    if (!aligned || seen.has(row.userId)) {
      dropped += 1;
      continue;
    }
    seen.add(row.userId);
    const arm = row.group === 'treatment' ? treatment : control;
    arm.trials += 1;
    if (row.converted) arm.successes += 1;
  }
  return { control, treatment, dropped };
}
