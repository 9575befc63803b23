/** Public API of the campaign engine (pure functions; see README.md). */
export { armFromBucket, assignArm, hashUnit, plannedShares, waveOf, type ArmAssignment } from './assignment';
export { attributeOutcome, purchaseRevenue, type AttributionEvent, type CustomerOutcome } from './attribution';
export {
  addOutcome,
  aggregateArms,
  dailyLooks,
  emptyTotals,
  metricValue,
  type ArmTotals,
  type DailyLook,
  type OutcomeRow,
} from './aggregate';
export {
  analyzeCampaign,
  planComparisons,
  referenceArm,
  type ArmInfo,
  type BayesianSummary,
  type CampaignAnalysis,
  type Comparison,
  type SrmSummary,
} from './analysis';
export {
  computeBreakdown,
  type Breakdown,
  type BreakdownRow,
  type GroupTotals,
  type HeterogeneityTest,
} from './breakdown';
export { thompsonShares } from './allocation';
export type { CupedEffect, MetricTest } from './metric-tests';
export { planCampaign, plannedVarianceOfDifference, type Baseline, type Plan, type PlanInput } from './planning';
export {
  computeSatisfaction,
  detectScale,
  SATISFACTION_SCALES,
  type SatisfactionArm,
  type SatisfactionResult,
  type SatisfactionScale,
} from './satisfaction';
export type { SequentialPoint, SequentialResult } from './sequential-looks';
export { suggestNextSteps, type Suggestion, type SuggestionCode } from './suggestions';
export { trainUpliftTargeting, type CurvePoint, type UpliftKind, type UpliftTargeting } from './uplift-targeting';
export type { Verdict, VerdictKind, VerdictReason, VerdictReasonCode } from './verdict';
export { runSimulatedCampaign, simulationDays, type RunBatch, type RunEvent, type RunMember } from './simulation/run';
export { drawSimulationTruth, SIMULATION_GROUPS, type SimulationGroup, type SimulationTruth } from './simulation/truth';
export { expectedOutcomes, type ExpectedOutcomes } from './simulation/expected';
export * from './types';
