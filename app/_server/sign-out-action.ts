'use server';
import { signOutEverywhere } from '@/lib/services/auth/sessions';
import { runAction } from './action';

/** Ends every session of the signed-in user (other browsers and devices included). */
export async function signOutEverywhereAction() {
  return runAction(async (actor) => {
    await signOutEverywhere(actor);
    return null;
  });
}
