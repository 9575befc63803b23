/**
 * The privacy accountant's arithmetic (basic composition: the ε of releases in a period add up). Amounts are kept in
 * thousandths of ε so the database adds integers and never rounds a budget away.
 */

/** The accounting period of a moment: its UTC calendar month, "2026-12". */
export function budgetPeriod(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** ε in thousandths (the ledger's unit), rounded up so a release never costs less than it spends. */
export function toMilli(epsilon: number): number {
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new RangeError(`toMilli: ε must be > 0 (got ${epsilon})`);
  return Math.ceil(Math.round(epsilon * 1e6) / 1e3);
}

/**
 * Splits a report's ε evenly over its `parts` values (basic composition: the parts add back up to at most ε).
 * @example splitEpsilon(1, 4) // 0.25
 */
export function splitEpsilon(epsilon: number, parts: number): number {
  if (!Number.isInteger(parts) || parts < 1) throw new RangeError(`splitEpsilon: parts must be ≥ 1 (got ${parts})`);
  return Math.floor((epsilon / parts) * 1e6) / 1e6;
}

export type BudgetMeter = {
  period: string;
  limit: number;
  used: number;
  remaining: number;
  releases: number;
  /** releases of `epsilonPerReport` that still fit */
  releasesLeft: number;
};

/** The meter shown on the Trust page and beside each release. */
export function budgetMeter(
  row: { period: string; limitMilli: number; spentMilli: number; releases: number },
  epsilonPerReport: number,
): BudgetMeter {
  const remainingMilli = Math.max(0, row.limitMilli - row.spentMilli);
  return {
    period: row.period,
    limit: row.limitMilli / 1000,
    used: row.spentMilli / 1000,
    remaining: remainingMilli / 1000,
    releases: row.releases,
    releasesLeft: Math.floor(remainingMilli / toMilli(epsilonPerReport)),
  };
}
