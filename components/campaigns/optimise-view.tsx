'use client';
import { useI18n } from '@/components/i18n-provider';
import type { ActionResult } from '@/lib/action-result';
import type { CampaignDto, UpliftView } from '@/lib/services/campaigns';
import { campaignFormats } from './format';
import { UpliftPanel } from './uplift-panel';

/** Optimisation: uplift targeting for the next send, and adaptive allocation (what it did, or how to use it). */
export function OptimiseView({
  campaign: c,
  canRun,
  canTrain,
  segments,
  run,
}: {
  campaign: CampaignDto;
  canRun: boolean;
  canTrain: boolean;
  segments: { id: number; name: string }[];
  run: (input: unknown) => Promise<ActionResult<UpliftView>>;
}) {
  const { t, f, locale, currency } = useI18n();
  const fm = campaignFormats(locale, currency);
  const history = c.settings.allocationHistory;
  const messages = c.variants.filter((v) => !v.isHoldout);
  return (
    <div className="space-y-6">
      {!canRun ? (
        <div className="card p-6 text-sm text-slate-600">{t('campaigns.optimise.notStarted')}</div>
      ) : canTrain ? (
        <UpliftPanel campaignId={c.id} segments={segments} simulated={c.isSimulated} run={run} />
      ) : (
        <div className="card p-6 text-sm text-slate-600" data-testid="uplift-editors-only">
          {t('campaigns.optimise.editorsOnly')}
        </div>
      )}
      <section className="card overflow-x-auto p-4">
        <h3 className="font-semibold">{t('campaigns.optimise.thompsonTitle')}</h3>
        {c.allocation === 'thompson' && history.length > 0 ? (
          <>
            <p className="mt-0.5 text-xs text-slate-500">{t('campaigns.results.allocationHelp')}</p>
            <table className="data-table mt-2">
              <thead>
                <tr>
                  <th>{t('campaigns.results.wave', { n: '' })}</th>
                  {messages.map((m) => (
                    <th key={m.key} className="text-right">
                      {m.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.wave}>
                    <td>
                      {t('campaigns.results.wave', { n: h.wave + 1 })}{' '}
                      <span className="text-xs text-slate-400">{f.date(h.at)}</span>
                    </td>
                    {messages.map((m) => (
                      <td key={m.key} className="text-right tabular-nums">
                        {fm.rate(h.shares[m.key] ?? 0)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p className="mt-1 text-sm text-slate-600">{t('campaigns.optimise.thompsonHelp')}</p>
        )}
      </section>
    </div>
  );
}
