/** Shapes shared by the uplift engine. */

/** Dense row-major feature matrix: `values[i * nFeatures + j]` is feature j of row i. */
export type FeatureMatrix = { nRows: number; nFeatures: number; values: Float64Array };

/** A fitted logistic model: P(y = 1 | x) = σ(intercept + x·coefficients). */
export type LogisticModel = { intercept: number; coefficients: Float64Array; iterations: number; converged: boolean };

/** Something that scores rows with an estimated uplift P(y | x, treated) − P(y | x, control). */
export type UpliftModel = { predictUplift(features: FeatureMatrix): Float64Array };
