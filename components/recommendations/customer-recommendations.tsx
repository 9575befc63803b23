import { labelFor } from '@/lib/i18n/message-ref';
import type { Translate } from '@/lib/i18n/translate';
import type { CustomerRecommendations as Recommendations } from '@/lib/services/recommendations';
import { RecommendationList } from './recommendation-list';

/** The customer portrait's "Recommended for this customer" block: the serving model's top items with their reasons. */
export function CustomerRecommendations({ data, t }: { data: Recommendations; t: Translate }) {
  return (
    <section className="card p-4" data-testid="customer-recommendations">
      <div className="mb-1 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="font-semibold">{t('recommendations.customer.title')}</h2>
        <span className="text-xs text-slate-500">
          {t('recommendations.customer.model', {
            model: data.model.runId
              ? `${labelFor(t, 'recommendations.models', data.model.name)} v${data.model.version}`
              : t('recommendations.models.fallback'),
          })}
          {' · '}
          {t(`recommendations.preview.strategy.${data.strategy}`)}
        </span>
      </div>
      <RecommendationList items={data.items} empty={t('recommendations.customer.empty')} />
    </section>
  );
}
