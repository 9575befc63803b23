'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_server/action';
import { requestQualityRun } from '@/lib/services/quality';

// Queues a data-quality report (admins; the service authorises); the page follows the job until it is done.
export async function recomputeQualityAction() {
  return runAction(async (actor) => {
    const r = await requestQualityRun(actor);
    revalidatePath('/trust/quality');
    return r;
  });
}
