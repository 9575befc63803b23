/** Differential privacy for released aggregates: settings, the accountant, and the reports that use it. */
export { getPrivacyOverview, type PrivacyOverview } from './overview';
export type { Release, ReleasedValue } from './release';
export {
  getBudgetMeter,
  getPrivateDashboard,
  getPrivateSegmentSizes,
  releaseDashboard,
  releaseSegmentSizes,
  seesNoisyAggregates,
  sharedResultsCsv,
} from './reports';
export { getPrivateSegmentHistory, HISTORY_POINTS, releaseSegmentHistory } from './segment-history';
export { getPrivacySettings, isPrivateViewer, savePrivacySettings } from './settings';
