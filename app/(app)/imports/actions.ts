'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_server/action';
import { cancelImport, startImport } from '@/lib/services/imports/imports';

export async function startImportAction(input: unknown) {
  return runAction(async (actor) => {
    const result = await startImport(actor, input);
    revalidatePath('/imports');
    return result;
  });
}

export async function cancelImportAction(id: unknown) {
  return runAction(async (actor) => cancelImport(actor, id));
}
