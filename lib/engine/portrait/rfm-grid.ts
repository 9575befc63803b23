import type { RfmResult } from './rfm';
import { RFM_GROUPS, type RfmGroup } from './rfm-segments';

/** One cell of the shop-wide R × F chart. */
export type RfmGridCell = { r: number; f: number; customers: number; revenue: number };

/** Totals per RFM group, for the group list / treemap. */
export type RfmGroupSummary = {
  group: RfmGroup;
  customers: number;
  revenue: number;
  shareOfCustomers: number;
  shareOfRevenue: number;
};

export type RfmGrid = {
  /** 25 cells, R descending (5 first) then F ascending, i.e. the chart's rows top to bottom */
  cells: RfmGridCell[];
  groups: RfmGroupSummary[];
  scoredCustomers: number;
  customersWithoutOrders: number;
  totalRevenue: number;
};

/**
 * Data for the shop-wide RFM grid chart: number of customers and their total spend in every R × F cell (all 25
 * cells present, zeros included), and per-group totals with shares. Revenue is total spend up to `asOf`
 * (monetary × frequency when the RFM was computed on average order value).
 *
 * @example
 * const grid = computeRfmGrid(computeRfm({ orders }));
 * grid.cells.find((c) => c.r === 5 && c.f === 5); // { r: 5, f: 5, customers: 120, revenue: 48210.5 }
 */
export function computeRfmGrid(rfm: RfmResult): RfmGrid {
  const counts = new Float64Array(25);
  const revenue = new Float64Array(25);
  const groupCount = new Map<RfmGroup, number>();
  const groupRevenue = new Map<RfmGroup, number>();
  let scored = 0;
  let without = 0;
  let totalRevenue = 0;
  for (const row of rfm.rows) {
    if (row.type === 'no-orders') {
      without++;
      continue;
    }
    const spend = rfm.monetaryKind === 'total' ? row.monetary : row.monetary * row.frequency;
    const cell = (row.r - 1) * 5 + (row.f - 1);
    counts[cell]! += 1;
    revenue[cell]! += spend;
    groupCount.set(row.group, (groupCount.get(row.group) ?? 0) + 1);
    groupRevenue.set(row.group, (groupRevenue.get(row.group) ?? 0) + spend);
    scored++;
    totalRevenue += spend;
  }
  const cells: RfmGridCell[] = [];
  for (let r = 5; r >= 1; r--) {
    for (let f = 1; f <= 5; f++) {
      const c = (r - 1) * 5 + (f - 1);
      cells.push({ r, f, customers: counts[c]!, revenue: revenue[c]! });
    }
  }
  const groups = RFM_GROUPS.map((group) => {
    const customers = groupCount.get(group) ?? 0;
    const rev = groupRevenue.get(group) ?? 0;
    return {
      group,
      customers,
      revenue: rev,
      shareOfCustomers: scored > 0 ? customers / scored : 0,
      shareOfRevenue: totalRevenue > 0 ? rev / totalRevenue : 0,
    };
  });
  return { cells, groups, scoredCustomers: scored, customersWithoutOrders: without, totalRevenue };
}
