/** Class-transformation uplift (Jaskowski & Jaroszewicz 2012). */
import { fitLogistic, predictLogistic } from './logistic-regression';
import type { UpliftTrainingData } from './two-model';
import type { FeatureMatrix, LogisticModel, UpliftModel } from './types';

/**
 * Jaskowski & Jaroszewicz (2012), "Uplift modeling for clinical trial data": define Z = 1 when (treated, y = 1) or
 * (control, y = 0). If P(treated) = ½, then uplift(x) = 2·P(Z = 1 | x) − 1, so one classifier for Z estimates the
 * uplift directly. When the arms are not 50/50 the rows are reweighted (treated by ½/p, control by ½/(1 − p), p the
 * treated share) so the weighted split is 50/50 — the usual generalisation; with an even split the weights are ≈ 1.
 * @example const model = fitClassTransformation({ features, treatment, outcome }, { lambda: 1 });
 */
export function fitClassTransformation(
  data: UpliftTrainingData,
  { lambda = 1 }: { lambda?: number } = {},
): UpliftModel & { model: LogisticModel; treatedShare: number } {
  const { features, treatment, outcome } = data;
  const n = features.nRows;
  if (treatment.length !== n || outcome.length !== n) {
    throw new RangeError('fitClassTransformation: treatment and outcome need one entry per row');
  }
  let treatedCount = 0;
  for (let i = 0; i < n; i += 1) treatedCount += treatment[i] === 1 ? 1 : 0;
  const p = treatedCount / n;
  if (p === 0 || p === 1) throw new RangeError('fitClassTransformation: need both treated and control rows');
  const z = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const t = treatment[i] === 1;
    const y = outcome[i] === 1;
    z[i] = t === y ? 1 : 0;
    weights[i] = t ? 0.5 / p : 0.5 / (1 - p);
  }
  const model = fitLogistic(features, z, { lambda, weights });
  return {
    model,
    treatedShare: p,
    predictUplift(x: FeatureMatrix) {
      return predictLogistic(model, x).map((q) => 2 * q - 1);
    },
  };
}
