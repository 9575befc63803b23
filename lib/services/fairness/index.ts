/** Fairness and bias: selection parity of audiences, lift per group of campaigns, recommendation exposure per model. */
export { type AudienceFairness, getCampaignFairness, getSegmentFairness } from './audience';
export { customerGroups, getFairnessSettings, listAttributeKeys, saveFairnessSettings } from './groups';
export { type FairnessOverview, getFairnessOverview } from './overview';
