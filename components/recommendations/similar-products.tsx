import { Suspense } from 'react';
import { getI18n } from '@/app/_server/i18n';
import { getActor } from '@/app/_server/session';
import { can } from '@/lib/security/roles';
import { similarProducts } from '@/lib/services/recommendations';
import { RecommendationList } from './recommendation-list';

/** The product page's "Similar items" block, each with its attribute breakdown (self-contained, streamed). */
export function SimilarProducts({ productId, k = 6 }: { productId: number; k?: number }) {
  return (
    <Suspense fallback={<section className="card h-48 animate-pulse bg-slate-50 p-4" aria-busy="true" />}>
      <Block productId={productId} k={k} />
    </Suspense>
  );
}

async function Block({ productId, k }: { productId: number; k: number }) {
  const actor = await getActor();
  if (!actor || !can(actor.role, 'recommendations:view')) return null;
  const { t, locale } = await getI18n();
  let data;
  try {
    data = await similarProducts(actor, { product: String(productId), productId, k, lang: locale });
  } catch (e) {
    console.error('[recommendations] similar items failed', e);
    return null;
  }
  return (
    <section className="card p-4" data-testid="similar-products">
      <h2 className="mb-1 font-semibold">{t('recommendations.similar.title')}</h2>
      <RecommendationList items={data.items} empty={t('recommendations.similar.empty')} />
    </section>
  );
}
