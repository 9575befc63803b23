import type { Metadata } from 'next';
import { portraitFactsOf, portraitParagraph } from '@/lib/services/assistant/portrait-paragraph';
import { modelInUse } from '@/lib/services/assistant/provider-settings';
import { WrittenText } from '@/components/assistant/written-text';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { firstValues, pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { Kpi, wholeMoney } from '@/components/portraits/kpi';
import { Card, InterestsCard, LifecycleCard, RfmCard, ValueCard } from '@/components/portraits/portrait-cards';
import { TagChip, tagLabel } from '@/components/portraits/tag-chip';
import { Timeline } from '@/components/portraits/timeline';
import { TimelineFilters } from '@/components/portraits/timeline-filters';
import { Pagination } from '@/components/ui/pagination';
import { PageHeader } from '@/components/ui/page-header';
import { renderMessage } from '@/lib/i18n/message-ref';
import type { MessageKey } from '@/lib/i18n/translate';
import { issueMessage } from '@/lib/i18n/zod-issue';
import type { Translate } from '@/lib/i18n/translate';
import {
  getCustomerPortrait,
  getCustomerTimeline,
  TIMELINE_TYPES,
  timelineQuerySchema,
} from '@/lib/services/portraits/portrait';
import { CustomerRecommendationsBlock } from './customer-recommendations-block';
import { SegmentReasonBlock } from './segment-reason-block';
import { CustomTagEditor } from './tag-editor';

export const metadata: Metadata = { title: 'Customer' };

const GENDERS: Record<string, 'female' | 'male' | 'other' | 'unknown'> = {
  female: 'female',
  f: 'female',
  woman: 'female',
  女: 'female',
  male: 'male',
  m: 'male',
  man: 'male',
  男: 'male',
  other: 'other',
  unknown: 'unknown',
};

/** A gender value from the customer file in the UI language when it is a known one; anything else as imported. */
function genderText(t: Translate, value: string | null) {
  const known = value ? GENDERS[value.trim().toLowerCase()] : undefined;
  return known ? t(`customerList.genders.${known}`) : value;
}

/**
 * The customer portrait (用户画像): who they are, what they are worth and likely to do, what they like, and what they
 * did — readable in ten seconds from the header and the first row; the detail and the timeline follow.
 */
export default async function CustomerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePage('customers:view');
  const { t, f, locale, shop } = await getI18n();
  const money = wholeMoney(locale, shop.currency);
  const { id } = await params;
  const search = firstValues(await searchParams);
  const filters = timelineQuerySchema.safeParse(search);
  const [p, timeline] = await Promise.all([
    pageData(() => getCustomerPortrait(actor, id)),
    pageData(() => getCustomerTimeline(actor, id, filters.success ? search : { page: search.page })),
  ]);
  const c = p.customer;
  const pr = p.profile;
  const field = (label: MessageKey, value: React.ReactNode) => (
    <div className="flex justify-between gap-4 py-1.5 text-sm">
      <dt className="text-slate-500">{t(label)}</dt>
      <dd className="text-right">{value ?? '—'}</dd>
    </div>
  );
  const consent = (on: boolean) => (
    <span className={on ? 'text-emerald-700' : 'text-slate-400'}>
      {on ? t('customers.detail.granted') : t('customers.detail.notGranted')}
    </span>
  );
  const attributes =
    c.attributes && typeof c.attributes === 'object' ? Object.entries(c.attributes as Record<string, unknown>) : [];
  const headline = [p.tags.rfm, p.tags.lifecycle, p.tags.clv, p.tags.churn, ...p.tags.interests.slice(0, 3)].filter(
    (x) => x !== null,
  );
  const churnDays = p.model?.churnHorizonDays ?? 90;
  const paragraph = portraitParagraph(portraitFactsOf(p), shop.currency);
  const q = timeline.query;
  const basePath = `/customers/${c.id}`;
  return (
    <>
      <Link href="/customers" className="text-sm text-brand-700 hover:underline">
        ← {t('customers.title')}
      </Link>
      <PageHeader
        title={c.name ?? c.externalId}
        subtitle={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className="font-mono">{c.externalId}</span>
            {c.region && <span>{[c.city, c.region].filter(Boolean).join(', ')}</span>}
            {pr ? (
              <span title={p.model ? t('portraits.modelsFitted', { when: f.dateTime(p.model.computedAt) }) : undefined}>
                {t('portraits.updated', { when: f.ago(pr.updatedAt) })}
                {p.model && <> · {t('portraits.modelsFitted', { when: f.ago(p.model.computedAt) })}</>} ·{' '}
                <Link className="text-brand-700 underline" href="/portraits">
                  {t('portraits.howComputed')}
                </Link>
              </span>
            ) : null}
          </span>
        }
      />
      {c.erasedAt && (
        <div className="card mb-4 border-amber-200 bg-amber-50 p-3 text-sm text-amber-800">
          {t('customers.detail.erased', { date: f.date(c.erasedAt) })}
        </div>
      )}
      {pr && (
        <div className="mb-5">
          <WrittenText
            kind="portrait"
            id={String(c.id)}
            title={t('assistant.portrait.title')}
            template={paragraph}
            templateLabel={t('assistant.portrait.template')}
            consentBody={t('assistant.consentBodies.portrait')}
            model={await modelInUse(actor)}
            testId="portrait-paragraph"
          />
        </div>
      )}
      {search.segment && <SegmentReasonBlock segmentId={search.segment} customerId={c.id} />}
      {headline.length > 0 ? (
        <ul
          className="-mt-3 mb-5 flex flex-wrap gap-2"
          aria-label={t('portraits.tags.title')}
          data-testid="headline-tags"
        >
          {headline.map((tag) => (
            <li key={tag!.tagId}>
              <TagChip family={tag!.tag.family} tagKey={tag!.tag.key}>
                {tagLabel(tag!.tag, locale)}
              </TagChip>
            </li>
          ))}
        </ul>
      ) : (
        !pr && <p className="card mb-5 p-3 text-sm text-slate-600">{t('portraits.notComputed')}</p>
      )}

      <div className="mb-6 grid gap-3 sm:grid-cols-3 xl:grid-cols-6">
        <Kpi label={t('portraits.kpi.orders')} value={f.number(p.stats.orders)} />
        <Kpi label={t('portraits.kpi.revenue')} value={money(p.stats.revenue)} hint={f.money(p.stats.revenue)} />
        <Kpi label={t('portraits.kpi.aov')} value={p.stats.orders ? money(p.stats.revenue / p.stats.orders) : '—'} />
        <Kpi label={t('portraits.kpi.clv')} value={pr?.clv365 != null ? money(pr.clv365) : '—'} testId="kpi-clv" />
        <Kpi label={t('portraits.kpi.pAlive')} value={pr?.pAlive != null ? f.percent(pr.pAlive) : '—'} />
        <Kpi
          label={t('portraits.kpi.churn')}
          hint={t('portraits.kpi.churnHint', { days: churnDays })}
          value={pr?.churnProbability != null ? f.percent(pr.churnProbability) : '—'}
          testId="kpi-churn"
        />
      </div>

      <div className="mb-6 grid gap-6 lg:grid-cols-3">
        <RfmCard p={p} t={t} f={f} locale={locale} />
        <LifecycleCard p={p} t={t} f={f} locale={locale} />
        <ValueCard p={p} t={t} f={f} locale={locale} />
      </div>

      <div className="mb-6 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-1">
          <InterestsCard p={p} t={t} f={f} locale={locale} />
          <Card id="custom-tags" title={t('portraits.custom.title')}>
            <CustomTagEditor customerId={c.id} tags={p.tags.custom} assignable={p.assignable} canTag={p.canTag} />
          </Card>
        </div>
        <Card id="identity" title={t('portraits.identity')}>
          <dl className="divide-y divide-slate-100">
            {field('customers.detail.email', c.email)}
            {field('customers.detail.phone', c.phone)}
            {field('customers.region', c.region)}
            {field('customers.detail.city', c.city)}
            {field('customers.detail.gender', genderText(t, c.gender))}
            {field('customers.detail.birthYear', c.birthYear)}
            {field('customers.detail.signup', c.signupAt ? f.date(c.signupAt) : null)}
            {field('customers.detail.firstSeen', p.stats.firstSeen ? f.date(p.stats.firstSeen) : null)}
            {field('customers.detail.lastSeen', p.stats.lastSeen ? f.dateTime(p.stats.lastSeen) : null)}
          </dl>
          <h3 className="mt-4 mb-1 text-sm font-semibold">{t('customers.detail.consent')}</h3>
          <dl className="divide-y divide-slate-100">
            {field('customers.consent.email', consent(c.consentEmail))}
            {field('customers.consent.sms', consent(c.consentSms))}
            {field('customers.consent.push', consent(c.consentPush))}
          </dl>
          {attributes.length > 0 && (
            <>
              <h3 className="mt-4 mb-1 text-sm font-semibold">{t('customers.detail.attributes')}</h3>
              <dl className="divide-y divide-slate-100">
                {attributes.map(([k, v]) => (
                  <div key={k} className="flex justify-between gap-4 py-1.5 text-sm">
                    <dt className="text-slate-500">{k}</dt>
                    <dd className="text-right">{String(v)}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}
        </Card>
        <Card id="orders" title={t('customers.detail.recentOrders')}>
          {p.orders.length === 0 ? (
            <p className="text-sm text-slate-500">{t('customers.detail.noOrders')}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {p.orders.map((o) => (
                <li key={o.id} className="flex justify-between py-1.5">
                  <span>
                    <span className="font-mono">{o.externalId}</span>{' '}
                    <span className="text-slate-500">
                      · {f.date(o.placedAt)} · {t('customers.detail.items', { count: o.itemCount })}
                    </span>
                  </span>
                  <span className={`tabular-nums ${o.status === 'completed' ? '' : 'text-slate-400 line-through'}`}>
                    {f.money(o.total)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      <div className="mb-6">
        <CustomerRecommendationsBlock customerId={c.id} />
      </div>

      <section id="timeline" className="card" aria-labelledby="timeline-title">
        <div className="space-y-3 border-b border-slate-100 p-4">
          <h2 id="timeline-title" className="font-semibold">
            {t('portraits.timeline.title')}
          </h2>
          <TimelineFilters
            t={t}
            action={basePath}
            values={filters.success ? { type: q.type, from: q.from, to: q.to } : {}}
            typeCounts={p.typeCounts}
            types={TIMELINE_TYPES}
          />
          {!filters.success && (
            <p role="alert" className="text-sm text-amber-700">
              {t('portraits.timeline.invalid', {
                message: filters.error.issues[0] ? renderMessage(t, issueMessage(filters.error.issues[0])) : '',
              })}
            </p>
          )}
        </div>
        <div className="px-4">
          {timeline.rows.length === 0 ? (
            <p className="py-6 text-sm text-slate-500">{t('portraits.timeline.empty')}</p>
          ) : (
            <Timeline rows={timeline.rows} t={t} f={f} locale={locale} />
          )}
        </div>
        <Pagination
          t={t}
          page={q.page}
          pageSize={timeline.pageSize}
          total={timeline.total}
          basePath={basePath}
          params={{ type: q.type, from: q.from, to: q.to }}
        />
      </section>
    </>
  );
}
