/** Campaign use-cases (see README.md). Pages, actions and routes import from here. */
export {
  createCampaign,
  deleteCampaign,
  getCampaign,
  getCampaignForm,
  listCampaigns,
  listSegmentOptions,
  updateCampaign,
  type CampaignDto,
  type CampaignListItem,
  type CampaignPageData,
} from './campaigns';
export {
  completeCampaign,
  refreshResults,
  scheduleCampaign,
  simulateCampaign,
  stopCampaign,
  unscheduleCampaign,
} from './lifecycle';
export { planForForm, type FormPlan } from './planning';
export { getCampaignResults, type CampaignResults } from './results';
export { getCampaignsOverview, type CampaignsOverview } from './overview';
export { getUpliftTargeting, UPLIFT_FEATURES, type UpliftView } from './optimisation';
export { audienceCsv, resultsCsv } from './exports';
export { uploadOutcomes, MAX_OUTCOME_BYTES, type OutcomeUploadReport } from './outcome-upload';
export { assignmentForStorefront } from './storefront';
