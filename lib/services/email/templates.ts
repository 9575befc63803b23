import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { recipientById, sendCounts, templatesOfCampaign, upsertTemplate } from '@/lib/db/email';
import { withTransaction } from '@/lib/db/transaction';
import { renderEmailInWorker } from '@/lib/email/render-client';
import { HOLDOUT_KEY } from '@/lib/engine/campaign';
import { MERGE_FIELDS, unknownMergeFields } from '@/lib/engine/email/merge';
import { AppError } from '@/lib/errors';
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
  };
}

function variantOf(row: Awaited<ReturnType<typeof loadCampaign>>, key: string) {
  const v = row.variants.find((x) => x.key === key && x.key !== HOLDOUT_KEY);
  if (!v) throw new AppError('NOT_FOUND', 'email.errors.variantNotFound');
  return v;
}

/** Saves one variant's e-mail in one language (before launch); unknown merge fields are refused by name. */
export async function saveEmailTemplate(actor: Actor | null, input: unknown) {
  const user = authorize(actor, 'campaigns:edit');
  const t = parseInput(templateSchema, input);
  const unknown = unknownMergeFields(`${t.subject} ${t.preheader} ${t.body}`);
  if (unknown.length)
    throw new AppError('INVALID_INPUT', 'email.errors.unknownFields', { fields: unknown.join(', ') }, { path: 'body' });
  const row = await loadCampaign(t.campaignId);
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
  const { content, unsubscribeUrl } = await composeEmail(
    ctx,
    template,
    { ...customer, customerId: customer.id },
    where,
    input.locale,
  );
  return { smtp, content, unsubscribeUrl, ...(await renderEmailInWorker(content)) };
}

/** The e-mail exactly as a real customer would get it (their name, their recommended products), in one language. */
export async function previewEmail(actor: Actor | null, input: unknown) {
  authorize(actor, 'campaigns:view');
  const r = await render(parseInput(previewSchema, input));
  return { subject: r.content.subject, preheader: r.content.preheader, html: r.html, text: r.text };
}

const testSchema = previewSchema.extend({ to: z.string().trim().email('email.errors.from') });

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
      headers: { 'List-Unsubscribe': `<${r.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    return { response: String(info.response ?? '') };
  } catch (e) {
    throw smtpError(e);
  } finally {
    transport.close();
  }
}
