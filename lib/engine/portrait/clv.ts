import { bgnbdConditionalExpectedPurchases, bgnbdProbabilityAlive, type BgnbdParams } from './bgnbd';
import { gammaGammaExpectedSpend, type GammaGammaParams } from './gamma-gamma';

export type ClvOptions = {
  /** horizon in days (default 365) */
  horizonDays?: number;
  /** the BG/NBD model's time unit in days (default 7, weeks) */
  unitDays?: number;
  /** number of equal periods the horizon is cut into for discounting (default 12, i.e. months) */
  periods?: number;
  /** annual discount rate (default 0.10); 0 disables discounting */
  annualDiscountRate?: number;
  /** profit margin applied to spend (default 1: CLV in revenue) */
  margin?: number;
};

export type ClvResult = {
  /** discounted expected value over the horizon */
  clv: number;
  /** expected number of purchases over the horizon (undiscounted) */
  expectedPurchases: number;
  /** expected average order value (Gamma-Gamma) */
  expectedSpend: number;
  pAlive: number;
};

/**
 * Customer lifetime value over a finite horizon, combining BG/NBD expected transactions with Gamma-Gamma spend
 * (Fader, Hardie & Lee 2005, "RFM and CLV"):
 *   CLV = margin · E[M] · Σᵢ₌₁ᴾ (E[Y(tᵢ)] − E[Y(tᵢ₋₁)]) / (1 + d)ⁱ,  tᵢ = i·H/P,  d = (1 + annual rate)^{H/(365·P)} − 1.
 * Discounting choice: the horizon is cut into P equal periods (months by default) and each period's expected
 * purchases are discounted at the period's end, the discrete scheme used by the lifetimes package's
 * `customer_lifetime_value`; with a zero rate the sum telescopes to margin · E[M] · E[Y(H)]. The paper's
 * continuous-time DERT is the limit P → ∞ with an infinite horizon; a finite horizon is what the dashboard shows.
 *
 * @example
 * const bgnbd = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
 * computeClv(bgnbd, { p: 6.25, q: 3.74, gamma: 15.44 }, { x: 2, tx: 30.43, T: 38.86, mx: 22.35 });
 * // { clv: 36.73…, expectedPurchases: 1.562…, expectedSpend: 24.66…, pAlive: 0.7266… }
 */
export function computeClv(
  bgnbd: BgnbdParams,
  gammaGamma: GammaGammaParams,
  customer: { x: number; tx: number; T: number; mx: number },
  options: ClvOptions = {},
): ClvResult {
  const { margin = 1 } = options;
  const expectedSpend = gammaGammaExpectedSpend(gammaGamma, customer);
  const { discountedPurchases, expectedPurchases } = computeDiscountedPurchases(bgnbd, customer, options);
  return {
    clv: margin * expectedSpend * discountedPurchases,
    expectedPurchases,
    expectedSpend,
    pAlive: bgnbdProbabilityAlive(bgnbd, customer),
  };
}

/**
 * The purchase part of `computeClv`: Σᵢ (E[Y(tᵢ)] − E[Y(tᵢ₋₁)]) / (1 + d)ⁱ and the undiscounted E[Y(H)], so that
 * CLV = margin · E[M] · discountedPurchases. Exposed so a batch can reuse it for customers with the same history.
 *
 * @example
 * computeDiscountedPurchases(bgnbd, { x: 2, tx: 30.43, T: 38.86 }); // { discountedPurchases: 1.489…, expectedPurchases: 1.562… }
 */
export function computeDiscountedPurchases(
  bgnbd: BgnbdParams,
  customer: { x: number; tx: number; T: number },
  options: ClvOptions = {},
): { discountedPurchases: number; expectedPurchases: number } {
  const { horizonDays = 365, unitDays = 7, periods = 12, annualDiscountRate = 0.1 } = options;
  if (!(horizonDays > 0)) throw new RangeError(`computeClv: horizonDays must be > 0, got ${horizonDays}`);
  if (!(unitDays > 0)) throw new RangeError(`computeClv: unitDays must be > 0, got ${unitDays}`);
  if (!(Number.isInteger(periods) && periods >= 1))
    throw new RangeError(`computeClv: periods must be a positive integer, got ${periods}`);
  if (!(annualDiscountRate >= 0))
    throw new RangeError(`computeClv: annualDiscountRate must be ≥ 0, got ${annualDiscountRate}`);
  const periodUnits = horizonDays / unitDays / periods;
  const d = (1 + annualDiscountRate) ** (horizonDays / 365 / periods) - 1;
  let previous = 0;
  let discounted = 0;
  for (let i = 1; i <= periods; i++) {
    const cumulative = bgnbdConditionalExpectedPurchases(bgnbd, customer, i * periodUnits);
    discounted += (cumulative - previous) / (1 + d) ** i;
    previous = cumulative;
  }
  return { discountedPurchases: discounted, expectedPurchases: previous };
}
