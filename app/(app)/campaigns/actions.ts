'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_server/action';
import { previewCopyPrompt, suggestCampaignCopy } from '@/lib/services/assistant/campaign-copy';
import {
  completeCampaign,
  createCampaign,
  deleteCampaign,
  getUpliftTargeting,
  planForForm,
  refreshResults,
  scheduleCampaign,
  simulateCampaign,
  stopCampaign,
  unscheduleCampaign,
  updateCampaign,
} from '@/lib/services/campaigns';
import { createSurvey, surveyLinkFor } from '@/lib/services/surveys';

// Each action is a public endpoint: the service it calls authorises the caller and validates the input.
const done = <T>(value: T, id?: unknown) => {
  revalidatePath('/campaigns');
  if (id !== undefined) revalidatePath(`/campaigns/${String(id)}`);
  return value;
};

export async function createCampaignAction(input: unknown) {
  return runAction(async (actor) => done(await createCampaign(actor, input)));
}
export async function updateCampaignAction(id: unknown, input: unknown) {
  return runAction(async (actor) => done(await updateCampaign(actor, id, input), id));
}
export async function deleteCampaignAction(id: unknown) {
  return runAction(async (actor) => done(await deleteCampaign(actor, id)));
}
export async function planAction(input: unknown) {
  return runAction(async (actor) => planForForm(actor, input));
}
export async function scheduleAction(input: { id: unknown; at?: unknown }) {
  return runAction(async (actor) => done(await scheduleCampaign(actor, input), input.id));
}
export async function unscheduleAction(id: unknown) {
  return runAction(async (actor) => done(await unscheduleCampaign(actor, id), id));
}
export async function stopAction(id: unknown) {
  return runAction(async (actor) => done(await stopCampaign(actor, id), id));
}
export async function completeAction(id: unknown) {
  return runAction(async (actor) => done(await completeCampaign(actor, id), id));
}
export async function simulateAction(id: unknown) {
  return runAction(async (actor) => done(await simulateCampaign(actor, id), id));
}
export async function refreshAction(id: unknown) {
  return runAction(async (actor) => done(await refreshResults(actor, id), id));
}
export async function upliftAction(input: unknown) {
  return runAction(async (actor) => getUpliftTargeting(actor, input));
}
export async function suggestCopyAction(input: unknown) {
  return runAction(async (actor) => suggestCampaignCopy(actor, input));
}
export async function previewCopyAction(input: unknown) {
  return runAction(async (actor) => previewCopyPrompt(actor, input));
}

export async function createSurveyAction(input: unknown) {
  return runAction(async (actor) => {
    const r = await createSurvey(actor, input);
    const id = input && typeof input === 'object' && 'campaignId' in input ? input.campaignId : undefined;
    return done(r, id);
  });
}
export async function surveyLinkAction(campaignId: unknown, input: unknown) {
  return runAction(async (actor) => surveyLinkFor(actor, campaignId, input));
}
