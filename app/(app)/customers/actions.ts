'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_server/action';
import { deleteCustomerView, saveCustomerView } from '@/lib/services/customers-views';

// Each action is a public endpoint: the service authorises the caller (customers:view) and validates the input.
export async function saveViewAction(input: unknown) {
  return runAction(async (actor) => {
    const view = await saveCustomerView(actor, input);
    revalidatePath('/customers');
    return view;
  });
}

export async function deleteViewAction(id: unknown) {
  return runAction(async (actor) => {
    await deleteCustomerView(actor, id);
    revalidatePath('/customers');
  });
}
