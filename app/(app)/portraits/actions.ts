'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_server/action';
import { requestPortraitRecompute, savePortraitSettings } from '@/lib/services/portraits/models';

// Public endpoints: the services authorise (settings:manage) and validate.
export async function recomputeAction() {
  return runAction(async (actor) => {
    const result = await requestPortraitRecompute(actor);
    revalidatePath('/portraits');
    return result;
  });
}

export async function saveSettingsAction(input: unknown) {
  return runAction(async (actor) => {
    const result = await savePortraitSettings(actor, input);
    revalidatePath('/portraits');
    return result;
  });
}
