import 'server-only';
import { db } from '@/lib/db/client';
import type { AudienceRow, CampaignRow } from '@/lib/db/campaigns';
import { templatesOfCampaign } from '@/lib/db/email';
import { surveysOfCampaign } from '@/lib/db/surveys';
import { type ChannelMessage, pickTemplate, renderChannelMessage } from '@/lib/engine/email/channel-message';
import { firstNameOf } from '@/lib/engine/email/merge';
import { translator, type Locale } from '@/lib/i18n/translate';
import { messageProducts, preferredLocale, priceContext } from '../email/compose';
import { loadSmtp } from '../email/smtp';
import { signClick } from '../email/tokens';
import { publicBaseUrl, surveyToken } from '../surveys/links';

/**
 * For SMS and push campaigns: a renderer of each recipient's message from the variant's templates (the ones the
 * e-mail editor saves, per language) with the same merge fields as e-mail, `{{survey_url}}` included, and the
 * template's recommended products (as in e-mail: the serving model's picks, priced in the customer's display
 * currency, linked through the signed click redirect so clicks count in the results). Products need the shop's
 * address from Settings → e-mail. Returns null for other channels or when no variant has a template (the payload
 * then carries the variant's content only).
 */
export async function channelMessageRenderer(
  row: CampaignRow,
): Promise<((r: AudienceRow) => Promise<ChannelMessage | null>) | null> {
  const channel = row.channel;
  if (channel !== 'sms' && channel !== 'push') return null;
  const templates = await templatesOfCampaign(db, row.id);
  if (!templates.length) return null;
  const smtp = await loadSmtp();
  const shopName = smtp?.shopName ?? '';
  const surveys = (await surveysOfCampaign(db, row.id)).toReversed();
  const base = await publicBaseUrl();
  const prices = templates.some((t) => t.productCount > 0) ? await priceContext() : null;
  return async (r) => {
    const template = pickTemplate(
      templates.filter((t) => t.variantId === r.variantId),
      preferredLocale(r),
    );
    if (!template) return null;
    const locale = template.locale as Locale;
    const served =
      prices && smtp
        ? await messageProducts(prices, r, template.productCount, locale, smtp.shopUrl)
        : { products: [], model: null };
    const track = (url: string) =>
      base ? `${base}/r/${signClick({ c: row.id, v: r.variantId, k: r.customerId, s: r.wave, url })}` : url;
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
