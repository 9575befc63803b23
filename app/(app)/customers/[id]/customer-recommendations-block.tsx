import { Suspense } from 'react';
import { getI18n } from '@/app/_server/i18n';
import { getActor } from '@/app/_server/session';
import { RecommendationBlockSkeleton } from '@/components/recommendations/block-skeleton';
import { CustomerRecommendations } from '@/components/recommendations/customer-recommendations';
import { can } from '@/lib/security/roles';
import { recommendationsForCustomerId } from '@/lib/services/recommendations';

/**
 * The portrait's recommendations, fetched in their own Suspense boundary with their own permission check, so the
 * portrait never waits for or fails with them.
 */
export function CustomerRecommendationsBlock({ customerId, k = 6 }: { customerId: number; k?: number }) {
  return (
    <Suspense fallback={<RecommendationBlockSkeleton />}>
      <Block customerId={customerId} k={k} />
    </Suspense>
  );
}

async function Block({ customerId, k }: { customerId: number; k: number }) {
  const actor = await getActor();
  if (!actor || !can(actor.role, 'recommendations:view')) return null;
  const { t, locale } = await getI18n();
  try {
    const data = await recommendationsForCustomerId(actor, { customerId, k, lang: locale });
    return <CustomerRecommendations data={data} t={t} />;
  } catch (e) {
    console.error('[recommendations] portrait block failed', e);
    return null;
  }
}
