import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { Sparkline } from '@/components/portraits/sparkline';
import { TagsSubnav } from '@/components/portraits/subnav';
import { TagChip, tagLabel } from '@/components/portraits/tag-chip';
import { PageHeader } from '@/components/ui/page-header';
import { listTaxonomy } from '@/lib/services/tags/tags';
import { CreateTagForm } from './create-tag-form';

export const metadata: Metadata = { title: 'Tags' };
const INTEREST_TOP = 15;
const computedAt = (tags: { computedAt: Date | null }[]) => {
  const times = tags.map((x) => x.computedAt?.getTime() ?? 0).filter((x) => x > 0);
  return times.length ? new Date(Math.max(...times)) : null;
};

/** The tag taxonomy by family, with each tag's coverage, its 90-day trend and when it was computed. */
export default async function TagsPage({ searchParams }: { searchParams: Promise<{ all?: string }> }) {
  const actor = await requirePage('customers:view');
  const { t, f, locale } = await getI18n();
  const showAll = (await searchParams).all === 'interest';
  const taxonomy = await pageData(() => listTaxonomy(actor));
  // custom tags first (what the team makes), then the system families in pairs, interests last
  const order = [
    ...taxonomy.families.filter((x) => x.family === 'custom'),
    ...taxonomy.families.filter((x) => x.family !== 'custom'),
  ];
  return (
    <>
      <PageHeader
        title={t('portraits.tags.title')}
        subtitle={
          taxonomy.lastComputedAt
            ? t('portraits.tags.subtitle', { customers: taxonomy.totalCustomers, when: f.ago(taxonomy.lastComputedAt) })
            : t('portraits.tags.neverComputed')
        }
      />
      <TagsSubnav t={t} current="tags" />
      <div className="grid gap-6 xl:grid-cols-2">
        {order.map(({ family, tags }) => {
          const limited = family === 'interest' && !showAll ? tags.slice(0, INTEREST_TOP) : tags;
          const wide = family === 'interest' || family === 'custom';
          return (
            <section
              key={family}
              className={`card ${wide ? 'xl:col-span-2' : ''}`}
              aria-labelledby={`family-${family}`}
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 px-4 py-3">
                <div>
                  <h2 id={`family-${family}`} className="font-semibold">
                    {t(`portraits.tags.families.${family}`)}{' '}
                    <span className="text-sm font-normal text-slate-400">({tags.length})</span>
                  </h2>
                  <p className="text-xs text-slate-500">{t(`portraits.tags.familyHints.${family}`)}</p>
                </div>
                {family !== 'custom' && computedAt(tags) && (
                  <span className="text-xs text-slate-500">
                    {t('portraits.tags.familyComputed', { when: f.ago(computedAt(tags)!) })}
                  </span>
                )}
                {family === 'interest' && tags.length > INTEREST_TOP && (
                  <Link
                    className="text-sm text-brand-700 hover:underline"
                    href={showAll ? '/tags' : '/tags?all=interest#family-interest'}
                  >
                    {showAll
                      ? t('portraits.tags.showTop', { count: INTEREST_TOP })
                      : t('portraits.tags.showAll', { count: tags.length })}
                  </Link>
                )}
              </div>
              {family === 'custom' && taxonomy.canEdit && (
                <div className="border-b border-slate-100 px-4 py-3">
                  <h3 className="mb-2 text-sm font-semibold">{t('portraits.tags.create')}</h3>
                  <CreateTagForm />
                </div>
              )}
              {tags.length === 0 ? (
                <p className="px-4 py-4 text-sm text-slate-500">{t('portraits.tags.empty')}</p>
              ) : (
                <div className="overflow-x-auto">
                  <table className="data-table table-fixed">
                    <colgroup>
                      <col className={family === 'custom' ? 'w-[44%]' : 'w-[52%]'} />
                      <col className="w-[26%]" />
                      <col className="w-[22%]" />
                      {family === 'custom' && <col className="w-[14%]" />}
                    </colgroup>
                    <thead>
                      <tr>
                        <th>{t('portraits.tags.columns.tag')}</th>
                        <th className="text-right">{t('portraits.tags.columns.customers')}</th>
                        <th>{t('portraits.tags.columns.trend')}</th>
                        {family === 'custom' && <th>{t('portraits.tags.columns.source')}</th>}
                      </tr>
                    </thead>
                    <tbody>
                      {limited.map((tag) => (
                        <tr key={tag.id}>
                          <td>
                            <Link href={`/tags/${tag.id}`} className="hover:underline">
                              <TagChip family={family} tagKey={tag.key}>
                                {tagLabel(tag, locale)}
                              </TagChip>
                            </Link>
                            <div className="mt-0.5 truncate font-mono text-xs text-slate-400" title={tag.key}>
                              {tag.key}
                            </div>
                          </td>
                          <td className="text-right whitespace-nowrap tabular-nums">
                            {f.number(tag.customers)}{' '}
                            <span className="text-xs text-slate-500">({f.percent(tag.share)})</span>
                          </td>
                          <td>
                            <Sparkline
                              width={96}
                              points={tag.trend}
                              label={`${tagLabel(tag, locale)}: ${tag.trend.map((p) => p.count).join(', ')}`}
                            />
                          </td>
                          {family === 'custom' && (
                            <td className="text-xs text-slate-500">
                              {tag.hasRule ? t('portraits.tags.madeBy.rule') : t('portraits.tags.madeBy.manual')}
                            </td>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}
