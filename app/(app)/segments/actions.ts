'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_server/action';
import {
  archiveSegment,
  createSegment,
  duplicateSegment,
  previewLookalikes,
  restoreSegment,
  saveLookalikeSegment,
  updateSegment,
} from '@/lib/services/segments';
import { describeAudience, previewAudiencePrompt } from '@/lib/services/assistant/describe-audience';

// Each action is a public endpoint: the service it calls authorises the caller and validates the input.
const done = <T>(value: T, id?: unknown) => {
  revalidatePath('/segments');
  if (id !== undefined) revalidatePath(`/segments/${String(id)}`);
  return value;
};

export async function createSegmentAction(input: unknown) {
  return runAction(async (actor) => done(await createSegment(actor, input)));
}
export async function updateSegmentAction(id: unknown, input: unknown) {
  return runAction(async (actor) => done(await updateSegment(actor, id, input), id));
}
export async function duplicateSegmentAction(id: unknown) {
  return runAction(async (actor) => done(await duplicateSegment(actor, id)));
}
export async function archiveSegmentAction(id: unknown) {
  return runAction(async (actor) => done(await archiveSegment(actor, id), id));
}
export async function restoreSegmentAction(id: unknown) {
  return runAction(async (actor) => done(await restoreSegment(actor, id), id));
}
export async function previewLookalikesAction(input: unknown) {
  return runAction(async (actor) => previewLookalikes(actor, input));
}
export async function saveLookalikeAction(input: unknown) {
  return runAction(async (actor) => done(await saveLookalikeSegment(actor, input)));
}
export async function describeAudienceAction(input: unknown) {
  return runAction(async (actor) => describeAudience(actor, input));
}
export async function previewAudiencePromptAction(input: unknown) {
  return runAction(async (actor) => previewAudiencePrompt(actor, input));
}
