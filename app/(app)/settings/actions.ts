'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_server/action';
import { issueApiKey, revokeApiKey } from '@/lib/services/api-keys';
import { saveSmtpSettings, sendSmtpTest } from '@/lib/services/email/smtp';
import { deleteCurrencyRate, saveCurrencyRate, saveShopSettings } from '@/lib/services/settings';
import { createUser, updateUser } from '@/lib/services/users';

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
export async function saveSmtpAction(input: unknown) {
  return runAction(async (actor) => done(await saveSmtpSettings(actor, input)));
}
export async function sendSmtpTestAction(input: unknown) {
  return runAction((actor) => sendSmtpTest(actor, input));
}
