'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_server/action';
import { startBulkErasure } from '@/lib/services/erasure/bulk';
import { eraseCustomer } from '@/lib/services/erasure/erase';

// Each action is a public endpoint: the service authorises (customers:erase) and validates the input.
export async function eraseCustomerAction(input: unknown) {
  return runAction(async (actor) => {
    const receipts = await eraseCustomer(actor, input);
    revalidatePath('/trust/erasure');
    return receipts;
  });
}

export async function startBulkErasureAction(input: unknown) {
  return runAction(async (actor) => {
    const started = await startBulkErasure(actor, input);
    revalidatePath('/trust/erasure');
    return started;
  });
}
