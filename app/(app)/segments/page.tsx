import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { PageHeader } from '@/components/ui/page-header';
import { NoisyNumber } from '@/components/trust/noisy-number';
import { ReleasePanel } from '@/components/trust/release-panel';
import { getPrivacySettings, getPrivateSegmentSizes, seesNoisyAggregates } from '@/lib/services/privacy';
import { listSegments } from '@/lib/services/segments';
import { releaseSegmentSizesAction } from '../trust/actions';

export const metadata: Metadata = { title: 'Segments' };

/** Saved segments with their live size and reach per channel, when they were counted and who made them. */
export default async function SegmentsPage({ searchParams }: { searchParams: Promise<{ archived?: string }> }) {
  const actor = await requirePage('segments:view');
  const { t, f } = await getI18n();
  const list = await pageData(async () => listSegments(actor, { archived: (await searchParams).archived }));
  const share = (n: number) => (list.population ? f.percent(n / list.population) : '—');
  const privacy = await getPrivacySettings();
  const noisy = seesNoisyAggregates(actor.role, privacy) ? await getPrivateSegmentSizes(list.rows) : null;
  const released = new Map(noisy?.release?.values.map((v) => [v.key, v]) ?? []);
  const noisyCell = (key: string) => {
    const v = released.get(key);
    return v ? <NoisyNumber v={v} showParams={key.endsWith(':size')} /> : t('privacy.segments.notReleased');
  };
  return (
    <>
      <PageHeader
        title={list.archived ? t('segments.list.archivedTitle') : t('segments.title')}
        subtitle={t('segments.subtitle')}
        actions={
          list.canEdit &&
          !list.archived && (
            <Link className="btn-primary" href="/segments/new">
              {t('segments.new')}
            </Link>
          )
        }
      />
      {noisy && (
        <ReleasePanel
          note={t('privacy.segments.note')}
          releasedAt={noisy.release?.createdAt ?? null}
          meter={noisy.meter}
          epsilonPerReport={noisy.settings.epsilonPerReport}
          onRelease={releaseSegmentSizesAction}
        />
      )}
      {list.rows.length === 0 && !list.archived ? (
        <div className="card p-8 text-center text-slate-600">
          <p>{list.canEdit ? t('segments.empty') : t('segments.emptyManager')}</p>
          {list.canEdit && (
            <Link className="btn-primary mt-4" href="/segments/new">
              {t('segments.new')}
            </Link>
          )}
        </div>
      ) : (
        <section className="card overflow-x-auto">
          <table className="data-table" aria-label={t('segments.title')}>
            <thead>
              <tr>
                <th>{t('segments.list.name')}</th>
                <th className="text-right">{t('segments.list.size')}</th>
                <th className="text-right" title={t('segments.list.reachable')}>
                  {t('segments.list.email')}
                </th>
                <th className="text-right" title={t('segments.list.reachable')}>
                  {t('segments.list.sms')}
                </th>
                <th className="text-right" title={t('segments.list.reachable')}>
                  {t('segments.list.push')}
                </th>
                <th>{t('segments.list.counted')}</th>
                <th>{t('segments.list.createdBy')}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((s) => (
                <tr key={s.id}>
                  <td className="max-w-md">
                    <Link href={`/segments/${s.id}`} className="font-medium text-brand-700 hover:underline">
                      {s.name}
                    </Link>
                    {s.archivedAt && (
                      <span className="badge ml-2 bg-slate-100 text-slate-500">{t('segments.list.archived')}</span>
                    )}
                    {!s.isValid && (
                      <span className="badge ml-2 bg-red-50 text-red-700">{t('segments.list.invalid')}</span>
                    )}
                    {s.description && (
                      <div className="truncate text-xs text-slate-500" title={s.description}>
                        {s.description}
                      </div>
                    )}
                    <div className="text-xs text-slate-400">
                      {t('segments.list.conditions', { count: s.conditions })}
                    </div>
                  </td>
                  <td className="text-right whitespace-nowrap tabular-nums">
                    {noisy && s.count ? (
                      noisyCell(`${s.id}:size`)
                    ) : s.count ? (
                      <>
                        {f.number(s.count.total)}
                        <div className="text-xs text-slate-500">
                          {t('segments.list.share', { share: share(s.count.total) })}
                        </div>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  {(['email', 'sms', 'push'] as const).map((ch) => (
                    <td key={ch} className="text-right tabular-nums">
                      {noisy && s.count ? noisyCell(`${s.id}:${ch}`) : s.count ? f.number(s.count.reachable[ch]) : '—'}
                    </td>
                  ))}
                  <td className="text-xs whitespace-nowrap text-slate-500">
                    {!s.count
                      ? t('segments.list.never')
                      : s.count.live
                        ? t('segments.list.live')
                        : t('segments.list.snapshot', { when: f.ago(s.count.at) })}
                  </td>
                  <td className="text-sm whitespace-nowrap">
                    {s.createdBy}
                    <div className="text-xs text-slate-400">{f.date(s.createdAt)}</div>
                  </td>
                </tr>
              ))}
              {list.rows.length === 0 && (
                <tr>
                  <td colSpan={7} className="py-6 text-center text-sm text-slate-500">
                    {t('common.noResults')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
      )}
      <p className="mt-4 text-sm">
        {list.archived ? (
          <Link className="text-brand-700 hover:underline" href="/segments">
            {t('segments.list.showActive')}
          </Link>
        ) : (
          list.archivedCount > 0 && (
            <Link className="text-brand-700 hover:underline" href="/segments?archived=1">
              {t('segments.list.showArchived', { count: list.archivedCount })}
            </Link>
          )
        )}
      </p>
    </>
  );
}
