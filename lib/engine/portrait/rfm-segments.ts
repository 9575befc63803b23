/** The 11 RFM groups, in the order the UI lists them (best first); labels are `portraits.rfm.labels.*` in the catalogue. */
export const RFM_GROUPS = [
  'champions',
  'loyal',
  'potential-loyalists',
  'new',
  'promising',
  'needs-attention',
  'about-to-sleep',
  'at-risk',
  'cant-lose',
  'hibernating',
  'lost',
] as const;

export type RfmGroup = (typeof RFM_GROUPS)[number];

/** One rule of the segment map: R in [rMin, rMax] and FM = (F+M)/2 in [fmMin, fmMax] (both inclusive). */
export type RfmSegmentRule = { group: RfmGroup; rMin: number; rMax: number; fmMin: number; fmMax: number };

/**
 * The segment map on the R × FM grid, FM = (F + M) / 2 ∈ {1, 1.5, …, 5}. It follows the widely used R × (F+M)/2
 * table (Putler's "RFM analysis" segments, also used by Klaviyo/Shopify apps), whose published ranges overlap and,
 * applied top to bottom, leave New, Promising and Can't lose unreachable. The ranges here are cut so that the rules
 * are disjoint and cover the grid: every (R, F, M) ∈ {1..5}³ falls in exactly one group (tested exhaustively).
 *
 * | group               | R   | FM = (F+M)/2 | published range     |
 * |---------------------|-----|--------------|---------------------|
 * | Champions           | 4–5 | 4 – 5        | R 4–5, FM 4–5       |
 * | Loyal               | 4–5 | 3 – 3.5      | R 2–5, FM 3–5       |
 * | Loyal               | 3   | 3 – 5        |                     |
 * | Potential loyalists | 4–5 | 2 – 2.5      | R 3–5, FM 1–3       |
 * | New                 | 5   | 1 – 1.5      | R 4–5, FM ≤ 1       |
 * | Promising           | 4   | 1 – 1.5      | R 3–4, FM ≤ 1       |
 * | Needs attention     | 3   | 2 – 2.5      | R 2–3, FM 2–3       |
 * | About to sleep      | 3   | 1 – 1.5      | R 2–3, FM ≤ 2       |
 * | At risk             | 2   | 2.5 – 5      | R ≤ 2, FM 2–5       |
 * | At risk             | 1   | 2.5 – 3.5    |                     |
 * | Can't lose          | 1   | 4 – 5        | R ≤ 1, FM 4–5       |
 * | Hibernating         | 2   | 1 – 2        | R 1–2, FM 1–2       |
 * | Lost                | 1   | 1 – 2        | R ≤ 2, FM ≤ 2       |
 *
 * Where the published ranges overlap, the cut favours the more actionable group: recency 2 with a strong history
 * is "At risk" rather than "Loyal", recency 3 is never "Potential loyalist" (it is "Needs attention" or "About to
 * sleep"), and the most recent one-order/low-spend customers are "New" (R 5) or "Promising" (R 4).
 */
export const RFM_SEGMENT_RULES: readonly RfmSegmentRule[] = [
  { group: 'champions', rMin: 4, rMax: 5, fmMin: 4, fmMax: 5 },
  { group: 'loyal', rMin: 4, rMax: 5, fmMin: 3, fmMax: 3.5 },
  { group: 'loyal', rMin: 3, rMax: 3, fmMin: 3, fmMax: 5 },
  { group: 'potential-loyalists', rMin: 4, rMax: 5, fmMin: 2, fmMax: 2.5 },
  { group: 'new', rMin: 5, rMax: 5, fmMin: 1, fmMax: 1.5 },
  { group: 'promising', rMin: 4, rMax: 4, fmMin: 1, fmMax: 1.5 },
  { group: 'needs-attention', rMin: 3, rMax: 3, fmMin: 2, fmMax: 2.5 },
  { group: 'about-to-sleep', rMin: 3, rMax: 3, fmMin: 1, fmMax: 1.5 },
  { group: 'at-risk', rMin: 2, rMax: 2, fmMin: 2.5, fmMax: 5 },
  { group: 'at-risk', rMin: 1, rMax: 1, fmMin: 2.5, fmMax: 3.5 },
  { group: 'cant-lose', rMin: 1, rMax: 1, fmMin: 4, fmMax: 5 },
  { group: 'hibernating', rMin: 2, rMax: 2, fmMin: 1, fmMax: 2 },
  { group: 'lost', rMin: 1, rMax: 1, fmMin: 1, fmMax: 2 },
];

/** Lookup table indexed by (R - 1) * 9 + (F + M - 2), built once from the rules. */
const LOOKUP: RfmGroup[] = (() => {
  const table: RfmGroup[] = [];
  for (let r = 1; r <= 5; r++) {
    for (let fm2 = 2; fm2 <= 10; fm2++) {
      const fm = fm2 / 2;
      const rule = RFM_SEGMENT_RULES.find((x) => r >= x.rMin && r <= x.rMax && fm >= x.fmMin && fm <= x.fmMax);
      if (!rule) throw new Error(`rfm-segments: no rule covers R=${r}, FM=${fm}`);
      table[(r - 1) * 9 + (fm2 - 2)] = rule.group;
    }
  }
  return table;
})();

/**
 * The RFM group of a customer from the three 1–5 scores, by the map above.
 *
 * @example
 * rfmGroupOf(5, 5, 4); // 'champions'
 * rfmGroupOf(1, 5, 5); // 'cant-lose'
 * rfmGroupOf(5, 1, 1); // 'new'
 */
export function rfmGroupOf(r: number, f: number, m: number): RfmGroup {
  for (const [name, v] of [
    ['R', r],
    ['F', f],
    ['M', m],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 5)
      throw new RangeError(`rfmGroupOf: ${name} must be an integer 1..5, got ${v}`);
  }
  return LOOKUP[(r - 1) * 9 + (f + m - 2)]!;
}
