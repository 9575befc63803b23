'use client';
import { useI18n } from '@/components/i18n-provider';
import type { CampaignResults } from '@/lib/services/campaigns';
import { armColours } from './chart-export';
import { campaignFormats, diffText, metricText } from './format';

/** Customers per arm against the plan, the funnel in counts, and the primary metric. */
export function ArmsTable({ data }: { data: CampaignResults }) {
  const { t, f, locale, currency } = useI18n();
  const fm = campaignFormats(locale, currency);
  const colours = armColours(data.arms);
  const primary = data.analysis.primaryMetric;
  return (
    <section className="card overflow-x-auto">
      <table className="data-table" data-testid="arms-table">
        <thead>
          <tr>
            <th>{t('campaigns.results.arm')}</th>
            <th className="text-right">{t('campaigns.results.assigned')}</th>
            <th className="text-right">{t('campaigns.results.planned')}</th>
            <th className="text-right">{t('campaigns.results.exposed')}</th>
            {data.hasOpens && <th className="text-right">{t('campaigns.results.opened')}</th>}
            <th className="text-right">{t('campaigns.results.clicked')}</th>
            <th className="text-right">{t('campaigns.results.converted')}</th>
            <th className="text-right">{t('campaigns.results.revenue')}</th>
            <th className="text-right">{t(`campaigns.metrics.${primary}`)}</th>
          </tr>
        </thead>
        <tbody>
          {data.arms.map((a, i) => (
            <tr key={a.key}>
              <td>
                <span className="mr-2 inline-block h-2.5 w-2.5 rounded-sm" style={{ background: colours[i] }} />
                {a.name}
                {a.isHoldout && <span className="ml-2 text-xs text-slate-500">{fm.rate(a.plannedShare)}</span>}
              </td>
              <td className="text-right tabular-nums">{f.number(a.n)}</td>
              <td className="text-right tabular-nums text-slate-500">
                {a.plannedN === null ? '—' : f.number(a.plannedN)}
              </td>
              <td className="text-right tabular-nums">{f.number(a.exposed)}</td>
              {data.hasOpens && <td className="text-right tabular-nums">{f.number(a.opened)}</td>}
              <td className="text-right tabular-nums">{f.number(a.clicked)}</td>
              <td className="text-right tabular-nums">{f.number(a.converted)}</td>
              <td className="text-right tabular-nums">{fm.money(a.revenue)}</td>
              <td className="text-right font-medium tabular-nums">{metricText(fm, primary, a.values[primary])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Every comparison on every metric: values, difference and lift with intervals, p-values raw and adjusted, CUPED. */
export function ComparisonsTable({ data }: { data: CampaignResults }) {
  const { t, locale, currency } = useI18n();
  const fm = campaignFormats(locale, currency);
  const tests = data.analysis.comparisons.reduce((s, c) => s + c.metrics.filter((m) => m.pValue !== null).length, 0);
  return (
    <section className="card p-4">
      <h3 className="font-semibold">{t('campaigns.results.comparisons')}</h3>
      <p className="mt-0.5 text-xs text-slate-500">{t('campaigns.results.correctionsNote', { count: tests })}</p>
      <div className="mt-3 space-y-5 overflow-x-auto">
        {data.analysis.comparisons.map((c) => (
          <div key={`${c.treatment}-${c.control}`}>
            <h4 className="text-sm font-medium">
              {t('campaigns.results.comparison', {
                treatment: data.arms[c.treatment]!.name,
                control: data.arms[c.control]!.name,
              })}{' '}
              <span className="font-normal text-slate-500">— {t(`campaigns.results.kind.${c.kind}`)}</span>
            </h4>
            <table className="data-table mt-1">
              <thead>
                <tr>
                  <th>{t('campaigns.results.metric')}</th>
                  <th className="text-right">{data.arms[c.control]!.name}</th>
                  <th className="text-right">{data.arms[c.treatment]!.name}</th>
                  <th className="text-right">{t('campaigns.results.absLift')}</th>
                  <th className="text-right">{t('campaigns.results.relLift')}</th>
                  <th className="text-right">{t('campaigns.results.pValue')}</th>
                  <th className="text-right">{t('campaigns.results.holm')}</th>
                  <th className="text-right">{t('campaigns.results.bh')}</th>
                  <th className="text-right">{t('campaigns.results.cuped')}</th>
                </tr>
              </thead>
              <tbody>
                {c.metrics.map((m) => {
                  const sig = m.holm !== null && m.holm < data.analysis.alpha;
                  const tone = sig
                    ? (m.absolute?.estimate ?? 0) > 0
                      ? 'text-emerald-700 font-medium'
                      : 'text-red-700 font-medium'
                    : '';
                  return (
                    <tr key={m.metric} className={m.metric === data.analysis.primaryMetric ? 'bg-brand-50/40' : ''}>
                      <td>
                        {t(`campaigns.metrics.${m.metric}`)}
                        <div className="text-xs text-slate-400">{t(`campaigns.methods.${m.method}`)}</div>
                      </td>
                      <td className="text-right tabular-nums">{metricText(fm, m.metric, m.controlValue)}</td>
                      <td className="text-right tabular-nums">{metricText(fm, m.metric, m.treatmentValue)}</td>
                      {m.absolute ? (
                        <>
                          <td className={`text-right tabular-nums ${tone}`}>
                            {diffText(fm, m.metric, m.absolute.estimate)}
                            <div className="text-xs text-slate-400">
                              [{diffText(fm, m.metric, m.absolute.lower)}, {diffText(fm, m.metric, m.absolute.upper)}]
                            </div>
                          </td>
                          <td className={`text-right tabular-nums ${tone}`}>
                            {fm.lift(m.relative?.estimate)}
                            {m.relative && (
                              <div className="text-xs text-slate-400">
                                [{fm.lift(m.relative.lower)}, {fm.lift(m.relative.upper)}]
                              </div>
                            )}
                          </td>
                          <td className="text-right tabular-nums">{fm.p(m.pValue)}</td>
                          <td className={`text-right tabular-nums ${tone}`}>{fm.p(m.holm)}</td>
                          <td className="text-right tabular-nums">{fm.p(m.benjaminiHochberg)}</td>
                          <td className="text-right tabular-nums">
                            {m.cuped ? (
                              <>
                                {diffText(fm, m.metric, m.cuped.absolute.estimate)}
                                <div className="text-xs text-slate-400">
                                  {t('campaigns.results.cupedReduction', { pct: fm.chance(m.cuped.varianceReduction) })}
                                </div>
                              </>
                            ) : (
                              '—'
                            )}
                          </td>
                        </>
                      ) : (
                        <td colSpan={6} className="text-sm text-slate-400">
                          {t('campaigns.results.insufficient')}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
      </div>
    </section>
  );
}

/** The CUPED result of the primary metric: adjusted effect and the variance reduction achieved. */
export function CupedPanel({ data }: { data: CampaignResults }) {
  const { t, locale, currency } = useI18n();
  const fm = campaignFormats(locale, currency);
  const primary = data.analysis.primaryMetric;
  const rows = data.analysis.comparisons.flatMap((c) => {
    const m = c.metrics.find((x) => x.metric === primary);
    return m?.cuped ? [{ c, m, cuped: m.cuped }] : [];
  });
  return (
    <section className="card p-4">
      <h3 className="font-semibold">{t('campaigns.results.cupedTitle')}</h3>
      <p className="mt-0.5 text-xs text-slate-500">{t('campaigns.results.cupedHelp')}</p>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{t('campaigns.results.cupedNone')}</p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm">
          {rows.map(({ c, cuped }) => (
            <li key={`${c.treatment}-${c.control}`}>
              {t('campaigns.results.cupedRow', {
                comparison: t('campaigns.results.comparison', {
                  treatment: data.arms[c.treatment]!.name,
                  control: data.arms[c.control]!.name,
                }),
                estimate: diffText(fm, primary, cuped.absolute.estimate),
                lower: diffText(fm, primary, cuped.absolute.lower),
                upper: diffText(fm, primary, cuped.absolute.upper),
                pct: fm.chance(cuped.varianceReduction),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Bayesian chance to beat the reference, chance to be best and expected loss per arm. */
export function BayesTable({ data }: { data: CampaignResults }) {
  const { t, locale, currency } = useI18n();
  const fm = campaignFormats(locale, currency);
  const b = data.analysis.bayesian;
  if (!b) return null;
  const control = data.arms[b.reference]!.name;
  const metric = t(`campaigns.metrics.${b.metric}`).toLowerCase();
  return (
    <section className="card overflow-x-auto p-4">
      <h3 className="font-semibold">{t('campaigns.results.bayes')}</h3>
      <p className="mt-0.5 text-xs text-slate-500">{t('campaigns.results.bayesHelp', { control, metric })}</p>
      <table className="data-table mt-2">
        <thead>
          <tr>
            <th>{t('campaigns.results.arm')}</th>
            <th className="text-right">{t('campaigns.results.chanceToBeat', { control })}</th>
            <th className="text-right">{t('campaigns.results.chanceToBeBest')}</th>
            <th className="text-right">{t('campaigns.results.expectedLoss')}</th>
          </tr>
        </thead>
        <tbody>
          {b.arms.map(
            (a, i) =>
              a && (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are aligned by position with data.arms
                <tr key={i}>
                  <td>{data.arms[i]!.name}</td>
                  <td className="text-right tabular-nums">
                    {a.chanceToBeatControl === null ? '—' : fm.chance(a.chanceToBeatControl)}
                  </td>
                  <td className="text-right tabular-nums">{fm.chance(a.chanceToBeBest)}</td>
                  <td className="text-right tabular-nums">
                    {diffText(fm, b.metric, a.expectedLoss).replace(/^\+/, '')}
                  </td>
                </tr>
              ),
          )}
        </tbody>
      </table>
    </section>
  );
}
