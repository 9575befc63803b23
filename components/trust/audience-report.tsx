'use client';
import Link from 'next/link';
import { useI18n } from '@/components/i18n-provider';
import { StatCard } from '@/components/ui/stat-card';
import type { LiftReport } from '@/lib/engine/fairness/lift';
import type { SelectionReport } from '@/lib/engine/fairness/selection';
import { dimensionLabel, groupLabel } from './labels';
import { SelectionChart } from './selection-chart';

export type AudienceReportData = {
  kind: 'segment' | 'campaign';
  id: number;
  name: string;
  population: number;
  selected: number;
  dimensions: { dimension: string; report: SelectionReport }[];
  lift: { dimension: string; report: LiftReport }[] | null;
};

/** One audience's selection rates per group for the chosen dimension, parity, the 4/5 flag, and lift per group. */
export function AudienceReport({ data, dimension }: { data: AudienceReportData; dimension: string }) {
  const { t, f } = useI18n();
  const current = data.dimensions.find((d) => d.dimension === dimension) ?? data.dimensions[0]!;
  const r = current.report;
  const lift = data.lift?.find((l) => l.dimension === current.dimension)?.report ?? null;
  const max = Math.max(0, ...r.groups.filter((g) => !g.isTooFew).map((g) => g.rate));
  const label = (g: string) => groupLabel(t, current.dimension, g);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return (
    <div className="space-y-4" data-testid="audience-report">
      <h2 className="text-lg font-semibold">{data.name}</h2>
      <p className="text-sm text-slate-600">
        {t('fairness.audience.selected', {
          selected: f.number(data.selected),
          population: f.number(data.population),
          share: data.population ? f.percent(data.selected / data.population) : '—',
        })}
      </p>
      <nav className="flex flex-wrap gap-2" aria-label={t('fairness.audience.dimension')}>
        {data.dimensions.map((d) => (
          <Link
            key={d.dimension}
            href={`/trust/fairness?${data.kind}=${data.id}&dim=${encodeURIComponent(d.dimension)}`}
            aria-current={d.dimension === current.dimension ? 'page' : undefined}
            className={`rounded-full px-3 py-1 text-sm ring-1 ring-inset ${d.dimension === current.dimension ? 'bg-brand-600 text-white ring-brand-600' : 'ring-slate-300 hover:bg-slate-50'}`}
          >
            {dimensionLabel(t, d.dimension)}
          </Link>
        ))}
      </nav>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <StatCard
          label={t('fairness.audience.difference')}
          value={r.parityDifference === null ? '—' : f.number(Math.round(r.parityDifference * 1000) / 1000)}
        />
        <StatCard
          label={t('fairness.audience.parityRatio')}
          value={r.parityRatio === null ? '—' : f.number(Math.round(r.parityRatio * 1000) / 1000)}
        />
        <StatCard
          label={t('fairness.audience.fourFifths')}
          value={
            <span
              data-testid="four-fifths"
              className={
                r.parityRatio === null ? 'text-slate-500' : r.isFourFifthsFlagged ? 'text-red-700' : 'text-emerald-700'
              }
            >
              {r.parityRatio === null
                ? t('fairness.audience.notJudged')
                : r.isFourFifthsFlagged
                  ? t('fairness.audience.flagged')
                  : t('fairness.audience.passes')}
            </span>
          }
        />
      </div>
      <section className="card p-4">
        <h3 className="mb-2 text-sm font-semibold">{t('fairness.audience.chart')}</h3>
        <SelectionChart
          rows={r.groups.map((g) => ({ ...g, label: label(g.group) }))}
          fourFifthsLine={r.judgedGroups >= 2 && max > 0 ? 0.8 * max : null}
        />
      </section>
      <section className="card overflow-x-auto">
        <table className="data-table" data-testid="selection-table">
          <thead>
            <tr>
              <th>{t('fairness.audience.group')}</th>
              <th className="text-right">{t('fairness.audience.customers')}</th>
              <th className="text-right">{t('fairness.audience.chosen')}</th>
              <th className="text-right">{t('fairness.audience.rate')}</th>
              <th className="text-right">{t('fairness.audience.ratio')}</th>
            </tr>
          </thead>
          <tbody>
            {r.groups.map((g) => (
              <tr key={g.group}>
                <td>{label(g.group)}</td>
                <td className="text-right tabular-nums">{f.number(g.n)}</td>
                <td className="text-right tabular-nums">{f.number(g.selected)}</td>
                <td className="text-right tabular-nums">{pct(g.rate)}</td>
                <td className={`text-right tabular-nums ${g.isBelowFourFifths ? 'font-medium text-red-700' : ''}`}>
                  {g.isTooFew ? (
                    <span className="text-xs text-slate-500">{t('fairness.audience.tooFew')}</span>
                  ) : g.ratioToMax === null ? (
                    '—'
                  ) : (
                    f.number(Math.round(g.ratioToMax * 100) / 100)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {data.kind === 'campaign' && (
        <section className="card overflow-x-auto p-4" data-testid="lift-by-group">
          <h3 className="mb-2 font-semibold">{t('fairness.lift.title')}</h3>
          {!lift ? (
            <p className="text-sm text-slate-600">{t('fairness.lift.noHoldout')}</p>
          ) : (
            <>
              <p className={`mb-3 text-sm ${lift.carriedBy ? 'font-medium text-amber-800' : 'text-slate-600'}`}>
                {lift.carriedBy
                  ? t('fairness.lift.carried', { group: label(lift.carriedBy) })
                  : t('fairness.lift.shared')}
              </p>
              <table className="data-table">
                <thead>
                  <tr>
                    <th>{t('fairness.audience.group')}</th>
                    <th className="text-right">{t('fairness.lift.holdout')}</th>
                    <th className="text-right">{t('fairness.lift.treated')}</th>
                    <th className="text-right">{t('fairness.lift.effect')}</th>
                  </tr>
                </thead>
                <tbody>
                  {lift.groups.map((g) => (
                    <tr key={g.group}>
                      <td>{label(g.group)}</td>
                      <td className="text-right tabular-nums">
                        {f.number(g.control.conversions)}/{f.number(g.control.n)}
                      </td>
                      <td className="text-right tabular-nums">
                        {f.number(g.treatment.conversions)}/{f.number(g.treatment.n)}
                      </td>
                      <td className="text-right tabular-nums whitespace-nowrap">
                        {g.isTooFew ? (
                          <span className="text-xs text-slate-500">{t('fairness.audience.tooFew')}</span>
                        ) : g.lift ? (
                          `${pct(g.lift.estimate)} [${pct(g.lift.lower)}, ${pct(g.lift.upper)}]`
                        ) : (
                          t('fairness.lift.na')
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      )}
    </div>
  );
}
