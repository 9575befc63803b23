import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { WhyTree } from '@/components/segments/why-tree';
import { PageHeader } from '@/components/ui/page-header';
import { explainMember } from '@/lib/services/segments';

export const metadata: Metadata = { title: 'Why is this customer in the segment?' };

/** "Why is this customer in the segment?": every condition, met or not, with what was found for the customer. */
export default async function WhyPage({ params }: { params: Promise<{ id: string; customerId: string }> }) {
  const actor = await requirePage('segments:view');
  const { t, locale } = await getI18n();
  const { id, customerId } = await params;
  const why = await pageData(() => explainMember(actor, id, customerId));
  const who = why.customer.name ?? why.customer.externalId;
  return (
    <>
      <Link href={`/segments/${why.segment.id}`} className="text-sm text-brand-700 hover:underline">
        ← {why.segment.name}
      </Link>
      <PageHeader
        title={t(why.member ? 'segments.why.pageTitle' : 'segments.why.pageTitleNotMember', { customer: who })}
        subtitle={
          <span>
            {t('segments.why.segment', { name: why.segment.name })} ·{' '}
            <span className="font-mono">{why.customer.externalId}</span> ·{' '}
            <Link
              className="text-brand-700 hover:underline"
              href={`/customers/${why.customer.id}?segment=${why.segment.id}`}
            >
              {t('segments.why.portrait')}
            </Link>
          </span>
        }
      />
      <div
        className={`card mb-4 p-3 text-sm font-medium ${why.member ? 'border-emerald-200 bg-emerald-50 text-emerald-800' : 'border-amber-200 bg-amber-50 text-amber-900'}`}
        data-testid="why-verdict"
      >
        {why.member ? t('segments.why.member') : t('segments.why.notMember')}
      </div>
      {why.erased && (
        <p className="card mb-4 border-amber-200 bg-amber-50 p-3 text-sm text-amber-800">{t('segments.why.erased')}</p>
      )}
      {!why.consistent && (
        <p role="alert" className="card mb-4 border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {t('segments.why.inconsistent')}
        </p>
      )}
      <section className="card p-4">
        <p className="mb-3 text-xs text-slate-500">{t('segments.why.legend')}</p>
        <WhyTree tree={why.tree} locale={locale} t={t} />
      </section>
    </>
  );
}
