'use client';
import Link from 'next/link';
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/components/i18n-provider';
import { labelFor } from '@/lib/i18n/message-ref';
import type { CampaignListItem, CampaignsOverview } from '@/lib/services/campaigns';
import { ChartFrame } from './chart-frame';
import { campaignFormats } from './format';
import { SimulatedBadge, StatusBadge } from './status-badge';
import { VerdictBadge } from './verdict-badge';

/** Campaigns ranked by incremental revenue against their holdouts, with intervals. */
export function LeagueTable({ overview }: { overview: CampaignsOverview }) {
  const { t, f, locale, currency } = useI18n();
  const fm = campaignFormats(locale, currency);
  return (
    <ChartFrame
      title={t('campaigns.overview.league')}
      help={t('campaigns.overview.leagueHelp')}
      fileName="campaigns-league-table"
      csv={{
        header: [
          'campaign',
          'simulated',
          'status',
          'channel',
          'customers',
          'incremental_conversions',
          'lower_95',
          'upper_95',
          'incremental_revenue',
          'lower_95',
          'upper_95',
          'conversion_lift',
          'lower_95',
          'upper_95',
          'verdict',
          'final',
        ],
        rows: overview.rows.map((r) => [
          r.name,
          r.isSimulated,
          r.status,
          r.channel,
          r.customers,
          r.incremental?.conversions.estimate ?? null,
          r.incremental?.conversions.lower ?? null,
          r.incremental?.conversions.upper ?? null,
          r.incremental?.revenue.estimate ?? null,
          r.incremental?.revenue.lower ?? null,
          r.incremental?.revenue.upper ?? null,
          r.incremental?.lift?.estimate ?? null,
          r.incremental?.lift?.lower ?? null,
          r.incremental?.lift?.upper ?? null,
          r.verdict?.kind ?? null,
          r.verdict?.isFinal ?? null,
        ]),
      }}
    >
      {overview.rows.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-500">{t('campaigns.overview.noResults')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="data-table" data-testid="league-table">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('campaigns.overview.campaign')}</th>
                <th>{t('campaigns.overview.channel')}</th>
                <th>{t('campaigns.overview.started')}</th>
                <th className="text-right">{t('campaigns.overview.customers')}</th>
                <th className="text-right">{t('campaigns.overview.incConversions')}</th>
                <th className="text-right">{t('campaigns.overview.incRevenue')}</th>
                <th className="text-right">{t('campaigns.overview.lift')}</th>
                <th>{t('campaigns.overview.verdict')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.rows.map((r, i) => {
                const inc = r.incremental;
                const good = (x: { lower: number; upper: number }) =>
                  x.lower > 0 ? 'text-emerald-700 font-medium' : x.upper < 0 ? 'text-red-700 font-medium' : '';
                return (
                  <tr key={r.id}>
                    <td className="text-slate-400">{i + 1}</td>
                    <td>
                      <Link className="font-medium text-brand-700 hover:underline" href={`/campaigns/${r.id}`}>
                        {r.name}
                      </Link>{' '}
                      <span className="ml-1 inline-flex gap-1">
                        {r.isSimulated && <SimulatedBadge />}
                        <StatusBadge status={r.status} />
                      </span>
                    </td>
                    <td>{labelFor(t, 'campaigns.channels', r.channel)}</td>
                    <td>{r.startedAt ? f.date(r.startedAt) : '—'}</td>
                    <td className="text-right tabular-nums">{r.customers > 0 ? f.number(r.customers) : '—'}</td>
                    {inc ? (
                      <>
                        <td className={`text-right tabular-nums ${good(inc.conversions)}`}>
                          {fm.signedNumber(inc.conversions.estimate)}
                          <div className="text-xs text-slate-400">
                            [{fm.signedNumber(inc.conversions.lower)}, {fm.signedNumber(inc.conversions.upper)}]
                          </div>
                        </td>
                        <td className={`text-right tabular-nums ${good(inc.revenue)}`}>
                          {fm.signedMoney(inc.revenue.estimate)}
                          <div className="text-xs text-slate-400">
                            [{fm.signedMoney(inc.revenue.lower)}, {fm.signedMoney(inc.revenue.upper)}]
                          </div>
                        </td>
                        <td className={`text-right tabular-nums ${inc.lift ? good(inc.lift) : ''}`}>
                          {inc.lift ? fm.lift(inc.lift.estimate) : '—'}
                          {inc.lift && (
                            <div className="text-xs text-slate-400">
                              [{fm.lift(inc.lift.lower)}, {fm.lift(inc.lift.upper)}]
                            </div>
                          )}
                        </td>
                      </>
                    ) : (
                      <td colSpan={3} className="text-right text-sm text-slate-400">
                        {r.hasHoldout ? t('campaigns.overview.notMeasured') : t('campaigns.overview.noHoldout')}
                      </td>
                    )}
                    <td>{r.verdict && <VerdictBadge verdict={r.verdict} />}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </ChartFrame>
  );
}

/** Incremental conversions (bars) and revenue (line) of the campaigns started each month. */
export function TrendChart({ overview }: { overview: CampaignsOverview }) {
  const { t, locale, currency } = useI18n();
  const fm = campaignFormats(locale, currency);
  if (overview.trend.length === 0) return null;
  return (
    <ChartFrame
      title={t('campaigns.overview.trend')}
      help={t('campaigns.overview.trendHelp')}
      fileName="campaigns-trend"
      legend={[
        { label: t('campaigns.overview.incConversions'), colour: '#93b4f5' },
        { label: t('campaigns.overview.incRevenue'), colour: '#0f766e' },
      ]}
      csv={{
        header: ['month', 'campaigns', 'simulated_campaigns', 'incremental_conversions', 'incremental_revenue'],
        rows: overview.trend.map((m) => [m.month, m.campaigns, m.simulated, m.conversions, m.revenue]),
      }}
    >
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart data={overview.trend} margin={{ top: 8, right: 12, bottom: 0, left: 8 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="month" fontSize={12} stroke="#64748b" />
          <YAxis yAxisId="c" fontSize={12} stroke="#64748b" tickFormatter={(v: number) => fm.number(v)} />
          <YAxis
            yAxisId="r"
            orientation="right"
            fontSize={12}
            stroke="#64748b"
            tickFormatter={(v: number) => fm.compactMoney(v)}
            width={72}
          />
          <Tooltip
            formatter={(v, name) => [
              name === 'revenue' ? fm.signedMoney(Number(v)) : fm.signedNumber(Number(v)),
              name === 'revenue' ? t('campaigns.overview.incRevenue') : t('campaigns.overview.incConversions'),
            ]}
          />
          <Bar yAxisId="c" dataKey="conversions" fill="#93b4f5" radius={[4, 4, 0, 0]} isAnimationActive={false} />
          <Line yAxisId="r" dataKey="revenue" stroke="#0f766e" strokeWidth={2} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

/** Every campaign, drafts included. */
export function CampaignList({ rows }: { rows: CampaignListItem[] }) {
  const { t, f } = useI18n();
  return (
    <section className="card overflow-x-auto">
      <h3 className="px-4 pt-4 font-semibold">{t('campaigns.overview.all')}</h3>
      <table className="data-table mt-2" data-testid="campaign-list">
        <thead>
          <tr>
            <th>{t('campaigns.overview.campaign')}</th>
            <th>{t('campaigns.overview.status')}</th>
            <th>{t('campaigns.overview.channel')}</th>
            <th>{t('campaigns.overview.goal')}</th>
            <th>{t('campaigns.overview.audience')}</th>
            <th className="text-right">{t('campaigns.overview.customers')}</th>
            <th>{t('campaigns.overview.started')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link className="font-medium text-brand-700 hover:underline" href={`/campaigns/${r.id}`}>
                  {r.name}
                </Link>
                {r.isSimulated && (
                  <span className="ml-2">
                    <SimulatedBadge />
                  </span>
                )}
                <div className="text-xs text-slate-500">
                  {t('campaigns.overview.variants', { count: r.variants })}
                  {r.hasHoldout ? ` + ${t('campaigns.holdout')}` : ''}
                </div>
              </td>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td>{labelFor(t, 'campaigns.channels', r.channel)}</td>
              <td>{labelFor(t, 'campaigns.goals', r.goal)}</td>
              <td>{r.segment ?? '—'}</td>
              <td className="text-right tabular-nums">{r.assigned ? f.number(r.assigned) : '—'}</td>
              <td>{r.startedAt ? f.date(r.startedAt) : r.scheduledAt ? f.dateTime(r.scheduledAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
