import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { requirePage } from '@/app/_server/session';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/security/roles';
import { TRUST_SECTIONS } from './sections';

export const metadata: Metadata = { title: 'Trust' };

/** The Trust area: one card per part the reader may open. */
export default async function TrustPage() {
  const actor = await requirePage('trust:view');
  const { t } = await getI18n();
  const sections = TRUST_SECTIONS.filter((s) => can(actor.role, s.permission));
  return (
    <>
      <PageHeader title={t('trust.title')} subtitle={t('trust.subtitle')} />
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {sections.map((s) => (
          <Link key={s.href} href={s.href} className="card block p-5 hover:ring-2 hover:ring-brand-200">
            <h2 className="font-semibold">{t(s.title)}</h2>
            <p className="mt-1 text-sm text-slate-600">{t(s.body)}</p>
            <span className="mt-3 inline-block text-sm text-brand-700">{t('trust.open')} →</span>
          </Link>
        ))}
      </div>
    </>
  );
}
