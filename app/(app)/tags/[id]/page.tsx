import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { firstValues, pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { CoverageChart } from '@/components/portraits/coverage-chart';
import { Card } from '@/components/portraits/portrait-cards';
import { reasonText, TagChip, tagLabel } from '@/components/portraits/tag-chip';
import { Pagination } from '@/components/ui/pagination';
import { PageHeader } from '@/components/ui/page-header';
import { labelFor, renderMessage } from '@/lib/i18n/message-ref';
import { listSegmentsForRules } from '@/lib/services/tags/rules';
import { getTagDetail } from '@/lib/services/tags/tags';
import { DeleteTagButton, EditTagForm, RulePanel, UploadPanel } from './panels';

export const metadata: Metadata = { title: 'Tag' };

/** One tag: what it means, its coverage trend, its members with the reason each carries it; custom tags are managed here. */
export default async function TagPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePage('customers:view');
  const { t, f, locale } = await getI18n();
  const { id } = await params;
  const search = firstValues(await searchParams);
  const d = await pageData(() => getTagDetail(actor, id, search.page));
  const tag = d.tag;
  const segments = d.canEdit ? await listSegmentsForRules(actor) : [];
  return (
    <>
      <Link href="/tags" className="text-sm text-brand-700 hover:underline">
        ← {t('portraits.tags.title')}
      </Link>
      <PageHeader
        title={tagLabel(tag, locale)}
        subtitle={
          <span className="flex flex-wrap items-center gap-2">
            <TagChip family={tag.family}>{labelFor(t, 'portraits.tags.families', tag.family)}</TagChip>
            <span>
              {t('portraits.tags.membersCount', {
                count: d.memberCount,
                share: f.percent(d.totalCustomers ? d.memberCount / d.totalCustomers : 0),
              })}
            </span>
            {tag.computedAt && <span>· {f.ago(tag.computedAt)}</span>}
          </span>
        }
      />
      <div className="mb-6 grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card title={t('portraits.tags.coverage')}>
            <CoverageChart points={d.trend} />
          </Card>
        </div>
        <Card title={t('portraits.tags.description')}>
          {(d.description || tag.description) && (
            <p className="mb-3 text-sm text-slate-700">
              {d.description ? renderMessage(t, d.description) : tag.description}
            </p>
          )}
          <div className="text-xs text-slate-500">{t('portraits.tags.key')}</div>
          <div className="font-mono text-sm break-all" data-testid="tag-key">
            {tag.key}
          </div>
          {tag.kind === 'system' && <p className="mt-3 text-xs text-slate-500">{t('portraits.tags.systemNote')}</p>}
          {tag.kind === 'custom' && tag.rule !== null && (
            <p className="mt-3 text-xs text-slate-500">{t('portraits.tags.ruleActive')}</p>
          )}
        </Card>
      </div>
      {d.canEdit && (
        <div className="mb-6 grid gap-6 lg:grid-cols-3">
          <Card title={t('portraits.tags.edit')}>
            <EditTagForm tag={tag} />
            <div className="mt-6 border-t border-slate-100 pt-4">
              <DeleteTagButton tagId={tag.id} />
            </div>
          </Card>
          <Card title={t('portraits.tags.upload')}>
            {tag.rule === null ? (
              <UploadPanel tagId={tag.id} />
            ) : (
              <p className="text-sm text-slate-500">{t('portraits.tags.ruleActive')}</p>
            )}
          </Card>
          <Card title={t('portraits.tags.rule')}>
            <RulePanel tag={tag} segments={segments} />
          </Card>
        </div>
      )}
      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title" className="border-b border-slate-100 px-4 py-3 font-semibold">
          {t('portraits.tags.members')}
        </h2>
        {d.members.length === 0 ? (
          <p className="px-4 py-4 text-sm text-slate-500">{t('portraits.tags.noMembers')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t('portraits.tags.memberColumns.customer')}</th>
                  <th>{t('portraits.tags.memberColumns.region')}</th>
                  <th className="text-right">{t('portraits.tags.memberColumns.score')}</th>
                  <th>{t('portraits.tags.memberColumns.reason')}</th>
                  <th>{t('portraits.tags.memberColumns.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {d.members.map((m) => (
                  <tr key={m.customer.id}>
                    <td>
                      <Link className="text-brand-700 hover:underline" href={`/customers/${m.customer.id}`}>
                        {m.customer.name ?? m.customer.externalId}
                      </Link>
                      <div className="font-mono text-xs text-slate-400">{m.customer.externalId}</div>
                    </td>
                    <td>{m.customer.region ?? '—'}</td>
                    <td className="text-right tabular-nums">
                      {m.score.toLocaleString(locale, { maximumFractionDigits: 3 })}
                    </td>
                    <td className="max-w-md text-slate-600">
                      {reasonText(m.reason, t, locale) ?? labelFor(t, 'portraits.custom.sources', m.source)}
                    </td>
                    <td className="text-xs whitespace-nowrap text-slate-500">{f.ago(m.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination
          t={t}
          page={d.page}
          pageSize={d.pageSize}
          total={d.memberCount}
          basePath={`/tags/${tag.id}`}
          params={{}}
        />
      </section>
    </>
  );
}
