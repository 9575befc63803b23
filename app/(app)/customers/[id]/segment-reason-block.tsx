import { getI18n } from '@/app/_server/i18n';
import { getActor } from '@/app/_server/session';
import { SegmentReason } from '@/components/segments/segment-reason';
import { isAppError } from '@/lib/errors';
import { explainMember } from '@/lib/services/segments';

/** Why the customer is (not) in the segment the portrait was opened from; nothing for an unknown or unreadable segment. */
export async function SegmentReasonBlock({ segmentId, customerId }: { segmentId: string; customerId: number }) {
  const { t, locale } = await getI18n();
  try {
    const why = await explainMember(await getActor(), segmentId, customerId);
    return <SegmentReason why={why} t={t} locale={locale} />;
  } catch (e) {
    if (isAppError(e)) return null;
    throw e;
  }
}
