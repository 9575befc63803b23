import { Suspense } from 'react';
import { getI18n } from '@/app/_server/i18n';
import { getActor } from '@/app/_server/session';
import { RecommendationBlockSkeleton } from '@/components/recommendations/block-skeleton';
import { SimilarProducts } from '@/components/recommendations/similar-products';
import { can } from '@/lib/security/roles';
import { similarProducts } from '@/lib/services/recommendations';

/** The product page's similar items, fetched in their own Suspense boundary (the page never waits for them). */
export function SimilarProductsBlock({ productId, k = 6 }: { productId: number; k?: number }) {
  return (
    <Suspense fallback={<RecommendationBlockSkeleton />}>
      <Block productId={productId} k={k} />
    </Suspense>
  );
}

async function Block({ productId, k }: { productId: number; k: number }) {
  const actor = await getActor();
  if (!actor || !can(actor.role, 'recommendations:view')) return null;
  const { t, locale } = await getI18n();
  try {
    const data = await similarProducts(actor, { product: String(productId), productId, k, lang: locale });
    return <SimilarProducts items={data.items} t={t} />;
  } catch (e) {
    console.error('[recommendations] similar items failed', e);
    return null;
  }
}
