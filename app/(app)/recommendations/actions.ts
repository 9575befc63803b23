'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_server/action';
import { getLocale } from '@/app/_server/i18n';
import {
  cancelTraining,
  findPreviewCustomers,
  getTrainingProgress,
  recommendationsForCustomerId,
  retrainServing,
  saveRecommendationSettings,
  serveRun,
  startTraining,
} from '@/lib/services/recommendations';

// Each action is a public endpoint: the service it calls authorises the caller and validates the input.
const done = <T>(value: T) => {
  revalidatePath('/recommendations');
  return value;
};

export async function startTrainingAction(input: unknown) {
  return runAction(async (actor) => done(await startTraining(actor, input)));
}
export async function retrainServingAction() {
  return runAction(async (actor) => done(await retrainServing(actor)));
}
export async function cancelTrainingAction(runId: unknown) {
  return runAction(async (actor) => done(await cancelTraining(actor, runId)));
}
export async function serveRunAction(runId: unknown) {
  return runAction(async (actor) => done(await serveRun(actor, runId)));
}
export async function saveSettingsAction(input: unknown) {
  return runAction(async (actor) => done(await saveRecommendationSettings(actor, input)));
}
export async function trainingProgressAction() {
  return runAction((actor) => getTrainingProgress(actor));
}
export async function findCustomersAction(q: unknown) {
  return runAction((actor) => findPreviewCustomers(actor, q));
}
export async function previewAction(customerId: unknown) {
  return runAction(async (actor) =>
    recommendationsForCustomerId(actor, { customerId, k: 10, lang: await getLocale() }),
  );
}
