'use client';
import { useI18n } from '@/components/i18n-provider';
import type { CampaignDto } from '@/lib/services/campaigns';
import { campaignFormats } from './format';
import { OutcomeUpload } from './outcome-upload';
import { DownloadButton } from '@/components/ui/download-button';

/** The campaign's design, plan, audience downloads, delivery and storefront details. */
export function SetupView({ campaign: c, canEdit }: { campaign: CampaignDto; canEdit: boolean }) {
  const { t, f, locale, currency } = useI18n();
  const fm = campaignFormats(locale, currency);
  const s = c.settings;
  const messages = c.variants.filter((v) => !v.isHoldout);
  const weightSum = messages.reduce((a, v) => a + v.weight, 0) || 1;
  const share = (v: (typeof c.variants)[number]) =>
    v.isHoldout ? c.holdoutShare : ((1 - c.holdoutShare) * v.weight) / weightSum;
  const launched = c.status !== 'draft' && c.status !== 'scheduled';
  const row = (label: string, value: React.ReactNode) => (
    <div className="flex justify-between gap-4 border-b border-slate-100 py-1.5 text-sm last:border-0">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-right">{value}</dd>
    </div>
  );
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="min-w-0 space-y-6 lg:col-span-2">
        <section className="card overflow-x-auto">
          <h3 className="px-4 pt-4 font-semibold">{t('campaigns.detail.variantDetails')}</h3>
          <table className="data-table mt-2">
            <thead>
              <tr>
                <th>{t('campaigns.results.arm')}</th>
                <th>{t('campaigns.form.subject')}</th>
                <th>{t('campaigns.form.offer')}</th>
                <th className="text-right">{t('campaigns.detail.split')}</th>
              </tr>
            </thead>
            <tbody>
              {c.variants.map((v) => (
                <tr key={v.id}>
                  <td className="font-medium">
                    {v.isHoldout ? t('campaigns.holdout') : v.name}
                    {v.recommendations && (
                      <span className="badge ml-2 bg-violet-50 text-violet-700">
                        {t('campaigns.detail.recommendationsBlock')}
                      </span>
                    )}
                    {v.content && (
                      <div className="max-w-md truncate text-xs font-normal text-slate-500">{v.content}</div>
                    )}
                  </td>
                  <td>
                    {v.isHoldout ? (
                      <span className="text-xs text-slate-500">{t('campaigns.holdoutHelp')}</span>
                    ) : (
                      (v.subject ?? '—')
                    )}
                  </td>
                  <td>{v.offer ?? '—'}</td>
                  <td className="text-right tabular-nums">{fm.rate(share(v))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card p-4">
          <h3 className="font-semibold">{t('campaigns.plan.title')}</h3>
          {s.plan ? (
            <div className="mt-2 space-y-1 text-sm">
              <p>{t('campaigns.plan.stored', { total: c.plannedSampleSize ?? 0 })}</p>
              <p className="text-slate-600">
                {t('campaigns.plan.audience')}: {f.number(s.plan.audienceSize)} · {t('campaigns.plan.baseline')}:{' '}
                {c.goal === 'revenue'
                  ? t('campaigns.plan.baselineRevenue', {
                      mean: fm.money(s.plan.baseline.revenueMean),
                      sd: fm.money(s.plan.baseline.revenueSd),
                    })
                  : c.goal === 'click'
                    ? t('campaigns.plan.baselineClick', { rate: fm.rate(s.plan.baseline.rate) })
                    : t('campaigns.plan.baselinePurchase', { rate: fm.rate(s.plan.baseline.rate) })}
              </p>
              {s.plan.achievableEffect !== null && (
                <p className="text-slate-600">
                  {t('campaigns.plan.achievable', { effect: fm.lift(s.plan.achievableEffect) })}
                </p>
              )}
            </div>
          ) : (
            <p className="mt-2 text-sm text-slate-500">{t('campaigns.results.fixedNoPlan')}</p>
          )}
        </section>
        {launched && (
          <section className="card space-y-3 p-4">
            <h3 className="font-semibold">{t('campaigns.detail.audience')}</h3>
            {s.audience && (
              <p className="text-sm">
                {t('campaigns.detail.audienceCounts', { assigned: s.audience.assigned, eligible: s.audience.eligible })}
              </p>
            )}
            <div className="flex flex-wrap gap-2">
              {canEdit && (
                <DownloadButton className="btn-secondary" action={`/api/campaigns/${c.id}/audience`}>
                  {t('campaigns.detail.downloadAudience')}
                </DownloadButton>
              )}
              {canEdit && (
                <DownloadButton className="btn-secondary" action={`/api/campaigns/${c.id}/audience?holdout=1`}>
                  {t('campaigns.detail.downloadAudienceHolding')}
                </DownloadButton>
              )}
              <DownloadButton className="btn-secondary" action={`/api/campaigns/${c.id}/results`}>
                {t('campaigns.detail.downloadResults')}
              </DownloadButton>
            </div>
            {canEdit && !c.isSimulated && <OutcomeUpload campaignId={c.id} />}
          </section>
        )}
      </div>
      <div className="min-w-0 space-y-6">
        <section className="card p-4">
          <dl>
            {row(t('campaigns.detail.segment'), c.segment?.name ?? '—')}
            {row(t('campaigns.detail.channel'), t(`campaigns.channels.${c.channel}`))}
            {row(t('campaigns.detail.goal'), t(`campaigns.goals.${c.goal}`))}
            {row(t('campaigns.form.allocation'), t(`campaigns.allocation.${c.allocation}`))}
            {c.allocation === 'thompson' && row(t('campaigns.form.sendDays'), s.sendDays)}
            {row(t('campaigns.detail.window'), t('campaigns.detail.hours', { hours: c.attributionWindowHours }))}
            {row(t('campaigns.detail.frequencyCap'), c.frequencyCap ?? t('campaigns.detail.noCap'))}
            {row(t('campaigns.detail.mde'), fm.lift(s.minimumDetectableEffect))}
            {row(t('campaigns.detail.planned'), c.plannedSampleSize === null ? '—' : f.number(c.plannedSampleSize))}
            {row(t('campaigns.detail.schedule'), c.scheduledAt ? f.dateTime(c.scheduledAt) : '—')}
            {row(t('campaigns.detail.started'), c.startedAt ? f.dateTime(c.startedAt) : '—')}
            {row(t('campaigns.detail.ended'), c.endedAt ? f.dateTime(c.endedAt) : '—')}
          </dl>
        </section>
        <section className="card space-y-2 p-4 text-sm">
          <h3 className="font-semibold">{t('campaigns.detail.webhook')}</h3>
          <p className="break-all">{c.webhookUrl ?? t('campaigns.detail.noWebhook')}</p>
          {c.webhookSecret && (
            <>
              <div className="text-xs font-medium text-slate-500">{t('campaigns.detail.webhookSecret')}</div>
              <code className="block rounded bg-slate-50 p-2 text-xs break-all select-all">{c.webhookSecret}</code>
              <p className="text-xs text-slate-500">{t('campaigns.detail.webhookSecretHelp')}</p>
            </>
          )}
          {s.lastDelivery && (
            <p className={s.lastDelivery.ok ? 'text-emerald-700' : 'text-red-700'}>
              {t('campaigns.detail.lastDelivery', {
                when: f.dateTime(s.lastDelivery.at),
                result: s.lastDelivery.ok
                  ? t('campaigns.detail.deliveryOk')
                  : t('campaigns.detail.deliveryFailed', { message: s.lastDelivery.message ?? '' }),
              })}
            </p>
          )}
        </section>
        <section className="card space-y-1 p-4 text-sm">
          <h3 className="font-semibold">{t('campaigns.detail.storefront')}</h3>
          <p className="text-xs text-slate-600">{t('campaigns.detail.storefrontHelp', { id: c.id })}</p>
        </section>
      </div>
    </div>
  );
}
