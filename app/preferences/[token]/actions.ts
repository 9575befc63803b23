'use server';
import { runAction } from '@/app/_server/action';
import { savePreferences } from '@/lib/services/email/preferences';

/** The hosted preference page's form: no session; the signed token in the link names the customer. */
export async function savePreferencesAction(
  token: string,
  input: { email: boolean; sms: boolean; push: boolean; ads: boolean },
) {
  return runAction(() => savePreferences(token, input));
}
