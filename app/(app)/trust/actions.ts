'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_server/action';
import { releaseDashboard, releaseSegmentHistory, releaseSegmentSizes } from '@/lib/services/privacy';

// Each release spends privacy budget; the service authorises, checks the budget atomically and audits.
export async function releaseDashboardAction(input: { range?: string; from?: string; to?: string }) {
  return runAction(async (actor) => {
    const r = await releaseDashboard(actor, input);
    revalidatePath('/');
    return { id: r.id };
  });
}

export async function releaseSegmentSizesAction() {
  return runAction(async (actor) => {
    const r = await releaseSegmentSizes(actor);
    revalidatePath('/segments');
    return { id: r.id };
  });
}

export async function releaseSegmentHistoryAction(segmentId: number) {
  return runAction(async (actor) => {
    const r = await releaseSegmentHistory(actor, segmentId);
    revalidatePath(`/segments/${segmentId}`);
    return { id: r.id };
  });
}
