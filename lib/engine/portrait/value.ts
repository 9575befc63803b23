import { bgnbdConditionalExpectedPurchases, bgnbdProbabilityAlive, type BgnbdParams } from './bgnbd';
import { computeDiscountedPurchases, type ClvOptions } from './clv';
import { gammaGammaExpectedSpend, type GammaGammaParams } from './gamma-gamma';
import type { RfSummary } from './rf-summary';

/** The value model's time unit (weeks, as in the BTYD literature) and the CLV horizon, in days. */
export const VALUE_UNIT_DAYS = 7;
export const VALUE_HORIZON_DAYS = 365;

/**
 * Model-based value of a customer (null without orders, when the BG/NBD model could not be fitted, or when its
 * expectations are not finite for this history). `expectedSpend` and `clv` are NaN when the Gamma-Gamma model could
 * not be fitted (or has q ≤ 1 for a customer without repeat purchases).
 */
export type CustomerValue = {
  pAlive: number;
  expectedPurchases30: number;
  expectedPurchases90: number;
  expectedPurchases365: number;
  /** Gamma-Gamma expected average order value */
  expectedSpend: number;
  /** discounted CLV over the horizon (365 days by default) */
  clv: number;
};

export type ValueModels = { bgnbd: BgnbdParams; gammaGamma: GammaGammaParams | null };

/**
 * Value predictions for every customer of an RF summary from fitted BG/NBD and Gamma-Gamma parameters: P(alive),
 * expected purchases in 30, 90 and 365 days, expected spend and the discounted CLV
 * (margin · E[M] · discounted expected purchases, see `computeDiscountedPurchases`). Identical histories (x, tₓ, T)
 * are computed once; a history where no closed form of the ₂F₁ is finite (huge x and huge a, b together) gets no
 * value at all. Returns dense index (through `indexOf`) → value, `size` long.
 *
 * @example
 * const s = summarizeGroupedForBgnbd(orders, ids, { calibrationEnd: asOf });
 * predictValues(s, index.indexOf, { bgnbd, gammaGamma }, { size: ids.length })[k];
 * // FHL's worked customer (x=2, tx=30.43, T=38.86, mₓ=22.35) at the published parameters: { pAlive: 0.7266…, …, clv: 36.73… }
 */
export function predictValues(
  summary: RfSummary,
  indexOf: ReadonlyMap<number, number>,
  models: ValueModels,
  options: ClvOptions & { size: number },
): (CustomerValue | null)[] {
  const { size, ...clvOptions } = options;
  const unitDays = clvOptions.unitDays ?? VALUE_UNIT_DAYS;
  const horizonDays = clvOptions.horizonDays ?? VALUE_HORIZON_DAYS;
  const { bgnbd: bg, gammaGamma: gg } = models;
  const out: (CustomerValue | null)[] = new Array(size).fill(null);
  const cache = new Map<string, { pAlive: number; e30: number; e90: number; e365: number; discounted: number }>();
  for (let i = 0; i < summary.customerIds.length; i++) {
    const c = { x: summary.x[i]!, tx: summary.tx[i]!, T: summary.T[i]! };
    const key = `${c.x}|${c.tx}|${c.T}`;
    let v = cache.get(key);
    if (!v) {
      const clv = computeDiscountedPurchases(bg, c, { ...clvOptions, horizonDays, unitDays });
      v = {
        pAlive: bgnbdProbabilityAlive(bg, c),
        e30: bgnbdConditionalExpectedPurchases(bg, c, 30 / unitDays),
        e90: bgnbdConditionalExpectedPurchases(bg, c, 90 / unitDays),
        e365: horizonDays === 365 ? clv.expectedPurchases : bgnbdConditionalExpectedPurchases(bg, c, 365 / unitDays),
        discounted: clv.discountedPurchases,
      };
      cache.set(key, v);
    }
    if (![v.pAlive, v.e30, v.e90, v.e365, v.discounted].every(Number.isFinite)) continue;
    const spend = gg ? gammaGammaExpectedSpend(gg, { x: c.x, mx: summary.mx[i]! }) : NaN;
    out[indexOf.get(summary.customerIds[i]!)!] = {
      pAlive: v.pAlive,
      expectedPurchases30: v.e30,
      expectedPurchases90: v.e90,
      expectedPurchases365: v.e365,
      expectedSpend: spend,
      clv: (clvOptions.margin ?? 1) * spend * v.discounted,
    };
  }
  return out;
}

/** Quantile (type 7, linear interpolation) of the finite values; NaN when there are none. */
function quantile(values: readonly number[], q: number) {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const i = Math.floor(pos);
  return s[i]! + (pos - i) * ((s[Math.min(i + 1, s.length - 1)] ?? s[i]!) - s[i]!);
}

export type ClvBands = { medium: number; high: number };

/**
 * CLV band cut points from the shop's own distribution: `medium` and `high` are quantiles (type 7) of the finite
 * CLVs (defaults 0.5 and 0.8: top 20 % high, the next 30 % medium). Null with fewer than 10 finite CLVs.
 *
 * @example
 * computeClvBands([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]); // { medium: 5.5, high: 8.2 }
 */
export function computeClvBands(
  clvs: readonly number[],
  quantiles: { medium: number; high: number } = { medium: 0.5, high: 0.8 },
): ClvBands | null {
  const finite = clvs.filter(Number.isFinite);
  if (finite.length < 10) return null;
  return { medium: quantile(finite, quantiles.medium), high: quantile(finite, quantiles.high) };
}
