'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_server/action';
import { refreshResults } from '@/lib/services/campaigns';
import { createFlowFromTemplate, runFlowsNow, saveFlow, setFlowEnabled } from '@/lib/services/flows';

// Each action is a public endpoint: the service it calls authorises the caller and validates the input.
const done = <T>(value: T, id?: unknown) => {
  revalidatePath('/flows');
  if (id !== undefined) revalidatePath(`/flows/${String(id)}`);
  return value;
};

export async function addTemplateAction(input: unknown) {
  return runAction(async (actor) => done((await createFlowFromTemplate(actor, input)).id));
}
export async function saveFlowAction(input: unknown) {
  return runAction(async (actor) => done((await saveFlow(actor, input)).id, (input as { id?: unknown })?.id));
}
export async function setEnabledAction(input: unknown) {
  return runAction(async (actor) =>
    done((await setFlowEnabled(actor, input)).enabled, (input as { id?: unknown })?.id),
  );
}
export async function runNowAction() {
  return runAction(async (actor) => done(await runFlowsNow(actor)));
}
export async function refreshFlowResultsAction(campaignId: unknown) {
  return runAction(async (actor) => {
    await refreshResults(actor, campaignId);
    return null;
  });
}
