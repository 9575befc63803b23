import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Formatters } from '@/lib/i18n/format';
import { asMessageRef, labelFor, renderMessage } from '@/lib/i18n/message-ref';
import type { Translate } from '@/lib/i18n/translate';
import type { CustomerPortrait } from '@/lib/services/portraits/portrait';
import { Meter, ScoreDots } from './meter';
import { churnTone, reasonText, TagChip, tagLabel } from './tag-chip';

type Props = { p: CustomerPortrait; t: Translate; f: Formatters; locale: string };

export function Card({
  title,
  children,
  aside,
  id,
}: {
  title: string;
  children: ReactNode;
  aside?: ReactNode;
  id?: string;
}) {
  return (
    <section id={id} className="card p-4" aria-labelledby={id ? `${id}-title` : undefined}>
      <div className="mb-3 flex items-baseline justify-between gap-2">
        <h2 id={id ? `${id}-title` : undefined} className="font-semibold">
          {title}
        </h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

const num = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

/** R, F and M scores with the values behind them, and the group with what it means. */
export function RfmCard({ p, t, f, locale }: Props) {
  const pr = p.profile;
  const tag = p.tags.rfm;
  const reason = tag?.reason as { recencyDays?: number; frequency?: number; monetary?: number } | null | undefined;
  return (
    <Card
      id="rfm"
      title={t('portraits.rfm.title')}
      aside={
        <Link href="/portraits#rfm-grid" className="text-xs text-brand-700 hover:underline">
          {t('portraits.rfm.gridLink')} →
        </Link>
      }
    >
      {pr?.rfmGroup && pr.rfmR && pr.rfmF && pr.rfmM ? (
        <>
          <div className="mb-1 flex items-center gap-2">
            <TagChip family="rfm">{tag ? tagLabel(tag.tag, locale) : pr.rfmGroup}</TagChip>
            <span className="font-mono text-xs text-slate-500">
              R{pr.rfmR} F{pr.rfmF} M{pr.rfmM}
            </span>
          </div>
          <p className="mb-3 text-sm text-slate-600">{labelFor(t, 'portraits.rfm.groups', pr.rfmGroup)}</p>
          <dl className="space-y-2.5 text-sm">
            {[
              {
                name: t('portraits.rfm.recency'),
                score: pr.rfmR,
                value: t('portraits.rfm.recencyValue', { days: reason?.recencyDays ?? pr.recencyDays ?? 0 }),
              },
              {
                name: t('portraits.rfm.frequency'),
                score: pr.rfmF,
                value: t('portraits.rfm.frequencyValue', { count: reason?.frequency ?? pr.orderCount }),
              },
              {
                name: t('portraits.rfm.monetary'),
                score: pr.rfmM,
                value: t('portraits.rfm.monetaryValue', { amount: f.money(reason?.monetary ?? pr.revenue) }),
              },
            ].map((row) => (
              // dl > div > (dt, dd, dd) only: the score and the value are two descriptions of one term, laid out by
              // the grid as before (axe's definition-list rule flagged a wrapper div around the dt)
              <div key={row.name} className="grid grid-cols-[1fr_auto] items-center gap-x-3">
                <dt className="font-medium text-slate-700">{row.name}</dt>
                <dd className="flex items-center gap-2">
                  <ScoreDots
                    score={row.score}
                    label={`${row.name}: ${t('portraits.rfm.score', { score: row.score })}`}
                  />
                  <span className="w-6 text-right font-mono text-xs text-slate-500">{row.score}/5</span>
                </dd>
                <dd className="col-span-2 text-xs text-slate-500">{row.value}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <p className="text-sm text-slate-500">{t('portraits.rfm.noOrders')}</p>
      )}
    </Card>
  );
}

/** The profile's stored lifecycle rule: a catalogue message as JSON (older portraits: English text), or null. */
function storedRuleText(stored: string | null | undefined, t: Translate): string | null {
  if (!stored) return null;
  if (!stored.startsWith('{')) return stored;
  try {
    const ref = asMessageRef(JSON.parse(stored) as unknown);
    return ref ? renderMessage(t, ref) : null;
  } catch {
    return null;
  }
}

/** The lifecycle stage and the rule that put the customer there. */
export function LifecycleCard({ p, t, locale }: Props) {
  const stage = p.profile?.lifecycle;
  const reason = p.tags.lifecycle?.reason as { basis?: string } | null | undefined;
  const rule = reasonText(p.tags.lifecycle?.reason, t, locale) ?? storedRuleText(p.profile?.lifecycleReason, t);
  const stages = ['new', 'active', 'at-risk', 'churned', 'reactivated'] as const;
  const w = p.model?.lifecycle;
  return (
    <Card id="lifecycle" title={t('portraits.lifecycle.title')}>
      {stage ? (
        <>
          <ol className="mb-3 flex flex-wrap gap-1" aria-label={t('portraits.lifecycle.title')}>
            {stages.map((s) => (
              <li
                key={s}
                aria-current={s === stage ? 'step' : undefined}
                className={`badge ${s === stage ? 'bg-emerald-700 text-white' : 'bg-slate-100 text-slate-400'}`}
              >
                {t(`portraits.lifecycle.stages.${s}`)}
              </li>
            ))}
          </ol>
          <div className="text-xs font-medium tracking-wide text-slate-500 uppercase">
            {t('portraits.lifecycle.rule')}
          </div>
          <p className="mt-1 text-sm" data-testid="lifecycle-rule">
            {rule}
          </p>
          <p className="mt-1 text-xs text-slate-500">
            {reason?.basis === 'events' ? t('portraits.lifecycle.basisEvents') : t('portraits.lifecycle.basisOrders')}
          </p>
          {w && <p className="mt-3 text-xs text-slate-400">{t('portraits.lifecycle.windows', w)}</p>}
        </>
      ) : (
        <p className="text-sm text-slate-500">{t('portraits.lifecycle.none')}</p>
      )}
    </Card>
  );
}

/** BG/NBD P(alive) and expected purchases, Gamma-Gamma order value, 365-day CLV, and the churn risk. */
export function ValueCard({ p, t, f }: Props) {
  const pr = p.profile;
  const pAlive = num(pr?.pAlive);
  const churn = num(pr?.churnProbability);
  const band = (p.tags.churn?.tag.key ?? '').split(':')[1] as 'high' | 'medium' | 'low' | undefined;
  const spend = (p.tags.clv?.reason as { expectedSpend?: number } | null | undefined)?.expectedSpend;
  const fmt = (v: number | null) => (v === null ? '—' : v.toLocaleString(undefined, { maximumFractionDigits: 2 }));
  const days = p.model?.churnHorizonDays ?? 90;
  return (
    <Card id="value" title={t('portraits.value.title')}>
      {pAlive !== null ? (
        <div className="space-y-3 text-sm">
          <div>
            <div className="mb-1 flex justify-between">
              <span className="text-slate-500">{t('portraits.value.pAlive')}</span>
              <span className="font-medium tabular-nums">{f.percent(pAlive)}</span>
            </div>
            <Meter value={pAlive} label={t('portraits.value.pAlive')} tone="emerald" />
          </div>
          <div>
            <div className="mb-1 text-slate-500">{t('portraits.value.expected')}</div>
            <dl className="grid grid-cols-3 gap-2 text-center">
              {[
                [t('portraits.value.next30'), pr?.expPurchases30],
                [t('portraits.value.next90'), pr?.expPurchases90],
                [t('portraits.value.next365'), pr?.expPurchases365],
              ].map(([label, v]) => (
                <div key={String(label)} className="rounded-lg bg-slate-50 py-1.5">
                  <dd className="font-semibold tabular-nums">{fmt(num(v as number | null))}</dd>
                  <dt className="text-xs text-slate-500">{label}</dt>
                </div>
              ))}
            </dl>
          </div>
          <div className="flex justify-between">
            <span className="text-slate-500">{t('portraits.value.clv')}</span>
            <span className="font-semibold tabular-nums" data-testid="clv">
              {num(pr?.clv365) === null ? '—' : f.money(pr!.clv365!)}
            </span>
          </div>
          {spend !== undefined && Number.isFinite(spend) && (
            <div className="flex justify-between">
              <span className="text-slate-500">{t('portraits.value.expectedSpend')}</span>
              <span className="tabular-nums">{f.money(spend)}</span>
            </div>
          )}
        </div>
      ) : (
        <p className="text-sm text-slate-500">{t('portraits.value.none')}</p>
      )}
      <div className="mt-4 border-t border-slate-100 pt-3 text-sm" data-testid="churn">
        <div className="mb-1 flex items-center justify-between">
          <span className="font-medium">{t('portraits.value.churnTitle')}</span>
          {band && (
            <TagChip family="churn" tagKey={`churn:${band}`}>
              {t(`portraits.value.bands.${band}`)} · {churn !== null ? f.percent(churn) : ''}
            </TagChip>
          )}
        </div>
        {churn !== null ? (
          <>
            <Meter value={churn} label={t('portraits.value.churnTitle')} tone={churnTone(band)} />
            <p className="mt-1 text-xs text-slate-500">
              {t('portraits.value.churnText', { percent: f.percent(churn), days })}
              {p.model?.churnAuc ? ` · ${t('portraits.value.auc', { auc: p.model.churnAuc.toFixed(2) })}` : ''}
            </p>
          </>
        ) : (
          <p className="text-xs text-slate-500">{t('portraits.value.churnNone')}</p>
        )}
      </div>
    </Card>
  );
}

/** Interest tags, each with the behaviour behind it. */
export function InterestsCard({ p, t, f, locale }: Props) {
  const tags = p.tags.interests;
  return (
    <Card id="interests" title={t('portraits.interests.title')}>
      {tags.length === 0 ? (
        <p className="text-sm text-slate-500">{t('portraits.interests.empty')}</p>
      ) : (
        <ul className="space-y-3">
          {tags.map((tag) => {
            const share = (tag.reason as { share?: number } | null)?.share;
            return (
              <li key={tag.tagId} className="text-sm">
                <div className="flex items-center justify-between gap-2">
                  <TagChip family="interest">{tagLabel(tag.tag, locale)}</TagChip>
                  {typeof share === 'number' && (
                    <span className="text-xs text-slate-500">
                      {t(
                        tag.tag.key.startsWith('interest:price:')
                          ? 'portraits.interests.priceShare'
                          : 'portraits.interests.share',
                        { percent: f.percent(share) },
                      )}
                    </span>
                  )}
                </div>
                <p className="mt-1 text-slate-600">{reasonText(tag.reason, t, locale)}</p>
              </li>
            );
          })}
        </ul>
      )}
      {p.model && (
        <p className="mt-3 text-xs text-slate-400">
          {t('portraits.interests.window', { days: p.model.lookbackDays, halfLife: p.model.halfLifeDays })}
        </p>
      )}
    </Card>
  );
}
