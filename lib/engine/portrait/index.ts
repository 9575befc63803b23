/**
 * User portrait (用户画像) engine: RFM, lifecycle, BG/NBD + Gamma-Gamma value, churn risk, interest tags and
 * portrait vectors. Pure functions over plain records and typed arrays; see README.md in this folder.
 */
export type { Bilingual, CategoryNode, EventRecord, EventType, InsufficientData, OrderRecord } from './types';
export { MS_PER_DAY } from './types';

export { buildCustomerIndex, groupOrders, orderTotals, type CustomerIndex, type GroupedOrders } from './customer-index';
export { activitySpans, EVENT_TYPES, eventSpans, groupEvents, type GroupedEvents } from './event-columns';
export { buildCategoryTree, type CategoryTree } from './category-tree';

export {
  computeRfm,
  computeRfmFromGrouped,
  quintileScores,
  type RfmBand,
  type RfmOptions,
  type RfmResult,
  type RfmRow,
} from './rfm';
export { RFM_GROUPS, RFM_SEGMENT_RULES, rfmGroupOf, type RfmGroup, type RfmSegmentRule } from './rfm-segments';
export { computeRfmGrid, type RfmGrid, type RfmGridCell, type RfmGroupSummary } from './rfm-grid';
export {
  computeLifecycle,
  computeLifecycleFromGrouped,
  LIFECYCLE_STAGES,
  lifecycleOf,
  resolveLifecycleOptions,
  type LifecycleOptions,
  type LifecycleResult,
  type LifecycleStage,
} from './lifecycle';

export {
  bgnbdConditionalExpectedPurchases,
  bgnbdExpectedPurchases,
  bgnbdLogLikelihood,
  bgnbdPopulationExpectation,
  bgnbdProbabilityAlive,
  type BgnbdParams,
  type RecencyFrequency,
} from './bgnbd';
export { BGNBD_AB_CAP, fitBgnbd, type BgnbdFit, type BgnbdFitOptions } from './bgnbd-fit';
export { summarizeForBgnbd, summarizeGroupedForBgnbd, type RfSummary, type RfSummaryOptions } from './rf-summary';
export {
  fitGammaGamma,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihood,
  type GammaGammaFit,
  type GammaGammaParams,
  type SpendSummary,
} from './gamma-gamma';
export { computeClv, computeDiscountedPurchases, type ClvOptions, type ClvResult } from './clv';
export { computeCalibrationCheck, type CalibrationRow } from './calibration-check';
export { computeHoldoutCalibration, type HoldoutCalibration } from './holdout-calibration';
export {
  computeClvBands,
  predictValues,
  VALUE_HORIZON_DAYS,
  VALUE_UNIT_DAYS,
  type ClvBands,
  type CustomerValue,
  type ValueModels,
} from './value';

export { computeAuc, type AucResult } from './auc';
export {
  fitLogisticRegression,
  predictLogistic,
  type LogisticModel,
  type LogisticOptions,
} from './logistic-regression';
export { buildChurnFeatures, CHURN_FEATURES, churnLabels, type ChurnFeatureMatrix } from './churn-features';
export {
  trainChurnModel,
  trainChurnModelFromGrouped,
  type ChurnModel,
  type ChurnModelOptions,
  type ChurnModelResult,
} from './churn-model';

export { buildNameMatcher, hasCjk, tokenize, type MatchTarget, type NameMatcher } from './tokenize';
export {
  buildPriceBands,
  PRICE_BANDS,
  priceBandOf,
  type PriceBand,
  type PriceBandOptions,
  type PriceBandTable,
} from './price-bands';
export {
  AFFINITY_EVENT_TYPES,
  computeAffinitiesFromGrouped,
  DEFAULT_AFFINITY_WEIGHTS,
  type AffinityEntry,
  type AffinityOptions,
  type AffinityResult,
  type CustomerAffinity,
  type EventCounts,
} from './affinity';
export { computeInterestTags, type InterestTag, type InterestTagOptions, type TagContext } from './interest-tags';
export {
  buildPortraitLayout,
  cosineSimilarity,
  findLookalikes,
  writePortraitVector,
  type Lookalike,
  type PortraitVectorLayout,
  type PortraitVectorOptions,
} from './portrait-vector';

export { nelderMead, type NelderMeadOptions, type NelderMeadResult } from './nelder-mead';
export { bfgs, type BfgsOptions, type BfgsResult } from './bfgs';

export {
  computePortraits,
  portraitStages,
  type ChurnSummary,
  type CustomerPortrait,
  type PortraitBatch,
  type PortraitGroups,
  type PortraitOptions,
  type PortraitStage,
} from './pipeline';
export { buildPortraits, findLookalikeCustomers, type PortraitInput } from './build-portraits';
export { groupPortraitColumns, PRICE_REFERENCE_ID, type GroupedShop, type PortraitColumns } from './group-columns';
export { layoutFromLabels, scoreFromBands, scoreWithModels, type StoredPortraitModels } from './score-stored';
