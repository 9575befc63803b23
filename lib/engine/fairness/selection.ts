/**
 * Selection rates per customer group and demographic parity, with Fairlearn's definitions
 * (fairlearn.metrics.demographic_parity_difference / demographic_parity_ratio, method "between_groups"):
 *
 *   selection rate of group a   = selected_a / n_a
 *   parity difference           = max_a rate_a − min_a rate_a
 *   parity ratio                = min_a rate_a / max_a rate_a
 *
 * computed over the groups large enough to judge (n ≥ `minGroupSize`, default 30); smaller groups are reported as
 * "too few to judge" and left out of the parity numbers. The four-fifths rule (US EEOC, 29 CFR 1607.4(D)) flags a
 * group whose rate is below 80% of the highest group's rate.
 */

export type GroupCount = { group: string; n: number; selected: number };

export type GroupSelection = GroupCount & {
  rate: number;
  isTooFew: boolean;
  /** rate / highest judged rate; null for a group too small to judge or when no judged group was selected */
  ratioToMax: number | null;
  isBelowFourFifths: boolean;
};

export type SelectionReport = {
  groups: GroupSelection[];
  /** null when fewer than two groups can be judged */
  parityDifference: number | null;
  parityRatio: number | null;
  isFourFifthsFlagged: boolean;
  judgedGroups: number;
};

export const FOUR_FIFTHS = 0.8;
export const MIN_GROUP_SIZE = 30;

/**
 * @example
 * computeSelectionReport([{ group: 'F', n: 100, selected: 40 }, { group: 'M', n: 100, selected: 20 }])
 * // parityDifference 0.2, parityRatio 0.5, isFourFifthsFlagged true
 */
export function computeSelectionReport(
  counts: readonly GroupCount[],
  options: { minGroupSize?: number } = {},
): SelectionReport {
  const { minGroupSize = MIN_GROUP_SIZE } = options;
  for (const c of counts) {
    if (!Number.isInteger(c.n) || !Number.isInteger(c.selected) || c.n < 0 || c.selected < 0 || c.selected > c.n) {
      throw new RangeError(`computeSelectionReport: group ${c.group} needs 0 ≤ selected ≤ n (integers)`);
    }
  }
  const judged = counts.filter((c) => c.n >= minGroupSize);
  const rates = judged.map((c) => c.selected / c.n);
  const max = rates.length ? Math.max(...rates) : 0;
  const min = rates.length ? Math.min(...rates) : 0;
  const groups = counts.map((c) => {
    const rate = c.n === 0 ? 0 : c.selected / c.n;
    const isTooFew = c.n < minGroupSize;
    const ratioToMax = isTooFew || max === 0 ? null : rate / max;
    return { ...c, rate, isTooFew, ratioToMax, isBelowFourFifths: ratioToMax !== null && ratioToMax < FOUR_FIFTHS };
  });
  const enough = judged.length >= 2;
  const parityRatio = enough && max > 0 ? min / max : null;
  return {
    groups,
    parityDifference: enough ? max - min : null,
    parityRatio,
    isFourFifthsFlagged: parityRatio !== null && parityRatio < FOUR_FIFTHS,
    judgedGroups: judged.length,
  };
}

/** Age band of a birth year at a date: under 25, 25–34, …, 65 and over; "unknown" without a plausible year. */
export function ageBand(birthYear: number | null, at: Date): string {
  if (birthYear === null) return 'unknown';
  const age = at.getUTCFullYear() - birthYear;
  if (age < 0 || age > 120) return 'unknown';
  if (age < 25) return '<25';
  if (age >= 65) return '65+';
  const low = Math.floor((age - 25) / 10) * 10 + 25;
  return `${low}-${low + 9}`;
}
