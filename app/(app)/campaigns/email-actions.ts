'use server';
import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_server/action';
import { previewChannelMessage } from '@/lib/services/campaigns/channel-messages';
import {
  findPreviewCustomers,
  previewEmail,
  saveEmailTemplate,
  sendTemplateTest,
} from '@/lib/services/email/templates';

// Each action is a public endpoint: the service it calls authorises the caller and validates the input.
export async function saveEmailAction(input: unknown) {
  return runAction(async (actor) => {
    const r = await saveEmailTemplate(actor, input);
    revalidatePath('/campaigns/[id]', 'page');
    return r;
  });
}
export async function previewEmailAction(input: unknown) {
  return runAction((actor) => previewEmail(actor, input));
}
export async function previewMessageAction(input: unknown) {
  return runAction((actor) => previewChannelMessage(actor, input));
}
export async function testEmailAction(input: unknown) {
  return runAction((actor) => sendTemplateTest(actor, input));
}
export async function findEmailCustomersAction(q: unknown) {
  return runAction((actor) => findPreviewCustomers(actor, q));
}
