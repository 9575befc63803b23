'use client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import type { FormPlan } from '@/lib/services/campaigns';
import { campaignFormats } from './format';

export type PlanRequest = {
  segmentId: number;
  channel: string;
  goal: string;
  variants: number;
  weights: number[];
  holdoutShare: number;
  attributionWindowHours: number;
  minimumDetectableEffect: number;
  sendDays: number;
};

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/**
 * How large and long the test must be: fed by the shop's own baseline for the chosen audience (server-side) and
 * recomputed while the marketer edits.
 */
export function PowerPanel({
  request,
  plan,
}: {
  request: PlanRequest | null;
  plan: (input: unknown) => Promise<ActionResult<FormPlan>>;
}) {
  const { t, f, locale, currency } = useI18n();
  const fm = campaignFormats(locale, currency);
  const key = useDebounced(request ? JSON.stringify(request) : null, 450);
  const query = useQuery({
    queryKey: ['campaign-plan', key],
    enabled: key !== null,
    staleTime: 60_000,
    queryFn: async () => {
      const r = await plan(JSON.parse(key!));
      if (!r.ok) throw new Error(r.message);
      return r.data;
    },
  });
  const armNames = (n: number, holdout: boolean) => [
    ...(holdout ? [t('campaigns.holdout')] : []),
    ...Array.from({ length: n }, (_, i) => t('campaigns.form.variant', { letter: String.fromCharCode(65 + i) })),
  ];
  return (
    <aside className="card space-y-3 p-4 text-sm" aria-live="polite" data-testid="power-panel">
      <div>
        <h2 className="font-semibold">{t('campaigns.plan.title')}</h2>
        <p className="mt-0.5 text-xs text-slate-500">{t('campaigns.plan.help')}</p>
      </div>
      {!request && <p className="text-slate-500">{t('campaigns.plan.choose')}</p>}
      {request && (query.isPending || query.isFetching) && !query.data && (
        <p className="text-slate-500">{t('campaigns.plan.loading')}</p>
      )}
      {query.error && <p className="text-red-700">{query.error.message}</p>}
      {query.data &&
        request &&
        (() => {
          const { audience, baseline, plan: p } = query.data;
          return (
            <>
              <dl className="space-y-2">
                <div>
                  <dt className="text-xs font-medium text-slate-500 uppercase">{t('campaigns.plan.audience')}</dt>
                  <dd>{t('campaigns.plan.members', { members: audience.members, eligible: audience.eligible })}</dd>
                </div>
                <div>
                  <dt className="text-xs font-medium text-slate-500 uppercase">{t('campaigns.plan.baseline')}</dt>
                  <dd>
                    {request.goal === 'click'
                      ? t(
                          baseline.clickSource === 'shop'
                            ? 'campaigns.plan.baselineClick'
                            : 'campaigns.plan.baselineClickDefault',
                          { rate: fm.rate(baseline.clickRate) },
                        )
                      : request.goal === 'revenue'
                        ? t('campaigns.plan.baselineRevenue', {
                            mean: fm.money(baseline.revenueMean),
                            sd: fm.money(baseline.revenueSd),
                          })
                        : t('campaigns.plan.baselinePurchase', { rate: fm.rate(baseline.purchaseRate) })}
                  </dd>
                </div>
              </dl>
              {p.type !== 'ok' ? (
                <p className="rounded-lg bg-amber-50 p-2 text-amber-900">{t(`campaigns.plan.shortfall.${p.reason}`)}</p>
              ) : (
                <>
                  <div>
                    <div className="text-xs font-medium text-slate-500 uppercase">{t('campaigns.plan.needed')}</div>
                    <ul className="mt-1 space-y-0.5">
                      {p.perArm.map((n, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: one size per arm, aligned by position with the arm names
                        <li key={i} className="flex justify-between">
                          <span>{armNames(request.variants, request.holdoutShare > 0)[i]}</span>
                          <span className="tabular-nums">{f.number(n)}</span>
                        </li>
                      ))}
                    </ul>
                    <p className="mt-1 font-medium" data-testid="plan-total">
                      {t('campaigns.plan.total', { total: p.total })}
                    </p>
                  </div>
                  <p
                    className={`rounded-lg p-2 ${p.isAudienceEnough ? 'bg-emerald-50 text-emerald-900' : 'bg-amber-50 text-amber-900'}`}
                  >
                    {t(p.isAudienceEnough ? 'campaigns.plan.enough' : 'campaigns.plan.notEnough')}{' '}
                    {p.achievableEffect === null
                      ? t('campaigns.plan.achievableNone')
                      : t('campaigns.plan.achievable', { effect: fm.lift(p.achievableEffect) })}
                  </p>
                  <p>{t('campaigns.plan.duration', { days: p.days })}</p>
                </>
              )}
            </>
          );
        })()}
    </aside>
  );
}
