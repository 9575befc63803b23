'use client';
import { useI18n } from '@/components/i18n-provider';
import type { CampaignResults } from '@/lib/services/campaigns';
import { campaignFormats } from './format';
import { VERDICT_BADGE as BADGE, verdictStyle } from './verdict-badge';

const STYLE: Record<string, string> = {
  'no-data': 'border-slate-200 bg-white',
  srm: 'border-red-400 bg-red-50 ring-2 ring-red-300',
  significantPositive: 'border-emerald-300 bg-emerald-50',
  significantNegative: 'border-red-300 bg-red-50',
  promising: 'border-amber-300 bg-amber-50',
  inconclusive: 'border-slate-300 bg-white',
};
/** The verdict in plain words, why, and whether it may be acted upon: the first thing a manager reads. */
export function VerdictCard({ data }: { data: CampaignResults }) {
  const { t, locale, currency } = useI18n();
  const fm = campaignFormats(locale, currency);
  const { verdict, fixedHorizon, srm, primaryMetric } = data.analysis;
  const arm = verdict.arm === null ? '' : data.arms[verdict.arm]!.name;
  const style = verdictStyle(verdict);
  const headlineKey =
    verdict.kind === 'significant'
      ? verdict.direction === 'negative'
        ? 'significantNegative'
        : 'significantPositive'
      : verdict.kind === 'inconclusive' && verdict.isFinal
        ? 'inconclusiveFinal'
        : verdict.kind;
  return (
    <section className={`card border-2 p-5 ${STYLE[style]}`} data-testid="verdict" aria-labelledby="verdict-title">
      <div className="flex flex-wrap items-center gap-3">
        <span className={`badge px-3 py-1 text-sm ${BADGE[style]}`} data-testid="verdict-kind">
          {t(`campaigns.verdict.kinds.${verdict.kind}`)}
        </span>
        {verdict.kind !== 'no-data' && verdict.kind !== 'srm' && (
          <span
            className={`badge ${verdict.isFinal ? 'bg-slate-800 text-white' : 'bg-white text-slate-600 ring-1 ring-slate-300'}`}
          >
            {t(verdict.isFinal ? 'campaigns.verdict.final' : 'campaigns.verdict.notFinal')}
          </span>
        )}
        <span className="text-sm text-slate-500">
          {t('campaigns.results.primary', { metric: t(`campaigns.metrics.${primaryMetric}`) })}
        </span>
      </div>
      <h2 id="verdict-title" className="mt-3 text-xl font-semibold">
        {t(`campaigns.verdict.headline.${headlineKey}`, { arm })}
      </h2>
      <div className="mt-3">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{t('campaigns.results.why')}</h3>
        <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-slate-700">
          {verdict.reasons.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of reasons rendered once; a code may repeat
            <li key={i}>{t(`campaigns.verdict.reasons.${r.code}`, r.params)}</li>
          ))}
        </ul>
      </div>
      {verdict.kind === 'srm' && srm && (
        <p className="mt-3 text-sm font-medium text-red-800">
          {t('campaigns.results.srmBody', { p: fm.p(srm.pValue) })}
        </p>
      )}
      <div className="mt-4 grid gap-3 text-xs text-slate-600 md:grid-cols-3">
        <p>{t('campaigns.results.safePeeking')}</p>
        <div>
          <div className="font-medium text-slate-700">{t('campaigns.results.fixed')}</div>
          {fixedHorizon ? (
            <>
              <div
                className="mt-1 h-2 overflow-hidden rounded-full bg-slate-200"
                role="progressbar"
                aria-label={t('campaigns.results.fixed')}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(fixedHorizon.progress * 100)}
              >
                <div className="h-full bg-brand-600" style={{ width: `${Math.round(fixedHorizon.progress * 100)}%` }} />
              </div>
              <p className="mt-1">
                {fixedHorizon.isFinal && fixedHorizon.windowsClosed
                  ? t('campaigns.results.fixedFinal')
                  : t('campaigns.results.fixedProgress', { pct: fm.chance(fixedHorizon.progress) })}
              </p>
              {!fixedHorizon.windowsClosed && <p>{t('campaigns.results.windowsOpen')}</p>}
            </>
          ) : (
            <p>{t('campaigns.results.fixedNoPlan')}</p>
          )}
        </div>
        {srm && !srm.isMismatch && <p>{t('campaigns.results.srmOk', { p: fm.p(srm.pValue) })}</p>}
      </div>
    </section>
  );
}
