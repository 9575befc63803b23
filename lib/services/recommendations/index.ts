/** Recommendation use-cases (see README.md in this folder). */
export {
  authorizeRead,
  recommendForCustomer,
  recommendationsForCustomerId,
  recommendQuerySchema,
  type RecommendationList,
  type RecommendedItem,
  type CustomerRecommendations,
} from './recommend';
export {
  bundleVariant,
  deviceBundle,
  deviceBundleSummary,
  etagMatches,
  type DeviceBundleFile,
  type DeviceBundleSummary,
} from './device';
export { federatedComparison, type FederatedComparison, type FederatedComparisonRow } from './federated';
export { similarProducts, similarQuerySchema, type SimilarItem } from './similar';
export {
  cancelTraining,
  findPreviewCustomers,
  getRecommendationsOverview,
  getTrainingProgress,
  saveRecommendationSettings,
  retrainServing,
  serveRun,
  startTraining,
  trainRecommenderJob,
  TRAIN_JOB,
  type RecommendationsOverview,
} from './runs';
export {
  MODEL_KINDS,
  COMPONENT_KINDS,
  type ModelKind,
  type ComponentKind,
} from '@/lib/engine/recommendation/models/types';
export { recommendSettingsSchema, type RecommendSettings } from './settings-schema';
export { trainingOptionsSchema, type TrainingOptions } from './training-schema';
