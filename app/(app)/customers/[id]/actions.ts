'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_server/action';
import { assignCustomTag, unassignCustomTag } from '@/lib/services/tags/tags';

// Each action is a public endpoint: the service authorises the caller (segments:edit) and validates the input.
export async function assignTagAction(input: unknown) {
  return runAction(async (actor) => {
    const result = await assignCustomTag(actor, input);
    revalidatePath('/customers/[id]', 'page');
    return result;
  });
}

export async function unassignTagAction(input: unknown) {
  return runAction(async (actor) => {
    const result = await unassignCustomTag(actor, input);
    revalidatePath('/customers/[id]', 'page');
    return result;
  });
}
