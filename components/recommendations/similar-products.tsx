import type { Translate } from '@/lib/i18n/translate';
import type { SimilarItem } from '@/lib/services/recommendations';
import { RecommendationList } from './recommendation-list';

/** The product page's "Similar items" block, each with its attribute breakdown. */
export function SimilarProducts({ items, t }: { items: SimilarItem[]; t: Translate }) {
  return (
    <section className="card p-4" data-testid="similar-products">
      <h2 className="mb-1 font-semibold">{t('recommendations.similar.title')}</h2>
      <RecommendationList items={items} empty={t('recommendations.similar.empty')} />
    </section>
  );
}
