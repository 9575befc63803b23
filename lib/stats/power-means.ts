/** Sample size and power for continuous metrics (two-sample t-test, equal arms). */
import { studentTQuantile } from './distributions';
import { noncentralTSurvival } from './noncentral-t';
import { assertNonNegative, assertOpenUnit } from './validate';

export type MeansDesign = {
  /** standard deviation of the metric per unit (assumed equal in both arms) */
  standardDeviation: number;
  /** smallest absolute difference in means worth detecting */
  minimumDetectableEffect: number;
  alpha?: number;
  sides?: 1 | 2;
};

/**
 * Power of a two-sample t-test with n units per arm, exactly as R `power.t.test` (strict = FALSE):
 * P(T' > t_{1−α/s, 2(n−1)}) with T' noncentral t, df = 2(n − 1), ncp = δ·√(n/2)/σ.
 * @example computePowerForMeans({ standardDeviation: 1, minimumDetectableEffect: 1, sampleSizePerArm: 20 })
 * // 0.8689528 (R power.t.test(n = 20, delta = 1))
 */
export function computePowerForMeans(options: MeansDesign & { sampleSizePerArm: number }): number {
  const fn = 'computePowerForMeans';
  const { standardDeviation, minimumDetectableEffect, alpha = 0.05, sides = 2, sampleSizePerArm: n } = options;
  validate(fn, options);
  if (!(n >= 2)) throw new RangeError(`${fn}: sampleSizePerArm must be ≥ 2 (got ${n})`);
  const df = 2 * (n - 1);
  const ncp = (Math.abs(minimumDetectableEffect) * Math.sqrt(n / 2)) / standardDeviation;
  return noncentralTSurvival(studentTQuantile(1 - alpha / sides, df), { df, ncp });
}

/**
 * Units per arm (rounded up) for the given power, solving `computePowerForMeans` = power for continuous n by
 * bisection, as R `power.t.test(delta, sd, sig.level, power)`; `exact` keeps the unrounded n.
 * @example computeSampleSizeForMeans({ standardDeviation: 1, minimumDetectableEffect: 1 })
 * // { sampleSizePerArm: 17, exact: 16.71476 } (R: n = 16.71476)
 */
export function computeSampleSizeForMeans(options: MeansDesign & { power?: number }): {
  sampleSizePerArm: number;
  exact: number;
} {
  const fn = 'computeSampleSizeForMeans';
  const { power = 0.8 } = options;
  validate(fn, options);
  assertOpenUnit(fn, 'power', power);
  const f = (n: number) => computePowerForMeans({ ...options, sampleSizePerArm: n }) - power;
  let lo = 2;
  let hi = 4;
  if (f(lo) >= 0) return { sampleSizePerArm: 2, exact: 2 };
  while (f(hi) < 0) {
    lo = hi;
    hi *= 2;
    if (hi > 1e12) throw new RangeError(`${fn}: effect too small to detect with any feasible sample`);
  }
  while (hi - lo > 1e-9 * hi) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  const exact = (lo + hi) / 2;
  return { sampleSizePerArm: Math.ceil(exact - 1e-9), exact };
}

function validate(fn: string, { standardDeviation, minimumDetectableEffect, alpha = 0.05, sides = 2 }: MeansDesign) {
  assertNonNegative(fn, 'standardDeviation', standardDeviation, true);
  if (!Number.isFinite(minimumDetectableEffect) || minimumDetectableEffect === 0) {
    throw new RangeError(`${fn}: minimumDetectableEffect must be non-zero`);
  }
  assertOpenUnit(fn, 'alpha', alpha);
  if (sides !== 1 && sides !== 2) throw new RangeError(`${fn}: sides must be 1 or 2 (got ${sides})`);
}
