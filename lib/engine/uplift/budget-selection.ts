/** Choosing whom to contact under a budget by expected incremental profit. */

export type TargetSelection = {
  /** selected row indices, best first */
  selected: number[];
  totalCost: number;
  /** Σ uplift·value − cost over the selection */
  expectedIncrementalProfit: number;
  /** Σ uplift over the selection */
  expectedIncrementalConversions: number;
};

/**
 * Expected incremental profit of contacting row i is uplift_i·value_i − cost_i (uplift = extra conversion
 * probability from the contact). Keeps rows with positive expected profit and, under a `budget` on total cost and an
 * optional `maxContacts`, picks greedily by profit per unit of cost (the greedy 0/1-knapsack rule; exact when costs
 * are equal, and then it is plain top-k by profit). Rows that no longer fit are skipped, cheaper ones may still fit.
 * @example selectTargetsByProfit({ uplift: [0.05, 0.01, 0.03], value: 40, cost: 0.5, budget: 1 })
 * // { selected: [0, 2], totalCost: 1, expectedIncrementalProfit: 2.2, expectedIncrementalConversions: 0.08 }
 */
export function selectTargetsByProfit({
  uplift,
  value,
  cost,
  budget = Infinity,
  maxContacts = Infinity,
}: {
  uplift: ArrayLike<number>;
  /** value of one conversion: one number for all rows or one per row */
  value: number | ArrayLike<number>;
  /** cost of one contact: one number for all rows or one per row (≥ 0) */
  cost: number | ArrayLike<number>;
  budget?: number;
  maxContacts?: number;
}): TargetSelection {
  const fn = 'selectTargetsByProfit';
  const n = uplift.length;
  const at = (v: number | ArrayLike<number>, i: number) => (typeof v === 'number' ? v : (v[i] as number));
  if (typeof value !== 'number' && value.length !== n) throw new RangeError(`${fn}: value needs one entry per row`);
  if (typeof cost !== 'number' && cost.length !== n) throw new RangeError(`${fn}: cost needs one entry per row`);
  if (!(budget >= 0) || !(maxContacts >= 0)) throw new RangeError(`${fn}: budget and maxContacts must be ≥ 0`);
  const candidates: { i: number; profit: number; cost: number; rank: number }[] = [];
  for (let i = 0; i < n; i += 1) {
    const c = at(cost, i);
    const u = uplift[i] as number;
    if (!(c >= 0) || !Number.isFinite(u) || !Number.isFinite(at(value, i)))
      throw new RangeError(`${fn}: row ${i} has invalid numbers`);
    const profit = u * at(value, i) - c;
    if (profit > 0) candidates.push({ i, profit, cost: c, rank: c === 0 ? Infinity : profit / c });
  }
  candidates.sort((a, b) => b.rank - a.rank || b.profit - a.profit || a.i - b.i);
  const selected: number[] = [];
  let totalCost = 0;
  let expectedIncrementalProfit = 0;
  let expectedIncrementalConversions = 0;
  for (const c of candidates) {
    if (selected.length >= maxContacts) break;
    if (totalCost + c.cost > budget + 1e-9) continue;
    selected.push(c.i);
    totalCost += c.cost;
    expectedIncrementalProfit += c.profit;
    expectedIncrementalConversions += uplift[c.i] as number;
  }
  return { selected, totalCost, expectedIncrementalProfit, expectedIncrementalConversions };
}
