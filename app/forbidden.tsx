import Link from 'next/link';
import { localiseError } from '@/lib/errors';
import { getI18n } from './_server/i18n';
import { pageConflict } from './_server/page-conflict';

export default async function Forbidden() {
  const { t, locale } = await getI18n();
  const conflict = pageConflict().error;
  return (
    <main className="mx-auto max-w-md px-4 py-24 text-center">
      <div className="text-5xl font-bold text-slate-300">403</div>
      <h1 className="mt-4 text-xl font-semibold">{t(conflict ? 'common.conflictTitle' : 'common.forbiddenTitle')}</h1>
      <p className="mt-2 text-slate-600">
        {conflict ? localiseError(conflict, locale).message : t('common.forbiddenBody')}
      </p>
      <Link href="/" className="btn-secondary mt-6">
        {t('common.home')}
      </Link>
    </main>
  );
}
