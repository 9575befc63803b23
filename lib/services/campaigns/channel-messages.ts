import 'server-only';
import { db } from '@/lib/db/client';
import type { AudienceRow, CampaignRow } from '@/lib/db/campaigns';
import { recipientById, templatesOfCampaign } from '@/lib/db/email';
import { surveysOfCampaign } from '@/lib/db/surveys';
import { HOLDOUT_KEY } from '@/lib/engine/campaign';
import { type ChannelMessage, pickTemplate, renderChannelMessage } from '@/lib/engine/email/channel-message';
import { firstNameOf } from '@/lib/engine/email/merge';
import { AppError } from '@/lib/errors';
import { translator, type Locale } from '@/lib/i18n/translate';
import { previewSchema } from '@/lib/schemas/email';
import { authorize, type Actor } from '../auth/actor';
import { messageProducts, preferredLocale, priceContext } from '../email/compose';
import { loadSmtp } from '../email/smtp';
import { signClick } from '../email/tokens';
import { publicBaseUrl, surveyToken } from '../surveys/links';
import { parseInput } from '../validate';
import { loadCampaign } from './shared';

type Template = Awaited<ReturnType<typeof templatesOfCampaign>>[number];
type Recipient = Pick<
  AudienceRow,
  'customerId' | 'name' | 'email' | 'city' | 'region' | 'attributes' | 'variantId' | 'wave'
>;

/**
 * A renderer of one recipient's SMS or push message from one template, with the same merge fields as e-mail,
 * `{{survey_url}}` included, and the template's recommended products (as in e-mail: the serving model's picks, priced
 * in the customer's display currency; tracked links go through the signed click redirect so clicks count in the
 * results). Products need the shop's address from Settings → e-mail.
 */
async function messageRenderer(row: CampaignRow, channel: 'sms' | 'push', templates: Template[], tracked: boolean) {
  const smtp = await loadSmtp();
  const shopName = smtp?.shopName ?? '';
  const surveys = (await surveysOfCampaign(db, row.id)).toReversed();
  const base = await publicBaseUrl();
  const prices = templates.some((t) => t.productCount > 0) ? await priceContext() : null;
  return async (template: Template, r: Recipient): Promise<ChannelMessage> => {
    const locale = template.locale as Locale;
    const served =
      prices && smtp
        ? await messageProducts(prices, r, template.productCount, locale, smtp.shopUrl)
        : { products: [], model: null };
    const track = (url: string) =>
      tracked && base ? `${base}/r/${signClick({ c: row.id, v: r.variantId, k: r.customerId, s: r.wave, url })}` : url;
    const survey = surveys.find((s) => s.variantId === r.variantId) ?? surveys.find((s) => s.variantId === null);
    const tr = translator(locale);
    return renderChannelMessage(
      channel,
      template,
      {
        first_name: firstNameOf(r.name),
        name: r.name,
        email: r.email,
        shop_name: shopName,
        city: r.city,
        region: r.region,
        survey_url: survey ? `${base}/s/${surveyToken(survey.id, r.customerId, served.model)}` : null,
      },
      { first_name: tr('email.message.defaultFirstName'), shop_name: shopName },
      served.products.map((p) => ({ id: p.id, title: p.title, price: p.price, url: track(p.url), reason: p.reason })),
    );
  };
}

/**
 * For SMS and push campaigns: a renderer of each recipient's message from the variant's templates (the ones the
 * campaign's message editor saves, per language), in the customer's language. Returns null for other channels or
 * when no variant has a template (the payload then carries the variant's content only).
 */
export async function channelMessageRenderer(
  row: CampaignRow,
): Promise<((r: AudienceRow) => Promise<ChannelMessage | null>) | null> {
  const channel = row.channel;
  if (channel !== 'sms' && channel !== 'push') return null;
  const templates = await templatesOfCampaign(db, row.id);
  if (!templates.length) return null;
  const render = await messageRenderer(row, channel, templates, true);
  return async (r) => {
    const template = pickTemplate(
      templates.filter((t) => t.variantId === r.variantId),
      preferredLocale(r),
    );
    return template ? render(template, r) : null;
  };
}

/**
 * An SMS or push campaign's message exactly as the webhook would carry it for a real customer, in the chosen
 * language; product links untracked, so looking at a preview records nothing against the customer.
 */
export async function previewChannelMessage(actor: Actor | null, input: unknown): Promise<ChannelMessage> {
  authorize(actor, 'campaigns:view');
  const p = parseInput(previewSchema, input);
  const row = await loadCampaign(p.campaignId);
  const channel = row.channel;
  if (channel !== 'sms' && channel !== 'push') throw new AppError('INVALID_INPUT', 'email.errors.notMessageChannel');
  const v = row.variants.find((x) => x.key === p.variantKey && x.key !== HOLDOUT_KEY);
  if (!v) throw new AppError('NOT_FOUND', 'email.errors.variantNotFound');
  const template = (await templatesOfCampaign(db, row.id)).find((t) => t.variantId === v.id && t.locale === p.locale);
  if (!template)
    throw new AppError('NOT_FOUND', p.locale === 'zh-CN' ? 'email.errors.noChineseText' : 'email.errors.noEnglishText');
  const customer = await recipientById(db, p.customerId);
  if (!customer || customer.erasedAt) throw new AppError('NOT_FOUND', 'errors.customerNotFound');
  const render = await messageRenderer(row, channel, [template], false);
  return render(template, { ...customer, customerId: customer.id, variantId: v.id, wave: 0 });
}
