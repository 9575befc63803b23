'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_server/action';
import { issueApiKey, revokeApiKey } from '@/lib/services/api-keys';
import { saveProviderSettings } from '@/lib/services/assistant/provider-settings';
import { saveSmtpSettings, sendSmtpTest } from '@/lib/services/email/smtp';
import { deleteCurrencyRate, saveCurrencyRate, saveShopSettings } from '@/lib/services/settings';
import { signOutUserEverywhere } from '@/lib/services/auth/sessions';
import { createUser, updateUser } from '@/lib/services/users';
import { saveFairnessSettings } from '@/lib/services/fairness';
import { savePrivacySettings } from '@/lib/services/privacy';

// Each action is a public endpoint: the service it calls authorises the caller and validates the input.
const done = <T>(value: T) => {
  revalidatePath('/settings');
  return value;
};

export async function createUserAction(input: unknown) {
  return runAction(async (actor) => done(await createUser(actor, input)));
}
export async function updateUserAction(input: unknown) {
  return runAction(async (actor) => done(await updateUser(actor, input)));
}
export async function signOutUserAction(userId: unknown) {
  return runAction(async (actor) => {
    await signOutUserEverywhere(actor, userId);
    return null;
  });
}
export async function issueApiKeyAction(input: unknown) {
  return runAction(async (actor) => done(await issueApiKey(actor, input)));
}
export async function revokeApiKeyAction(id: unknown) {
  return runAction(async (actor) => done(await revokeApiKey(actor, id)));
}
export async function saveShopAction(input: unknown) {
  return runAction(async (actor) => done(await saveShopSettings(actor, input)));
}
export async function saveRateAction(input: unknown) {
  return runAction(async (actor) => done(await saveCurrencyRate(actor, input)));
}
export async function deleteRateAction(currency: unknown) {
  return runAction(async (actor) => done(await deleteCurrencyRate(actor, currency)));
}
export async function saveAssistantAction(input: unknown) {
  return runAction(async (actor) => done(await saveProviderSettings(actor, input)));
}
export async function savePrivacyAction(input: unknown) {
  return runAction(async (actor) => done(await savePrivacySettings(actor, input)));
}
export async function saveFairnessAction(input: unknown) {
  return runAction(async (actor) => done(await saveFairnessSettings(actor, input)));
}
export async function saveSmtpAction(input: unknown) {
  return runAction(async (actor) => done(await saveSmtpSettings(actor, input)));
}
export async function sendSmtpTestAction(input: unknown) {
  return runAction((actor) => sendSmtpTest(actor, input));
}
