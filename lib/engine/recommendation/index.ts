/**
 * Public API of the recommendation engine. Pure TypeScript over typed arrays; users and items are dense indices
 * (the service layer maps database ids). See README.md in this folder for conventions and the evaluation protocol.
 */
export type * from './types';

// data, splits, metrics, evaluation
export {
  buildCsr,
  transposeCsr,
  normalizeRows,
  csrRow,
  csrGet,
  csrFromRows,
  rowCounts,
  columnCounts,
  validateInteractions,
} from './csr';
export type { Aggregate, BuildCsrOptions } from './csr';
export { createRng, shuffleInPlace, type Rng } from './random';
export {
  randomSplit,
  temporalSplit,
  leaveLastOutSplit,
  kFoldSplits,
  applySplit,
  selectPart,
  splitDescription,
  interactionsFingerprint,
  TRAIN,
  TEST,
  VALIDATION,
  EXCLUDED,
} from './split';
export type { Split, SplitKind } from './split';
export { encodeSplit, decodeSplit, saveSplit, loadSplit } from './split-io';
export {
  rankingMetrics,
  metricsFromHits,
  hitVector,
  precisionAtK,
  recallAtK,
  ndcgAtK,
  averagePrecisionAtK,
  reciprocalRankAtK,
  hitRateAtK,
  rmse,
  mae,
  RANKING_METRICS,
} from './metrics';
export type { RankingMetricName, RankingMetrics } from './metrics';
export {
  catalogueCoverage,
  novelty,
  intraListDiversity,
  averageRecommendationPopularity,
  giniOfExposure,
  gini,
  type ItemSimilarity,
} from './metrics-beyond';
export { topK, topKScored, TopKHeap } from './top-k';
export { evaluateRanking, evaluateRating } from './evaluate';
export type { RankingEvalOptions, RankingEvalResult, RankingEvalMetrics, RatingEvalResult } from './evaluate';
export { evaluateModels } from './evaluate-models';
export type {
  EvalRow,
  ModelSpec,
  RankingModelSpec,
  RatingModelSpec,
  FitContext,
  EvaluateModelsOptions,
} from './evaluate-models';

// classic models
export { fitPopularity, fitCategoryPopularity } from './popularity';
export type { PopularityModel, PopularityOptions, CategoryPopularityOptions } from './popularity';
export { fitBaselines, type Baselines, type BaselineOptions } from './baselines';
export {
  computeSimilarities,
  forEachSimilarityRow,
  type SimilarityMeasure,
  type SimilarityOptions,
  type DenseSimilarity,
} from './similarity';
export { fitUserKnn, type UserKnnModel, type UserKnnOptions } from './user-knn';
export {
  fitItemKnn,
  computeNeighbours,
  weightMatrix,
  type ItemKnnModel,
  type ItemKnnOptions,
  type NeighbourOptions,
} from './item-knn';
export { fitSvd, type SvdModel, type SvdOptions } from './svd';
export { searchParams, type ParamGrid, type ParamValue, type SearchOptions, type Trial } from './tune';

// content-based
export { tokenize, fitTfidf, documentVector, ENGLISH_STOP_WORDS, type Tfidf, type TokenizeOptions } from './text';
export {
  fitContent,
  contentNeighbours,
  attributeSimilarity,
  normalizeValue,
  CONTENT_ATTRIBUTES,
  DEFAULT_CONTENT_WEIGHTS,
} from './content';
export type {
  ItemAttributes,
  ContentAttribute,
  ContentWeights,
  ContentOptions,
  ContentModel,
  ContentFeatures,
  AttributeBreakdown,
  SimilarItem,
} from './content';
export {
  scoreProfile,
  explainProfile,
  profileExplainer,
  fitContentRanking,
  type CustomerProfile,
  type ContentRankingModel,
} from './content-profile';
export { fitContentWeights, itemPairs, type ItemPair, type FitContentWeightsOptions } from './content-fit';

// hybrid
export {
  blendModels,
  fitBlendWeights,
  applyBusinessRules,
  mmrRerank,
  minMaxInPlace,
  type BusinessRules,
  type BlendOptions,
  type ExplainableModel,
} from './hybrid';
export {
  fitStackWeights,
  selectStack,
  stackedModel,
  type StackCandidate,
  type StackFeature,
  type StackFit,
  type StackOptions,
} from './hybrid-stack';
export { createRecommender, type RecommenderParts, type RecommendOptions, type RecommendResult } from './recommender';

// engineer B: EASE / ALS / BPR / sequence models below
export { trainEase, trainEaseSync, loadEaseModel, type EaseModel, type EaseOptions } from './ease';
export { trainAls, trainAlsSync, alsLoss, loadAlsModel, type AlsOptions } from './als';
export { trainBpr, trainBprSync, loadBprModel, type BprOptions } from './bpr';
export { trainMultVae, trainMultVaeSync, type MultVaeModel, type MultVaeOptions } from './mult-vae';
export {
  trainGru4Rec,
  trainGru4RecSync,
  loadGru4RecModel,
  userSequences,
  type Gru4RecModel,
  type Gru4RecOptions,
} from './gru4rec';
export { factorModel, loadFactorModel, factorGram, type FactorModel, type FactorModelInit } from './linalg-factors';
export { encodeModel, decodeModel } from './linalg-io';
export { invertSpd, invertSpdSync, paddedSize } from './linalg-dense';
export { createKernelPool, defaultThreads, type KernelPool, type KernelPoolOptions } from './worker-pool';
