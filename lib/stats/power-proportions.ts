/** Sample size and power for conversion-rate experiments (two-proportion z-test). */
import { normalCdf, normalQuantile } from './distributions';
import { assertInteger, assertNonNegative, assertOpenUnit } from './validate';

export type ProportionDesign = {
  /** control conversion rate p₁ */
  baselineRate: number;
  /** smallest effect worth detecting: p₂ − p₁ (absolute) or p₂/p₁ − 1 (relative); sign gives direction */
  minimumDetectableEffect: number;
  effectType?: 'absolute' | 'relative';
  /** significance level per comparison before any correction (default 0.05) */
  alpha?: number;
  /** two-sided (default) or one-sided test */
  sides?: 1 | 2;
  /**
   * traffic weights per arm, control first (default [1, 1]); e.g. [1, 1, 1] for A/B/C or [1, 3] for a 25/75
   * split. Each treatment is compared with the control.
   */
  split?: readonly number[];
  /** divide alpha by the number of treatment arms (Bonferroni; default true when there are > 2 arms) */
  bonferroni?: boolean;
};

export type SampleSizeForProportionsOptions = ProportionDesign & { /** default 0.8 */ power?: number };

export type SampleSizePlan = {
  /** units needed per arm (rounded up), in the order of `split` */
  sampleSizePerArm: number[];
  totalSampleSize: number;
  /** the alpha used per comparison after any Bonferroni correction */
  alphaPerComparison: number;
  treatmentRate: number;
};

/**
 * Units per arm to detect `minimumDetectableEffect` with the given power (Fleiss, Levin & Paik 2003, §4.2,
 * without continuity correction; the same as R `power.prop.test` for two equal arms):
 *
 * n_c = [z_{1−α/s}·√(p̄q̄(1 + 1/k)) + z_{1−β}·√(p₁q₁ + p₂q₂/k)]² / (p₂ − p₁)², n_t = k·n_c,
 * where k = n_t/n_c from the split and p̄ = (p₁ + k·p₂)/(1 + k). With several treatments the arm needing the
 * largest total decides, and all arms keep the planned split.
 * @example
 * computeSampleSizeForProportions({ baselineRate: 0.1, minimumDetectableEffect: 0.02, effectType: 'absolute' })
 * // { sampleSizePerArm: [3841, 3841], totalSampleSize: 7682, … } (R power.prop.test: n = 3840.85)
 */
export function computeSampleSizeForProportions(options: SampleSizeForProportionsOptions): SampleSizePlan {
  const fn = 'computeSampleSizeForProportions';
  const { power = 0.8 } = options;
  assertOpenUnit(fn, 'power', power);
  const design = resolveDesign(fn, options);
  const { p1, p2, shares, zAlpha } = design;
  const zBeta = normalQuantile(power);
  let total = 0;
  for (let arm = 1; arm < shares.length; arm += 1) {
    const k = (shares[arm] as number) / (shares[0] as number);
    const pBar = (p1 + k * p2) / (1 + k);
    const root =
      zAlpha * Math.sqrt(pBar * (1 - pBar) * (1 + 1 / k)) + zBeta * Math.sqrt(p1 * (1 - p1) + (p2 * (1 - p2)) / k);
    const nControl = (root * root) / ((p2 - p1) * (p2 - p1));
    total = Math.max(total, nControl / (shares[0] as number));
  }
  const sampleSizePerArm = shares.map((s) => Math.ceil(total * s - 1e-9));
  return {
    sampleSizePerArm,
    totalSampleSize: sampleSizePerArm.reduce((a, b) => a + b, 0),
    alphaPerComparison: design.alphaPerComparison,
    treatmentRate: p2,
  };
}

/**
 * Power of the design with `sampleSizePerArm[0]` control units (the others follow the split), for the first
 * treatment: Φ((√n_c·|p₂ − p₁| − z_{1−α/s}·√(p̄q̄(1 + 1/k))) / √(p₁q₁ + p₂q₂/k)) — R `power.prop.test(n = …)`.
 * @example computePowerForProportions({ baselineRate: 0.1, minimumDetectableEffect: 0.02, effectType: 'absolute',
 *   controlSampleSize: 3000 }) // 0.6970453 (R)
 */
export function computePowerForProportions(options: ProportionDesign & { controlSampleSize: number }): number {
  const fn = 'computePowerForProportions';
  assertInteger(fn, 'controlSampleSize', options.controlSampleSize, 1);
  const { p1, p2, shares, zAlpha } = resolveDesign(fn, options);
  const k = (shares[1] as number) / (shares[0] as number);
  const pBar = (p1 + k * p2) / (1 + k);
  const num =
    Math.sqrt(options.controlSampleSize) * Math.abs(p2 - p1) - zAlpha * Math.sqrt(pBar * (1 - pBar) * (1 + 1 / k));
  return normalCdf(num / Math.sqrt(p1 * (1 - p1) + (p2 * (1 - p2)) / k));
}

function resolveDesign(fn: string, options: ProportionDesign) {
  const { baselineRate: p1, minimumDetectableEffect: mde, effectType = 'relative', alpha = 0.05, sides = 2 } = options;
  const split = options.split ?? [1, 1];
  assertOpenUnit(fn, 'baselineRate', p1);
  assertOpenUnit(fn, 'alpha', alpha);
  if (sides !== 1 && sides !== 2) throw new RangeError(`${fn}: sides must be 1 or 2 (got ${sides})`);
  if (split.length < 2) throw new RangeError(`${fn}: split needs at least 2 arms`);
  split.forEach((w, i) => {
    assertNonNegative(fn, `split[${i}]`, w, true);
  });
  if (!Number.isFinite(mde) || mde === 0) throw new RangeError(`${fn}: minimumDetectableEffect must be non-zero`);
  const p2 = effectType === 'absolute' ? p1 + mde : p1 * (1 + mde);
  if (!(p2 > 0 && p2 < 1)) throw new RangeError(`${fn}: the treatment rate ${p2} falls outside (0, 1)`);
  const bonferroni = options.bonferroni ?? split.length > 2;
  const alphaPerComparison = bonferroni ? alpha / (split.length - 1) : alpha;
  const weightSum = split.reduce((a, b) => a + b, 0);
  return {
    p1,
    p2,
    shares: split.map((w) => w / weightSum),
    alphaPerComparison,
    zAlpha: normalQuantile(1 - alphaPerComparison / sides),
  };
}
