import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { QualityChecks } from '@/components/trust/quality-checks';
import { QualityFreshness } from '@/components/trust/quality-freshness';
import { QualityScoreChart } from '@/components/trust/quality-score-chart';
import { RecomputeButton } from '@/components/trust/recompute-button';
import { PageHeader } from '@/components/ui/page-header';
import { QUALITY_CATEGORIES } from '@/lib/engine/quality/checks';
import { labelFor } from '@/lib/i18n/message-ref';
import { getQualityReport } from '@/lib/services/quality';
import { recomputeQualityAction } from './actions';

export const metadata: Metadata = { title: 'Data quality' };

/** Trust → Data quality: the newest report's checks with examples and trends, freshness, and "Recompute now". */
export default async function QualityPage() {
  const actor = await requirePage('trust:read-all');
  const { t, f } = await getI18n();
  const r = await pageData(() => getQualityReport(actor));
  const latest = r.latest;
  const reason = latest
    ? labelFor(t, 'quality.reasons', latest.reason.startsWith('import:') ? 'import' : latest.reason)
    : '';
  return (
    <>
      <Link href="/trust" className="text-sm text-brand-700 hover:underline">
        ← {t('trust.title')}
      </Link>
      <PageHeader title={t('quality.title')} subtitle={t('quality.subtitle')} />
      <div className="mb-6 grid gap-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <section className="card space-y-2 p-4" data-testid="quality-summary">
          <h2 className="text-sm font-semibold text-slate-600">{t('quality.score')}</h2>
          <p className="text-3xl font-semibold tabular-nums" data-testid="quality-score">
            {latest?.score == null ? '—' : f.number(Math.round(latest.score * 10) / 10)}
          </p>
          <p className="text-xs text-slate-500">{t('quality.scoreHelp')}</p>
          {latest && (
            <p className="text-sm text-slate-600">
              {t('quality.lastRun', { when: f.dateTime(latest.finishedAt), reason })}
            </p>
          )}
        </section>
        <section className="card space-y-3 p-4">
          <RecomputeButton recompute={recomputeQualityAction} job={r.job} canRecompute={r.canRecompute} />
          {latest ? (
            <QualityScoreChart points={r.scoreTrend} />
          ) : (
            <p className="text-sm text-slate-600">{r.canRecompute ? t('quality.noneAdmin') : t('quality.none')}</p>
          )}
        </section>
      </div>
      {latest && (
        <div className="space-y-6">
          {QUALITY_CATEGORIES.map((c) => (
            <QualityChecks key={c} category={c} checks={latest.checks} />
          ))}
          <QualityFreshness latest={latest} />
        </div>
      )}
      <p className="mt-6 max-w-3xl text-sm text-slate-600">{t('quality.help')}</p>
    </>
  );
}
