/** Two-model (T-learner) uplift: separate outcome models for treated and control, uplift = difference. */
import { fitLogistic, predictLogistic } from './logistic-regression';
import { selectRows } from './rows';
import type { FeatureMatrix, LogisticModel, UpliftModel } from './types';

export type UpliftTrainingData = {
  features: FeatureMatrix;
  /** 1 = treated (e.g. got the e-mail), 0 = control */
  treatment: ArrayLike<number>;
  /** binary outcome (visit, conversion) */
  outcome: ArrayLike<number>;
};

/**
 * Fits P(y | x, treated) and P(y | x, control) with L2-regularised logistic regression and scores
 * uplift(x) = P(y | x, treated) − P(y | x, control) (the "two-model" or T-learner approach; Radcliffe & Surry
 * 2011 discuss its weakness: each model fits the outcome, not the difference).
 * @example const model = fitTwoModel({ features, treatment, outcome }, { lambda: 1 }); model.predictUplift(testFeatures)
 */
export function fitTwoModel(
  data: UpliftTrainingData,
  { lambda = 1 }: { lambda?: number } = {},
): UpliftModel & { treated: LogisticModel; control: LogisticModel } {
  const { features, treatment, outcome } = data;
  if (treatment.length !== features.nRows || outcome.length !== features.nRows) {
    throw new RangeError('fitTwoModel: treatment and outcome need one entry per row');
  }
  const fit = (arm: number) => {
    const rows: number[] = [];
    for (let i = 0; i < features.nRows; i += 1) if (treatment[i] === arm) rows.push(i);
    if (rows.length === 0) throw new RangeError(`fitTwoModel: no rows with treatment = ${arm}`);
    return fitLogistic(
      selectRows(features, rows),
      Float64Array.from(rows, (i) => outcome[i] as number),
      { lambda },
    );
  };
  const treated = fit(1);
  const control = fit(0);
  return {
    treated,
    control,
    predictUplift(x: FeatureMatrix) {
      const pt = predictLogistic(treated, x);
      const pc = predictLogistic(control, x);
      return pt.map((v, i) => v - (pc[i] as number));
    },
  };
}
