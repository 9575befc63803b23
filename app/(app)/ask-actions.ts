'use server';
import { runAction } from '@/app/_server/action';
import { askData, previewAskPrompt } from '@/lib/services/assistant/ask-data';

export async function askDataAction(input: unknown) {
  return runAction(async (actor) => askData(actor, input));
}
export async function previewAskAction(input: unknown) {
  return runAction(async (actor) => previewAskPrompt(actor, input));
}
