import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { firstValues, pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { Card } from '@/components/portraits/portrait-cards';
import { DefinitionView } from '@/components/segments/definition-view';
import { ExportPanel } from '@/components/segments/export-panel';
import { AdExportPanel } from '@/components/ads/ad-export-panel';
import { LookalikePanel } from '@/components/segments/lookalike-panel';
import { MembersTable } from '@/components/segments/members-table';
import { SampleList } from '@/components/segments/sample-list';
import { SegmentActions } from '@/components/segments/segment-actions';
import { SizeHistoryChart } from '@/components/segments/size-history-chart';
import { StatCard } from '@/components/ui/stat-card';
import { renderMessage } from '@/lib/i18n/message-ref';
import { NoisyNumber } from '@/components/trust/noisy-number';
import { PrivateHistory } from '@/components/trust/private-history';
import {
  getPrivacySettings,
  getPrivateSegmentHistory,
  getPrivateSegmentSizes,
  seesNoisyAggregates,
} from '@/lib/services/privacy';
import { getSegment, listMembers, listSegments, LOOKALIKE_MAX } from '@/lib/services/segments';
import {
  archiveSegmentAction,
  duplicateSegmentAction,
  previewLookalikesAction,
  restoreSegmentAction,
  saveLookalikeAction,
} from '../actions';
import { releaseSegmentHistoryAction } from '../../trust/actions';

export const metadata: Metadata = { title: 'Segment' };
const TABS = ['overview', 'members', 'lookalike'] as const;

/** One segment: its definition in words, live size and reach, size history, members, "why?", export and lookalikes. */
export default async function SegmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePage('segments:view');
  const { t, f, locale } = await getI18n();
  const { id } = await params;
  const search = firstValues(await searchParams);
  const d = await pageData(() => getSegment(actor, id));
  const s = d.segment;
  // A save sets updatedAt; at creation both times are written together, so a brand-new segment says "created".
  const isUnedited = Math.abs(s.updatedAt.getTime() - s.createdAt.getTime()) < 1000;
  const tabs = TABS.filter(
    (x) => (x !== 'lookalike' || (d.canEdit && d.definition)) && (x !== 'members' || !d.isPrivate),
  );
  const tab = tabs.find((x) => x === search.tab) ?? 'overview';
  const members =
    tab === 'members' && d.definition ? await pageData(() => listMembers(actor, s.id, search.page)) : null;
  const c = d.count;
  const share = (n: number) => (d.population ? f.percent(n / d.population) : '—');
  const noisy = seesNoisyAggregates(actor.role, await getPrivacySettings())
    ? await getPrivateSegmentSizes((await listSegments(actor)).rows)
    : null;
  const released = new Map(noisy?.release?.values.map((v) => [v.key, v]) ?? []);
  const history = d.isPrivate ? await getPrivateSegmentHistory(actor, s.id) : null;
  return (
    <>
      <Link href="/segments" className="text-sm text-brand-700 hover:underline">
        ← {t('segments.detail.back')}
      </Link>
      <div className="mt-2 mb-4 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight">{s.name}</h1>
          {s.description && <p className="mt-1 max-w-3xl text-sm text-slate-600">{s.description}</p>}
          <p className="mt-1 text-xs text-slate-500">
            {t('segments.detail.createdBy', { name: s.createdBy, date: f.date(s.createdAt) })} ·{' '}
            {isUnedited
              ? t('segments.detail.created', { when: f.ago(s.createdAt) })
              : t('segments.detail.updated', { when: f.ago(s.updatedAt) })}
          </p>
        </div>
        {d.canEdit && (
          <SegmentActions
            id={s.id}
            name={s.name}
            archived={s.archivedAt !== null}
            actions={{
              duplicate: duplicateSegmentAction,
              archive: archiveSegmentAction,
              restore: restoreSegmentAction,
            }}
          />
        )}
      </div>
      {s.archivedAt && (
        <div className="card mb-4 border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {t('segments.detail.archivedBanner', { date: f.date(s.archivedAt) })}
        </div>
      )}
      {d.problem && (
        <div role="alert" className="card mb-4 border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {t('segments.detail.invalid', { message: `${d.problem.pathText}: ${renderMessage(t, d.problem)}` })}
        </div>
      )}

      {!d.isPrivate && (
        <p className="mb-3 text-sm">
          <Link className="text-brand-700 hover:underline" href={`/trust/fairness?segment=${s.id}`}>
            {t('fairness.title')} →
          </Link>
        </p>
      )}
      <div className="mb-6 grid gap-3 sm:grid-cols-2 xl:grid-cols-4" data-testid="segment-kpis">
        {noisy ? (
          (['size', 'email', 'sms', 'push'] as const).map((k) => {
            const v = released.get(`${s.id}:${k}`);
            const label = k === 'size' ? t('segments.detail.size') : t(`segments.list.${k}`);
            return (
              <StatCard
                key={k}
                label={label}
                value={v ? <NoisyNumber v={v} showParams={k === 'size'} /> : t('privacy.segments.notReleased')}
              />
            );
          })
        ) : (
          <>
            <StatCard
              label={t('segments.detail.size')}
              value={c ? f.number(c.total) : '—'}
              hint={c ? t(`segments.detail.countedBy.${c.source === 'index' ? 'index' : 'sql'}`) : undefined}
            />
            <StatCard label={t('segments.detail.reachableEmail')} value={c ? f.number(c.reachable.email) : '—'} />
            <StatCard label={t('segments.detail.reachableSms')} value={c ? f.number(c.reachable.sms) : '—'} />
            <StatCard label={t('segments.detail.reachablePush')} value={c ? f.number(c.reachable.push) : '—'} />
          </>
        )}
      </div>
      {c && !noisy && (
        <p className="-mt-4 mb-6 text-xs text-slate-500">{t('segments.detail.shareOf', { share: share(c.total) })}</p>
      )}

      <nav className="mb-6 flex gap-1 border-b border-slate-200" aria-label={s.name}>
        {tabs.map((x) => (
          <Link
            key={x}
            href={`/segments/${s.id}?tab=${x}`}
            aria-current={x === tab ? 'page' : undefined}
            className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${x === tab ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-500 hover:text-slate-800'}`}
          >
            {t(`segments.detail.tabs.${x}`)}
          </Link>
        ))}
      </nav>

      {tab === 'overview' && (
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="min-w-0 space-y-6 lg:col-span-2">
            <Card title={t('segments.detail.definition')}>
              {d.described ? (
                <DefinitionView
                  described={d.described}
                  locale={locale}
                  otherLabel={t('segments.detail.otherLanguage')}
                />
              ) : (
                <p className="text-sm text-slate-500">—</p>
              )}
            </Card>
            <Card
              title={t('segments.detail.history')}
              aside={<span className="text-xs text-slate-500">{t('segments.detail.historyHelp')}</span>}
            >
              {history ? (
                history.hasHistory ? (
                  <PrivateHistory
                    points={history.points}
                    pointsPlanned={history.planned}
                    releasedAt={history.release?.createdAt ?? null}
                    meter={history.meter}
                    epsilonPerReport={history.settings.epsilonPerReport}
                    onRelease={releaseSegmentHistoryAction.bind(null, s.id)}
                  />
                ) : (
                  <SizeHistoryChart points={[]} />
                )
              ) : (
                <SizeHistoryChart points={d.history} />
              )}
            </Card>
          </div>
          <div className="space-y-6">
            <Card
              title={t('segments.live.sample')}
              aside={
                d.isPrivate ? undefined : (
                  <Link className="text-xs text-brand-700 hover:underline" href={`/segments/${s.id}?tab=members`}>
                    {t('segments.members.all')} →
                  </Link>
                )
              }
            >
              {d.isPrivate ? (
                <p className="text-sm text-slate-600" data-testid="sample-hidden">
                  {t('privacy.segments.hiddenSample')}
                </p>
              ) : (
                <>
                  <p className="mb-2 text-xs text-slate-500">{t('segments.live.sampleHelp')}</p>
                  <SampleList segmentId={s.id} sample={d.sample} t={t} />
                </>
              )}
            </Card>
            <Card title={t('segments.why.title')}>
              <form action={`/segments/${s.id}/why`} method="get" className="space-y-2">
                <p className="text-sm text-slate-600">{t('segments.why.help')}</p>
                <div className="flex gap-2">
                  <input
                    name="customer"
                    required
                    className="input"
                    placeholder={t('segments.why.placeholder')}
                    aria-label={t('segments.why.placeholder')}
                  />
                  <button type="submit" className="btn-secondary">
                    {t('segments.why.submit')}
                  </button>
                </div>
                {search.notFound && (
                  <p role="alert" className="text-sm text-red-700">
                    {t('segments.why.notFound', { id: search.notFound })}
                  </p>
                )}
              </form>
            </Card>
            {d.canExport && d.definition && (
              <Card title={t('segments.export.title')}>
                <ExportPanel segmentId={s.id} counts={c ? { total: c.total, ...c.reachable } : null} />
              </Card>
            )}
            {d.canExport && d.definition && <AdExportPanel action={`/api/segments/${s.id}/ad-audience`} />}
          </div>
        </div>
      )}
      {tab === 'members' && (
        <section className="card" aria-labelledby="members-title">
          <h2 id="members-title" className="border-b border-slate-100 px-4 py-3 font-semibold">
            {t('segments.members.title')}{' '}
            {members && <span className="text-sm font-normal text-slate-500">({f.number(members.total)})</span>}
          </h2>
          {members ? (
            <MembersTable segmentId={s.id} page={members} t={t} f={f} />
          ) : (
            <p className="px-4 py-6 text-sm text-slate-500">—</p>
          )}
        </section>
      )}
      {tab === 'lookalike' && (
        <Card title={t('segments.lookalike.title')}>
          <LookalikePanel
            segment={{ id: s.id, name: s.name }}
            max={LOOKALIKE_MAX}
            find={previewLookalikesAction}
            save={saveLookalikeAction}
          />
        </Card>
      )}
    </>
  );
}
