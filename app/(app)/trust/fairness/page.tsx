import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { firstValues, pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { AudienceReport } from '@/components/trust/audience-report';
import { ModelFairness } from '@/components/trust/model-fairness';
import { PageHeader } from '@/components/ui/page-header';
import { getCampaignFairness, getFairnessOverview, getSegmentFairness } from '@/lib/services/fairness';

export const metadata: Metadata = { title: 'Fairness' };

/**
 * Trust → Fairness: pick a segment or campaign (`?segment=` / `?campaign=`, `&dim=` for the grouping) to see its
 * selection rates per group; managers and admins also see every recommendation model's exposure per group.
 */
export default async function FairnessPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePage('trust:view');
  const { t } = await getI18n();
  const q = firstValues(await searchParams);
  const overview = await getFairnessOverview(actor);
  const report =
    q.segment && !overview.segmentsHidden
      ? await pageData(() => getSegmentFairness(actor, q.segment))
      : q.campaign
        ? await pageData(() => getCampaignFairness(actor, q.campaign))
        : null;
  const pick = (kind: 'segment' | 'campaign', items: { id: number; name: string }[]) =>
    items.length === 0 ? (
      <p className="text-sm text-slate-500">{t('fairness.pick.none')}</p>
    ) : (
      <ul className="max-h-64 space-y-1 overflow-y-auto text-sm">
        {items.map((i) => {
          const isCurrent = report?.kind === kind && report.id === i.id;
          return (
            <li key={i.id}>
              <Link
                href={`/trust/fairness?${kind}=${i.id}`}
                aria-current={isCurrent ? 'page' : undefined}
                className={`block truncate rounded px-2 py-1 hover:bg-slate-50 ${isCurrent ? 'bg-brand-50 font-medium text-brand-800' : 'text-slate-700'}`}
              >
                {i.name}
              </Link>
            </li>
          );
        })}
      </ul>
    );
  return (
    <>
      <Link href="/trust" className="text-sm text-brand-700 hover:underline">
        ← {t('trust.title')}
      </Link>
      <PageHeader title={t('fairness.title')} subtitle={t('fairness.subtitle')} />
      <div className="grid gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
        <aside className="space-y-4">
          {!overview.readsAll && <p className="text-xs text-slate-500">{t('fairness.pick.ownOnly')}</p>}
          <section className="card p-3">
            <h2 className="mb-2 text-sm font-semibold">{t('fairness.pick.segments')}</h2>
            {overview.segmentsHidden ? (
              <p className="text-sm text-slate-500" data-testid="segments-private">
                {t('fairness.errors.privateSegment')}
              </p>
            ) : (
              pick('segment', overview.segments)
            )}
          </section>
          <section className="card p-3">
            <h2 className="mb-2 text-sm font-semibold">{t('fairness.pick.campaigns')}</h2>
            {pick('campaign', overview.campaigns)}
          </section>
        </aside>
        <div className="min-w-0 space-y-4">
          {report && <AudienceReport data={report} dimension={q.dim ?? 'gender'} />}
          <p className="max-w-3xl text-sm text-slate-600">{t('fairness.help')}</p>
        </div>
      </div>
      {overview.readsAll && (
        <section className="mt-8 space-y-4">
          <h2 className="text-lg font-semibold">{t('fairness.models.title')}</h2>
          <p className="text-sm text-slate-600">{t('fairness.models.note')}</p>
          {overview.models.length === 0 ? (
            <p className="text-sm text-slate-500">{t('fairness.models.none')}</p>
          ) : (
            overview.models.map((m) => <ModelFairness key={m.id} row={m} />)
          )}
        </section>
      )}
    </>
  );
}
