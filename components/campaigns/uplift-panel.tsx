'use client';
import { useState, useTransition, type FormEvent } from 'react';
import { CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import { labelFor } from '@/lib/i18n/message-ref';
import type { UpliftView } from '@/lib/services/campaigns';
import { ChartFrame } from './chart-frame';
import { campaignFormats } from './format';

const MODEL_COLOURS: Record<string, string> = { 'two-model': '#2f6fed', 'class-transformation': '#e8590c' };

/** Uplift targeting: train on this campaign, compare models by Qini on held-out customers, select under a budget. */
export function UpliftPanel({
  campaignId,
  segments,
  simulated,
  run,
}: {
  campaignId: number;
  segments: { id: number; name: string }[];
  simulated: boolean;
  run: (input: unknown) => Promise<ActionResult<UpliftView>>;
}) {
  const { t, f, locale, currency } = useI18n();
  const fm = campaignFormats(locale, currency);
  const [pending, start] = useTransition();
  const [result, setResult] = useState<UpliftView | null>(null);
  const [error, setError] = useState<string | null>(null);
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    start(async () => {
      const r = await run({
        id: campaignId,
        valuePerConversion: d.get('value'),
        costPerContact: d.get('cost'),
        budget: d.get('budget'),
        targetSegmentId: d.get('target'),
      });
      if (r.ok) {
        setResult(r.data);
        setError(null);
      } else setError(r.message);
    });
  }
  const ok = result?.type === 'ok' ? result : null;
  const rows = ok
    ? ok.models[0]!.curve.map((p, i) => ({
        fraction: p.fraction,
        random: p.fraction * ok.models[0]!.curve.at(-1)!.qini,
        ...Object.fromEntries(ok.models.map((m) => [m.kind, m.curve[i]?.qini ?? null])),
      }))
    : [];
  return (
    <div className="space-y-6">
      <section className="card p-4">
        <h3 className="font-semibold">{t('campaigns.optimise.title')}</h3>
        <p className="mt-0.5 max-w-3xl text-xs text-slate-500">{t('campaigns.optimise.help')}</p>
        <form onSubmit={onSubmit} className="mt-3 grid gap-3 md:grid-cols-5 md:items-end">
          <div>
            <label className="label" htmlFor="u-value">
              {t('campaigns.optimise.value')}
            </label>
            <input className="input" id="u-value" name="value" type="number" min={0} step="any" defaultValue={100} />
          </div>
          <div>
            <label className="label" htmlFor="u-cost">
              {t('campaigns.optimise.cost')}
            </label>
            <input className="input" id="u-cost" name="cost" type="number" min={0} step="any" defaultValue={0.5} />
          </div>
          <div>
            <label className="label" htmlFor="u-budget">
              {t('campaigns.optimise.budget')}
            </label>
            <input className="input" id="u-budget" name="budget" type="number" min={0} step="any" />
          </div>
          <div>
            <label className="label" htmlFor="u-target">
              {t('campaigns.optimise.target')}
            </label>
            <select className="input" id="u-target" name="target" defaultValue="">
              <option value="">{t('campaigns.optimise.sameAudience')}</option>
              {segments.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <button className="btn-primary" disabled={pending} type="submit" data-testid="run-uplift">
            {pending ? t('campaigns.optimise.running') : t('campaigns.optimise.run')}
          </button>
        </form>
        {error && (
          <p className="mt-2 text-sm text-red-700" role="alert">
            {error}
          </p>
        )}
        {result && result.type !== 'ok' && (
          <p className="mt-2 text-sm text-amber-800">
            {t('campaigns.optimise.insufficient', {
              reason: t(`campaigns.optimise.shortfall.${result.reason}`, { min: result.minimum ?? 0 }),
            })}
          </p>
        )}
      </section>
      {ok && (
        <div className="grid gap-6 xl:grid-cols-3">
          <div className="xl:col-span-2">
            <ChartFrame
              title={t('campaigns.optimise.qini')}
              help={t('campaigns.optimise.qiniHelp')}
              fileName={`campaign-${campaignId}-qini`}
              simulated={simulated}
              legend={[
                ...ok.models.map((m) => ({
                  label: t(`campaigns.optimise.models.${m.kind}`),
                  colour: MODEL_COLOURS[m.kind]!,
                })),
                { label: t('campaigns.optimise.random'), colour: '#94a3b8' },
              ]}
              csv={{
                header: ['share_targeted', ...ok.models.map((m) => `qini_${m.kind}`), 'random'],
                rows: rows.map((r) => [
                  r.fraction,
                  ...ok.models.map((m) => (r as Record<string, number | null>)[m.kind] ?? null),
                  r.random,
                ]),
              }}
            >
              <ResponsiveContainer width="100%" height={300}>
                <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 8 }}>
                  <CartesianGrid stroke="#e2e8f0" />
                  <XAxis
                    dataKey="fraction"
                    type="number"
                    domain={[0, 1]}
                    tickFormatter={(v: number) => fm.rate(v)}
                    fontSize={12}
                    stroke="#64748b"
                  />
                  <YAxis tickFormatter={(v: number) => fm.rate(v)} fontSize={12} stroke="#64748b" width={64} />
                  <Tooltip
                    labelFormatter={(v) => fm.rate(Number(v))}
                    formatter={(v, name) => [
                      fm.rate(Number(v)),
                      name === 'random'
                        ? t('campaigns.optimise.random')
                        : labelFor(t, 'campaigns.optimise.models', String(name)),
                    ]}
                  />
                  <Line dataKey="random" stroke="#94a3b8" strokeDasharray="5 4" dot={false} isAnimationActive={false} />
                  {ok.models.map((m) => (
                    <Line
                      key={m.kind}
                      dataKey={m.kind}
                      stroke={MODEL_COLOURS[m.kind]}
                      strokeWidth={m.kind === ok.chosen ? 3 : 1.5}
                      dot={false}
                      isAnimationActive={false}
                    />
                  ))}
                </ComposedChart>
              </ResponsiveContainer>
            </ChartFrame>
          </div>
          <div className="space-y-6">
            <section className="card overflow-x-auto p-4 text-sm">
              <table className="data-table">
                <thead>
                  <tr>
                    <th>{t('campaigns.optimise.model')}</th>
                    <th className="text-right">{t('campaigns.optimise.qiniCoefficient')}</th>
                    <th className="text-right">{t('campaigns.optimise.auuc')}</th>
                  </tr>
                </thead>
                <tbody>
                  {ok.models.map((m) => (
                    <tr key={m.kind}>
                      <td>
                        {t(`campaigns.optimise.models.${m.kind}`)}
                        {m.kind === ok.chosen && (
                          <span className="badge ml-2 bg-brand-50 text-brand-700">
                            {t('campaigns.optimise.chosen')}
                          </span>
                        )}
                      </td>
                      <td className="text-right tabular-nums">{m.qiniCoefficient.toFixed(4)}</td>
                      <td className="text-right tabular-nums">{m.auuc.toFixed(4)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className={`mt-2 text-xs ${ok.marginSd >= 2 ? 'text-emerald-700' : 'text-amber-700'}`}>
                {t('campaigns.optimise.margin', {
                  sd: Math.round(ok.marginSd * 10) / 10,
                  mean: ok.random.mean.toFixed(4),
                  sdRandom: ok.random.sd.toFixed(4),
                })}{' '}
                {ok.marginSd < 2 && t('campaigns.optimise.weak')}
              </p>
            </section>
            <section className="card space-y-1 p-4 text-sm" data-testid="uplift-selection">
              <h4 className="font-semibold">{t('campaigns.optimise.selection')}</h4>
              <p>
                {t('campaigns.optimise.selected', {
                  count: ok.selection.count,
                  candidates: ok.candidates ?? 0,
                  share: fm.rate(ok.selection.share),
                })}
              </p>
              <p>
                {t('campaigns.optimise.expectedConversions', {
                  n: f.number(Math.round(ok.selection.expectedIncrementalConversions * 10) / 10),
                })}
              </p>
              <p>
                {t('campaigns.optimise.expectedProfit', { amount: fm.money(ok.selection.expectedIncrementalProfit) })}
              </p>
              <p>{t('campaigns.optimise.totalCost', { amount: fm.money(ok.selection.totalCost) })}</p>
            </section>
            <section className="card p-4 text-sm">
              <h4 className="font-semibold">{t('campaigns.optimise.drivers')}</h4>
              <ul className="mt-1 space-y-0.5">
                {ok.drivers.slice(0, 5).map((d) => (
                  <li key={d.name} className="flex justify-between">
                    <span>{labelFor(t, 'campaigns.optimise.features', d.name)}</span>
                    <span className={`tabular-nums ${d.weight > 0 ? 'text-emerald-700' : 'text-red-700'}`}>
                      {d.weight > 0 ? '+' : ''}
                      {d.weight.toFixed(2)}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          </div>
        </div>
      )}
    </div>
  );
}
