'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_server/action';
import { setTagRule } from '@/lib/services/tags/rules';
import { createCustomTag, deleteCustomTag, updateCustomTag } from '@/lib/services/tags/tags';

// Public endpoints: the services authorise (segments:edit for custom tags) and validate.
const done = <T>(value: T) => {
  revalidatePath('/tags', 'layout');
  return value;
};

export async function createTagAction(input: unknown) {
  return runAction(async (actor) => done(await createCustomTag(actor, input)));
}
export async function updateTagAction(input: unknown) {
  return runAction(async (actor) => done(await updateCustomTag(actor, input)));
}
export async function deleteTagAction(tagId: unknown) {
  return runAction(async (actor) => done(await deleteCustomTag(actor, tagId)));
}
export async function setTagRuleAction(input: unknown) {
  return runAction(async (actor) => done(await setTagRule(actor, input)));
}
