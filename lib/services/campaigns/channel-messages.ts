import 'server-only';
import { db } from '@/lib/db/client';
import type { AudienceRow, CampaignRow } from '@/lib/db/campaigns';
import { templatesOfCampaign } from '@/lib/db/email';
import { surveysOfCampaign } from '@/lib/db/surveys';
import { type ChannelMessage, pickTemplate, renderChannelMessage } from '@/lib/engine/email/channel-message';
import { firstNameOf } from '@/lib/engine/email/merge';
import { translator, type Locale } from '@/lib/i18n/translate';
import { preferredLocale } from '../email/compose';
import { loadSmtp } from '../email/smtp';
import { publicBaseUrl, surveyToken } from '../surveys/links';

/**
 * For SMS and push campaigns: a renderer of each recipient's message from the variant's templates (the ones the
 * e-mail editor saves, per language) with the same merge fields as e-mail, `{{survey_url}}` included. Returns null
 * for other channels or when no variant has a template (the payload then carries the variant's content only).
 */
export async function channelMessageRenderer(
  row: CampaignRow,
): Promise<((r: AudienceRow) => ChannelMessage | null) | null> {
  const channel = row.channel;
  if (channel !== 'sms' && channel !== 'push') return null;
  const templates = await templatesOfCampaign(db, row.id);
  if (!templates.length) return null;
  const shopName = (await loadSmtp())?.shopName ?? '';
  const surveys = (await surveysOfCampaign(db, row.id)).toReversed();
  const base = await publicBaseUrl();
  return (r) => {
    const template = pickTemplate(
      templates.filter((t) => t.variantId === r.variantId),
      preferredLocale(r),
    );
    if (!template) return null;
    const survey = surveys.find((s) => s.variantId === r.variantId) ?? surveys.find((s) => s.variantId === null);
    const tr = translator(template.locale as Locale);
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
        survey_url: survey ? `${base}/s/${surveyToken(survey.id, r.customerId, null)}` : null,
      },
      { first_name: tr('email.message.defaultFirstName'), shop_name: shopName },
    );
  };
}
