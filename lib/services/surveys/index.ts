/** Hosted satisfaction surveys: attach to a campaign, invite by link or `{{survey_url}}`, answer, results. */
export { answerSurvey, getSurveyForm, type SurveyForm } from './answer';
export { createSurveyInvitationLink } from './links';
export { type CampaignSurvey, createSurvey, getCampaignSurveys, surveyLinkFor } from './surveys';
