import 'server-only';
import { db } from '@/lib/db/client';
import { audiencePage, updateCampaignRow } from '@/lib/db/campaigns';
import { suppressedAmong } from '@/lib/db/email';
import { HOLDOUT_KEY } from '@/lib/engine/campaign';
import { channelMessageRenderer } from './channel-messages';
import { postSigned } from './webhook';
import { loadCampaign, settingsOf } from './shared';

/** Recipients per webhook call: keeps each body to a few MB. */
export const RECIPIENTS_PER_CALL = 5000;

/**
 * Sends the audience of a wave (messages only: the holdout must receive nothing) to the campaign's webhook, in
 * signed parts. Each part carries a stable delivery id, so a retried job can be de-duplicated by the receiver. SMS
 * and push recipients carry their own `message` rendered from the variant's templates (text for SMS, title and body
 * for push; README "Webhook payload").
 */
export async function deliverWave(
  campaignId: number,
  wave: number | null,
  {
    signal,
    progress,
    allowPrivate,
    ca,
  }: { signal?: AbortSignal; progress?: (f: number, note?: string) => void; allowPrivate?: boolean; ca?: string } = {},
) {
  const row = await loadCampaign(campaignId);
  const settings = settingsOf(row);
  if (!row.webhookUrl || !settings.webhookSecret) return { parts: 0, recipients: 0 };
  const variants = new Map(row.variants.map((v) => [v.id, v]));
  const contact = (r: { email: string | null; phone: string | null }) =>
    row.channel === 'email' ? { email: r.email } : row.channel === 'sms' ? { phone: r.phone } : {};
  const render = await channelMessageRenderer(row);
  const recipients: Record<string, unknown>[] = [];
  for (let after = 0; ; ) {
    const page = await audiencePage(db, campaignId, after, 2000);
    if (!page.length) break;
    after = page.at(-1)!.customerId;
    // the e-mail suppression list (unsubscribed, hard bounces, complaints) applies to webhook deliveries too
    const suppressed =
      row.channel === 'email'
        ? await suppressedAmong(
            db,
            page.flatMap((p) => (p.email ? [p.email] : [])),
          )
        : null;
    for (const r of page) {
      const v = variants.get(r.variantId);
      if (!v || v.key === HOLDOUT_KEY || (wave !== null && r.wave !== wave)) continue;
      if (suppressed && r.email && suppressed.has(r.email.toLowerCase())) continue;
      const message = await render?.(r);
      recipients.push({
        customerId: r.externalId,
        variant: v.key,
        name: r.name,
        ...contact(r),
        ...(message && { message }),
      });
    }
  }
  const parts = Math.max(1, Math.ceil(recipients.length / RECIPIENTS_PER_CALL));
  const header = {
    event: 'campaign.audience',
    campaign: {
      id: row.id,
      name: row.name,
      channel: row.channel,
      goal: row.goal,
      simulated: row.isSimulated,
      attributionWindowHours: row.attributionWindowHours,
    },
    wave: wave ?? 0,
    variants: row.variants
      .filter((v) => v.key !== HOLDOUT_KEY)
      .map((v) => ({
        key: v.key,
        name: v.name,
        subject: v.subject,
        content: v.content,
        offer: v.offer,
        recommendations: Boolean(v.recommendation),
      })),
  };
  let last: { ok: boolean; status: number | null; message: string | null } = { ok: true, status: null, message: null };
  try {
    for (let k = 0; k < parts; k++) {
      if (signal?.aborted) throw new Error('cancelled');
      const body = JSON.stringify({
        ...header,
        part: k + 1,
        parts,
        recipients: recipients.slice(k * RECIPIENTS_PER_CALL, (k + 1) * RECIPIENTS_PER_CALL),
      });
      const r = await postSigned(row.webhookUrl, {
        secret: settings.webhookSecret,
        body,
        event: 'campaign.audience',
        deliveryId: `campaign-${row.id}-wave-${wave ?? 0}-part-${k + 1}`,
        allowPrivate,
        ca,
      });
      last = { ok: true, status: r.status, message: null };
      progress?.((k + 1) / parts, `part ${k + 1} of ${parts}`);
    }
  } catch (e) {
    last = {
      ok: false,
      status: (e as { status?: number }).status ?? null,
      message: e instanceof Error ? e.message : String(e),
    };
    throw e;
  } finally {
    const fresh = settingsOf(await loadCampaign(campaignId));
    await updateCampaignRow(db, campaignId, {
      settings: { ...fresh, lastDelivery: { at: Date.now(), ...last, parts } },
    });
  }
  return { parts, recipients: recipients.length };
}
