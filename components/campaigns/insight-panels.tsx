'use client';
import { useI18n } from '@/components/i18n-provider';
import { MIN_SATISFACTION_ANSWERS } from '@/lib/engine/campaign/satisfaction';
import { labelFor } from '@/lib/i18n/message-ref';
import type { CampaignResults } from '@/lib/services/campaigns';
import { ChartFrame } from './chart-frame';
import { campaignFormats, diffText, groupLabel } from './format';

/** Effects within customer groups (heterogeneous effects), with Cochran's Q per dimension. */
export function BreakdownView({ data }: { data: CampaignResults }) {
  const { t, f, locale, currency } = useI18n();
  const fm = campaignFormats(locale, currency);
  const b = data.breakdown;
  if (!b || b.rows.length === 0) return null;
  const metric = b.metric;
  const comparisons = data.analysis.comparisons.filter((c) => !(metric === 'clickRate' && c.kind === 'incremental'));
  const dims = [...new Set(b.rows.map((r) => r.dimension))];
  return (
    <ChartFrame
      title={t('campaigns.results.breakdown')}
      help={t('campaigns.results.breakdownHelp', { metric: t(`campaigns.metrics.${metric}`).toLowerCase() })}
      fileName={`campaign-${data.campaign.id}-breakdown`}
      simulated={data.campaign.isSimulated}
      csv={{
        header: [
          'dimension',
          'group',
          'treatment',
          'control',
          'difference',
          'lower_95',
          'upper_95',
          'p_value',
          'customers',
        ],
        rows: b.rows.flatMap((r) =>
          r.effects.map((e, k) => [
            r.dimension,
            r.value,
            data.arms[comparisons[k]?.treatment ?? 0]!.name,
            data.arms[comparisons[k]?.control ?? 0]!.name,
            e?.estimate ?? null,
            e?.lower ?? null,
            e?.upper ?? null,
            e?.pValue ?? null,
            r.arms.reduce((s, a) => s + a.n, 0),
          ]),
        ),
      }}
    >
      <div className="space-y-4 overflow-x-auto">
        {dims.map((d) => (
          <div key={d}>
            <h4 className="text-sm font-medium">{labelFor(t, 'campaigns.dimensions', d)}</h4>
            <table className="data-table mt-1">
              <thead>
                <tr>
                  <th>{t('campaigns.results.group')}</th>
                  <th className="text-right">{t('campaigns.results.assigned')}</th>
                  {comparisons.map((c) => (
                    <th key={`${c.treatment}-${c.control}`} className="text-right">
                      {t('campaigns.results.comparison', {
                        treatment: data.arms[c.treatment]!.name,
                        control: data.arms[c.control]!.name,
                      })}
                      {(() => {
                        const h = b.heterogeneity.find(
                          (x) => x.dimension === d && x.treatment === c.treatment && x.control === c.control,
                        );
                        return h ? (
                          <div
                            className={`text-[11px] font-normal normal-case ${h.pValue < 0.05 ? 'text-amber-700' : 'text-slate-400'}`}
                          >
                            {t('campaigns.results.heterogeneity', { p: fm.p(h.pValue) })}
                          </div>
                        ) : null;
                      })()}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {b.rows
                  .filter((r) => r.dimension === d)
                  .map((r) => (
                    <tr key={r.value} className={r.isSmall ? 'text-slate-400' : ''}>
                      <td>
                        {groupLabel(t, r.value, r.dimension)}
                        {r.isSmall && <span className="ml-1 text-xs">({t('campaigns.results.small')})</span>}
                      </td>
                      <td className="text-right tabular-nums">{f.number(r.arms.reduce((s, a) => s + a.n, 0))}</td>
                      {r.effects.map((e, k) => (
                        <td
                          // biome-ignore lint/suspicious/noArrayIndexKey: effects are aligned by position with the comparisons
                          key={k}
                          className={`text-right tabular-nums ${e && !r.isSmall && e.lower > 0 ? 'text-emerald-700 font-medium' : e && !r.isSmall && e.upper < 0 ? 'text-red-700 font-medium' : ''}`}
                        >
                          {e ? (
                            <>
                              {diffText(fm, metric, e.estimate)}
                              <div className="text-xs text-slate-400">
                                [{diffText(fm, metric, e.lower)}, {diffText(fm, metric, e.upper)}]
                              </div>
                            </>
                          ) : (
                            '—'
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        ))}
      </div>
    </ChartFrame>
  );
}

/** Satisfaction per message with intervals, and the difference from the first message. */
export function SatisfactionTable({ data }: { data: CampaignResults }) {
  const { t, f, locale, currency } = useI18n();
  const fm = campaignFormats(locale, currency);
  const s = data.satisfaction;
  const score = (v: number | null) =>
    v === null ? '—' : s?.scale === 'thumbs' ? fm.rate(v) : f.number(Math.round(v * 100) / 100);
  return (
    <section className="card overflow-x-auto p-4">
      <h3 className="font-semibold">
        {t('campaigns.results.satisfaction')}
        {s && (
          <span className="ml-2 text-sm font-normal text-slate-500">
            {t(`campaigns.results.satisfactionScale.${s.scale}`)}
          </span>
        )}
      </h3>
      <p className="mt-0.5 text-xs text-slate-500">{t('campaigns.results.satisfactionHelp')}</p>
      {!s ? (
        <p className="mt-2 text-sm text-slate-500">{t('campaigns.results.noFeedback')}</p>
      ) : (
        <table className="data-table mt-2">
          <thead>
            <tr>
              <th>{t('campaigns.results.arm')}</th>
              <th className="text-right">{t('campaigns.results.responses')}</th>
              <th className="text-right">{t('campaigns.results.score')}</th>
              <th className="text-right">{t('campaigns.results.positive')}</th>
              <th className="text-right">{t('campaigns.results.vsFirst')}</th>
            </tr>
          </thead>
          <tbody>
            {s.arms.map((a, i) =>
              data.arms[i]!.isHoldout ? null : (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are aligned by position with data.arms
                <tr key={i}>
                  <td>{data.arms[i]!.name}</td>
                  <td className="text-right tabular-nums">{f.number(a.responses)}</td>
                  <td className="text-right tabular-nums">
                    {score(a.score)}
                    {a.lower !== null ? (
                      <div className="text-xs text-slate-400">
                        [{score(a.lower)}, {score(a.upper)}]
                      </div>
                    ) : (
                      a.responses > 0 && (
                        <div className="text-xs text-slate-500" data-testid="satisfaction-too-few">
                          {t('campaigns.results.tooFewAnswers', { min: MIN_SATISFACTION_ANSWERS })}
                        </div>
                      )
                    )}
                  </td>
                  <td className="text-right tabular-nums">{fm.rate(a.positiveShare)}</td>
                  <td
                    className={`text-right tabular-nums ${a.vsReference && a.vsReference.upper < 0 ? 'text-red-700' : a.vsReference && a.vsReference.lower > 0 ? 'text-emerald-700' : ''}`}
                  >
                    {a.vsReference ? (
                      <>
                        {s.scale === 'thumbs'
                          ? fm.points(a.vsReference.estimate)
                          : fm.signedNumber(a.vsReference.estimate)}
                        <div className="text-xs text-slate-400">p = {fm.p(a.vsReference.pValue)}</div>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Concrete next steps computed from the data. */
export function SuggestionsList({ data }: { data: CampaignResults }) {
  const { t, locale, currency } = useI18n();
  const fm = campaignFormats(locale, currency);
  const params = (p: Record<string, string | number>) => {
    const out: Record<string, string | number> = { ...p };
    if (typeof p.dimension === 'string') out.dimension = labelFor(t, 'campaigns.dimensions', p.dimension);
    if (typeof p.group === 'string')
      out.group = groupLabel(t, p.group, typeof p.dimension === 'string' ? p.dimension : undefined);
    if (typeof p.profit === 'number') out.profit = fm.money(p.profit);
    return out;
  };
  return (
    <section className="card p-4" data-testid="suggestions">
      <h3 className="font-semibold">{t('campaigns.results.suggestions')}</h3>
      {data.suggestions.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{t('campaigns.results.noSuggestions')}</p>
      ) : (
        <ol className="mt-2 list-decimal space-y-1.5 pl-5 text-sm">
          {data.suggestions.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of suggestions rendered once; a code may repeat
            <li key={i}>{t(`campaigns.suggestions.${s.code}`, params(s.params))}</li>
          ))}
        </ol>
      )}
      {data.upliftSummary && (
        <p className="mt-3 text-xs text-slate-500">
          {t('campaigns.results.upliftNote', {
            model: t(`campaigns.optimise.models.${data.upliftSummary.chosen}`),
            sd: Math.round(data.upliftSummary.marginSd * 10) / 10,
          })}
        </p>
      )}
    </section>
  );
}
