import type { UserActor } from '@/lib/services/auth/actor';
import { createCampaign } from '@/lib/services/campaigns';
import { saveSmtpSettings } from '@/lib/services/email/smtp';
import { saveEmailTemplate } from '@/lib/services/email/templates';
import { emailCampaignInput } from './email-campaign';

/**
 * What the send tests set up before a wave: SMTP settings pointing at a local catcher, and an e-mail campaign with two
 * variants over `segmentId` (no holdout, no product block), each with an English template holding one tracked link.
 * Returns the campaign's id (a draft: schedule it to send).
 */
export async function createTwoVariantEmailCampaign(
  actor: UserActor,
  options: { name: string; segmentId: number; smtpPort: number; ratePerMinute: number },
): Promise<number> {
  await saveSmtpSettings(actor, {
    host: '127.0.0.1',
    port: options.smtpPort,
    security: 'none',
    from: 'shop@example.com',
    ratePerMinute: options.ratePerMinute,
    publicUrl: 'https://precisa.example',
    shopUrl: 'https://shop.example',
    shopName: 'Shop',
  });
  const input = emailCampaignInput(options.name, options.segmentId, {
    names: ['One', 'Two'],
    recommendations: false,
    holdoutShare: 0,
  });
  const campaignId = (await createCampaign(actor, input)).id;
  for (const variantKey of ['a', 'b'])
    await saveEmailTemplate(actor, {
      campaignId,
      variantKey,
      locale: 'en',
      subject: 'Hello {{first_name}}',
      body: 'Hi {{first_name}}, see https://shop.example/sale',
    });
  return campaignId;
}
