import { Suspense } from 'react';
import { getI18n } from '@/app/_server/i18n';
import { getActor } from '@/app/_server/session';
import type { MessageKey } from '@/lib/i18n/translate';
import { can } from '@/lib/security/roles';
import { recommendationsForCustomerId } from '@/lib/services/recommendations';
import { RecommendationList } from './recommendation-list';

/**
 * The customer portrait's "Recommended for this customer" block: the serving model's top items with their reasons.
 * Self-contained (its own permission check and data call, streamed in its own Suspense boundary), so the portrait
 * page renders it with one line and never waits for or fails with it.
 */
export function CustomerRecommendations({ customerId, k = 6 }: { customerId: number; k?: number }) {
  return (
    <Suspense fallback={<section className="card h-48 animate-pulse bg-slate-50 p-4" aria-busy="true" />}>
      <Block customerId={customerId} k={k} />
    </Suspense>
  );
}

async function Block({ customerId, k }: { customerId: number; k: number }) {
  const actor = await getActor();
  if (!actor || !can(actor.role, 'recommendations:view')) return null;
  const { t, locale } = await getI18n();
  let data;
  try {
    data = await recommendationsForCustomerId(actor, { customerId, k, lang: locale });
  } catch (e) {
    console.error('[recommendations] portrait block failed', e);
    return null;
  }
  return (
    <section className="card p-4" data-testid="customer-recommendations">
      <div className="mb-1 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="font-semibold">{t('recommendations.customer.title')}</h2>
        <span className="text-xs text-slate-500">
          {t('recommendations.customer.model', { model: data.model.runId ? `${t(`recommendations.models.${data.model.name}` as MessageKey)} v${data.model.version}` : t('recommendations.models.fallback') })}
          {' · '}{t(`recommendations.preview.strategy.${data.strategy}`)}
        </span>
      </div>
      <RecommendationList items={data.items} empty={t('recommendations.customer.empty')} />
    </section>
  );
}
