/** Public API of the uplift-targeting and bandit engine. */
export { selectTargetsByProfit, type TargetSelection } from './budget-selection';
export { fitClassTransformation } from './class-transformation';
export { fitLogistic, predictLogistic, type LogisticOptions } from './logistic-regression';
export { evaluateUplift, type UpliftCurves, type UpliftEvaluation } from './qini';
export { selectRows } from './rows';
export { computeThompsonAllocation, type ThompsonAllocation } from './thompson-allocation';
export { fitTwoModel, type UpliftTrainingData } from './two-model';
export type { FeatureMatrix, LogisticModel, UpliftModel } from './types';
