/** Public API of the experiment statistics library (pure functions; see README.md). */
export { computeBayesianMeans, type BayesianMeansArm, type NormalPosterior } from './bayesian-means';
export { computeBayesianProportions, type BayesianArm, type BayesianProportionsOptions } from './bayesian-proportions';
export { expectedLoss, probabilityToBeat, type BetaParams } from './beta-binomial';
export { applyCuped, type CupedArmInput, type CupedArmSummary, type CupedResult } from './cuped';
export { covariance, summarize, type SampleInput, type SampleSummary } from './descriptive';
export { computeExperimentDuration, getFixedHorizonStatus, type FixedHorizonStatus } from './duration';
export { adjustPValues, type PValueAdjustment } from './multiple-comparisons';
export { computePowerForMeans, computeSampleSizeForMeans, type MeansDesign } from './power-means';
export {
  computePowerForProportions,
  computeSampleSizeForProportions,
  type ProportionDesign,
  type SampleSizePlan,
} from './power-proportions';
export { testTwoProportions, type TwoProportionOptions, type TwoProportionResult } from './proportions';
export { createRng, sampleBeta, sampleBinomial, sampleGamma, sampleNormal, shuffleInPlace, type Rng } from './random';
export {
  computeRatioMetric,
  summarizeRatio,
  testRatioMetrics,
  type RatioInput,
  type RatioSummary,
  type RatioTestResult,
} from './ratio-metric';
export { computeRelativeLift, type RelativeLiftMethod } from './relative-lift';
export {
  computeAlwaysValid,
  computeMixingVariance,
  type AlwaysValidResult,
  type AlwaysValidState,
} from './sequential';
export {
  computeAlwaysValidMeans,
  computeAlwaysValidProportions,
  runSequentialTest,
  type SequentialOptions,
} from './sequential-comparisons';
export { checkSampleRatio, type SampleRatioOptions, type SampleRatioResult } from './srm';
export type { Alternative, Counts, InsufficientData, IntervalEstimate, StatResult } from './types';
export { testWelch, type WelchOptions, type WelchResult } from './welch-t-test';
