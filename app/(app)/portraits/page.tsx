import type { Metadata } from 'next';
import { getI18n } from '@/app/_server/i18n';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { CalibrationChart } from '@/components/portraits/calibration-chart';
import { Card } from '@/components/portraits/portrait-cards';
import { RfmGrid } from '@/components/portraits/rfm-grid';
import { TagsSubnav } from '@/components/portraits/subnav';
import { TagChip } from '@/components/portraits/tag-chip';
import { PageHeader } from '@/components/ui/page-header';
import { labelFor } from '@/lib/i18n/message-ref';
import { getPortraitModels } from '@/lib/services/portraits/models';
import { JobStatus } from './job-status';
import { SettingsForm } from './settings-form';

export const metadata: Metadata = { title: 'Portrait models' };

const DAY = 86_400_000;

/**
 * How the portraits are computed, on the shop's own data: the RFM grid, the BG/NBD hold-out calibration, the fitted
 * parameters, the churn model's validation, and the tag settings. Everyone may read it; admins change settings.
 */
export default async function PortraitModelsPage() {
  const actor = await requirePage('customers:view');
  const { t, f, locale } = await getI18n();
  const { model, settings, job, canManage, bands } = await pageData(() => getPortraitModels(actor));
  const fmt = (v: number, digits = 3) =>
    v.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const groupLabel = (g: string) => labelFor(t, 'portraits.rfm.labels', g);
  const shortfall = (r: { reason: string; params?: Record<string, string | number> }) =>
    labelFor(t, 'portraits.models.shortfall', r.reason, r.params);
  const v = model?.value;
  const churn = model?.churn;
  return (
    <>
      <PageHeader
        title={t('portraits.models.title')}
        subtitle={
          model
            ? t('portraits.models.subtitle', {
                customers: model.counts.customers,
                asOf: f.date(model.asOf),
                when: f.ago(model.computedAt),
                seconds: (model.durationMs / 1000).toFixed(1),
              })
            : t('portraits.models.none')
        }
      />
      <TagsSubnav t={t} current="models" />
      <div className="mb-6">
        <JobStatus job={job} canManage={canManage} />
      </div>
      {model && v && churn && (
        <>
          <div className="mb-6 grid grid-cols-1 gap-6 xl:grid-cols-5">
            <div className="xl:col-span-3">
              <Card id="rfm-grid" title={t('portraits.models.rfmGrid')}>
                <p className="mb-3 text-xs text-slate-500">
                  {t('portraits.models.rfmGridHint', {
                    scored: model.rfm.grid.scoredCustomers,
                    without: model.rfm.grid.customersWithoutOrders,
                  })}
                </p>
                <RfmGrid cells={model.rfm.grid.cells} t={t} f={f} />
              </Card>
            </div>
            <div className="xl:col-span-2">
              <Card id="rfm-groups" title={t('portraits.models.groups')}>
                {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than its card scrolls, and keyboard users must reach it (WCAG 2.1.1) */}
                <section className="overflow-x-auto" tabIndex={0} aria-label={t('portraits.models.groups')}>
                  <table className="data-table">
                    <thead>
                      <tr>
                        <th>{t('portraits.models.groupColumns.group')}</th>
                        <th className="text-right">{t('portraits.models.groupColumns.customers')}</th>
                        <th className="text-right">{t('portraits.models.groupColumns.share')}</th>
                        <th className="text-right">{t('portraits.models.groupColumns.revenue')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {model.rfm.grid.groups.map((g) => (
                        <tr key={g.group}>
                          <td>
                            <TagChip family="rfm" title={labelFor(t, 'portraits.rfm.groups', g.group)}>
                              {groupLabel(g.group)}
                            </TagChip>
                          </td>
                          <td className="text-right tabular-nums">{f.number(g.customers)}</td>
                          <td className="text-right tabular-nums">{f.percent(g.shareOfCustomers)}</td>
                          <td className="text-right tabular-nums">{f.percent(g.shareOfRevenue)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </section>
              </Card>
            </div>
          </div>

          <div className="mb-6 grid gap-6 xl:grid-cols-5">
            <div className="xl:col-span-3">
              <Card id="calibration" title={t('portraits.models.calibration')}>
                {v.calibration.type === 'ok' ? (
                  <>
                    <p className="mb-2 text-xs text-slate-500">
                      {t('portraits.models.calibrationHint', {
                        calibrationEnd: f.date(v.calibration.calibrationEnd),
                        holdoutEnd: f.date(v.calibration.holdoutEnd),
                        weeks: Math.round(v.calibration.holdoutDays / 7),
                      })}
                    </p>
                    <div data-testid="calibration-chart">
                      <CalibrationChart rows={v.calibration.rows} />
                    </div>
                    <p className="mt-2 text-xs text-slate-600">
                      {t('portraits.models.calibrationTotals', {
                        predicted: fmt(v.calibration.totalPredicted, 0),
                        actual: fmt(v.calibration.totalActual, 0),
                        customers: v.calibration.customers,
                      })}
                    </p>
                  </>
                ) : (
                  <p className="text-sm text-slate-500">
                    {t('portraits.models.insufficient', { reason: shortfall(v.calibration) })}
                  </p>
                )}
              </Card>
            </div>
            <div className="space-y-6 xl:col-span-2">
              <Card id="parameters" title={t('portraits.models.parameters')}>
                <h3 className="text-sm font-semibold">{t('portraits.models.bgnbd')}</h3>
                {v.bgnbd.type === 'ok' ? (
                  <>
                    <dl className="mt-1 grid grid-cols-4 gap-2 text-center font-mono text-sm">
                      {(['r', 'alpha', 'a', 'b'] as const).map((k) => (
                        <div key={k} className="rounded bg-slate-50 py-1">
                          <dt className="text-xs text-slate-500">{k === 'alpha' ? 'α' : k}</dt>
                          <dd>{fmt(v.bgnbd.type === 'ok' ? v.bgnbd.params[k] : 0)}</dd>
                        </div>
                      ))}
                    </dl>
                    <p className="mt-1 text-xs text-slate-500">
                      {t('portraits.models.logLikelihood')} {fmt(v.bgnbd.logLikelihood, 1)} ·{' '}
                      {t('portraits.models.fittedOn', { count: v.bgnbd.customers })}
                    </p>
                  </>
                ) : (
                  <p className="text-sm text-slate-500">
                    {t('portraits.models.insufficient', { reason: shortfall(v.bgnbd) })}
                  </p>
                )}
                <h3 className="mt-4 text-sm font-semibold">{t('portraits.models.gammaGamma')}</h3>
                {v.gammaGamma.type === 'ok' ? (
                  <>
                    <dl className="mt-1 grid grid-cols-3 gap-2 text-center font-mono text-sm">
                      {(['p', 'q', 'gamma'] as const).map((k) => (
                        <div key={k} className="rounded bg-slate-50 py-1">
                          <dt className="text-xs text-slate-500">{k === 'gamma' ? 'γ' : k}</dt>
                          <dd>{fmt(v.gammaGamma.type === 'ok' ? v.gammaGamma.params[k] : 0)}</dd>
                        </div>
                      ))}
                    </dl>
                    <p className="mt-1 text-xs text-slate-500">
                      {t('portraits.models.fittedOn', { count: v.gammaGamma.customers })}
                    </p>
                  </>
                ) : (
                  <p className="text-sm text-slate-500">
                    {t('portraits.models.insufficient', { reason: shortfall(v.gammaGamma) })}
                  </p>
                )}
                <p className="mt-3 text-xs text-slate-500">{t('portraits.models.clvMethod')}</p>
              </Card>
            </div>
          </div>

          <div className="mb-6 grid gap-6 xl:grid-cols-2">
            <Card id="churn" title={t('portraits.models.churn')}>
              <p className="mb-3 text-sm text-slate-600">
                {t('portraits.models.churnDefinition', { days: churn.horizonDays })}
              </p>
              {churn.type === 'ok' ? (
                <>
                  <div className="mb-3 flex items-baseline gap-3">
                    <span className="text-3xl font-semibold tabular-nums" data-testid="churn-auc">
                      {churn.auc.toFixed(3)}
                    </span>
                    <span className="text-sm text-slate-500">
                      {t('portraits.models.auc')} · {t('portraits.models.aucHint')}
                    </span>
                  </div>
                  <ul className="space-y-1 text-sm text-slate-600">
                    <li>
                      {t('portraits.models.training', {
                        cut: f.date(churn.trainCut),
                        days: churn.horizonDays,
                        rows: churn.trainRows,
                        rate: f.percent(churn.trainChurnRate),
                      })}
                    </li>
                    <li>
                      {t('portraits.models.validation', {
                        cut: f.date(churn.validationCut),
                        end: f.date(churn.validationCut + churn.horizonDays * DAY),
                        rows: churn.validationRows,
                        rate: f.percent(churn.validationChurnRate),
                      })}
                    </li>
                    <li>{t('portraits.models.scoring', { asOf: f.date(model.asOf) })}</li>
                  </ul>
                </>
              ) : (
                <p className="text-sm text-slate-500">
                  {t('portraits.models.insufficient', { reason: shortfall(churn) })}
                </p>
              )}
              <h3 className="mt-4 text-sm font-semibold">{t('portraits.models.bands')}</h3>
              <p className="text-sm text-slate-600">
                {t('portraits.models.churnBands', {
                  high: f.percent(bands.churn.high),
                  medium: f.percent(bands.churn.medium),
                })}
              </p>
              {v.clvBands && (
                <p className="text-sm text-slate-600">
                  {t('portraits.models.clvBands', {
                    high: f.money(v.clvBands.high),
                    medium: f.money(v.clvBands.medium),
                  })}
                </p>
              )}
            </Card>
            <Card id="settings" title={t('portraits.settings.title')}>
              <SettingsForm settings={settings} canManage={canManage} />
            </Card>
          </div>

          <Card id="timings" title={t('portraits.models.timings')}>
            <div className="flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-600">
              {Object.entries(model.timings).map(([stage, ms]) => (
                <span key={stage}>
                  {labelFor(t, 'portraits.job.stages', stage)}{' '}
                  <span className="tabular-nums text-slate-900">{(ms / 1000).toFixed(2)} s</span>
                </span>
              ))}
            </div>
          </Card>
        </>
      )}
      {!model && (
        <Card id="settings" title={t('portraits.settings.title')}>
          <SettingsForm settings={settings} canManage={canManage} />
        </Card>
      )}
    </>
  );
}
