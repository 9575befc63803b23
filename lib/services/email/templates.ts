import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { searchCustomerRefs } from '@/lib/db/customers';
import { messageAudienceSize, recipientById, sendCounts, templatesOfCampaign, upsertTemplate } from '@/lib/db/email';
import { withTransaction } from '@/lib/db/transaction';
import { renderEmailInWorker } from '@/lib/email/render-client';
import { HOLDOUT_KEY } from '@/lib/engine/campaign';
import { MERGE_FIELDS, unknownMergeFields } from '@/lib/engine/email/merge';
import { AppError } from '@/lib/errors';
import type { MessageRef } from '@/lib/i18n/message-ref';
import { previewSchema, templateSchema } from '@/lib/schemas/email';
import { authorize, type Actor } from '../auth/actor';
import { audit, loadCampaign, requireStatus } from '../campaigns/shared';
import { parseInput } from '../validate';
import { composeContext, composeEmail } from './compose';
import { requireSmtp, smtpError, transportFor } from './smtp';

/** The e-mail of each message variant in both languages, the merge fields, and how sending is going. */
export async function getCampaignEmail(actor: Actor | null, campaignId: number) {
  authorize(actor, 'campaigns:view');
  const row = await loadCampaign(campaignId);
  const templates = await templatesOfCampaign(db, campaignId);
  return {
    mergeFields: [...MERGE_FIELDS],
    variants: row.variants
      .filter((v) => v.key !== HOLDOUT_KEY)
      .map((v) => ({
        key: v.key,
        name: v.name,
        templates: templates.filter((t) => t.variantId === v.id),
      })),
    counts: await sendCounts(db, campaignId),
    audience: await messageAudienceSize(db, campaignId, HOLDOUT_KEY),
  };
}

function variantOf(row: Awaited<ReturnType<typeof loadCampaign>>, key: string) {
  const v = row.variants.find((x) => x.key === key && x.key !== HOLDOUT_KEY);
  if (!v) throw new AppError('NOT_FOUND', 'email.errors.variantNotFound');
  return v;
}

/**
 * Saves one variant's e-mail, SMS or push template in one language (before launch); unknown merge fields are refused
 * by name; a subject (the push title) is needed except for SMS.
 */
export async function saveEmailTemplate(actor: Actor | null, input: unknown) {
  const user = authorize(actor, 'campaigns:edit');
  const t = parseInput(templateSchema, input);
  const fieldErrors: Record<string, MessageRef[]> = {};
  for (const field of ['subject', 'preheader', 'body'] as const) {
    const unknown = unknownMergeFields(t[field]);
    if (unknown.length)
      fieldErrors[field] = [{ key: 'email.errors.unknownFields', params: { fields: unknown.join(', ') } }];
  }
  const row = await loadCampaign(t.campaignId);
  if (!t.subject && row.channel !== 'sms') fieldErrors.subject = [{ key: 'email.errors.subjectRequired' }];
  const [first] = Object.entries(fieldErrors);
  if (first)
    throw new AppError('INVALID_INPUT', first[1][0]!.key, first[1][0]!.params, { fieldErrors, path: first[0] });
  requireStatus(row, ['draft', 'scheduled'], 'edited');
  const v = variantOf(row, t.variantKey);
  await withTransaction(db, async (tx) => {
    await upsertTemplate(tx, {
      variantId: v.id,
      locale: t.locale,
      subject: t.subject,
      preheader: t.preheader,
      body: t.body,
      productCount: t.productCount,
    });
    await audit(tx, user, 'campaign.email_template', row.id, { variant: v.key, locale: t.locale });
  });
  return { ok: true as const };
}

async function render(input: z.infer<typeof previewSchema>) {
  const smtp = await requireSmtp();
  const row = await loadCampaign(input.campaignId);
  const v = variantOf(row, input.variantKey);
  const template = (await templatesOfCampaign(db, row.id)).find(
    (x) => x.variantId === v.id && x.locale === input.locale,
  );
  if (!template) throw new AppError('NOT_FOUND', 'email.errors.noTemplate');
  const customer = await recipientById(db, input.customerId);
  if (!customer || customer.erasedAt) throw new AppError('NOT_FOUND', 'errors.customerNotFound');
  const ctx = await composeContext(smtp);
  const where = { campaignId: row.id, variantId: v.id, step: 0 };
  // untracked: looking at or clicking in a preview or test send records nothing against the customer
  const { content } = await composeEmail(ctx, template, { ...customer, customerId: customer.id }, where, input.locale, {
    tracked: false,
  });
  return { smtp, content, ...(await renderEmailInWorker(content)) };
}

/** The e-mail exactly as a real customer would get it (their name, their recommended products), in one language. */
export async function previewEmail(actor: Actor | null, input: unknown) {
  authorize(actor, 'campaigns:view');
  const r = await render(parseInput(previewSchema, input));
  return { subject: r.content.subject, preheader: r.content.preheader, html: r.html, text: r.text };
}

/** Customers for the preview picker: by external id, name or e-mail. */
export async function findPreviewCustomers(actor: Actor | null, q: unknown) {
  authorize(actor, 'campaigns:view');
  return searchCustomerRefs(db, parseInput(z.string().trim().min(1).max(200), q), 8);
}

const testSchema = previewSchema.extend({ to: z.string().trim().email('email.errors.to') });

/** Sends the preview to an address (marked as a test); nothing is recorded against the campaign. */
export async function sendTemplateTest(actor: Actor | null, input: unknown) {
  authorize(actor, 'campaigns:edit');
  const t = parseInput(testSchema, input);
  const r = await render(t);
  const transport = transportFor(r.smtp);
  try {
    const info = await transport.sendMail({
      from: r.smtp.from,
      to: t.to,
      replyTo: r.smtp.replyTo || undefined,
      subject: `[TEST] ${r.content.subject}`,
      html: r.html,
      text: r.text,
    });
    return { response: String(info.response ?? '') };
  } catch (e) {
    throw smtpError(e);
  } finally {
    transport.close();
  }
}
