import Link from 'next/link';
import { getI18n } from './_server/i18n';

export default async function NotFound() {
  const { t } = await getI18n();
  return (
    <main className="mx-auto max-w-md px-4 py-24 text-center">
      <div className="text-5xl font-bold text-slate-300">404</div>
      <h1 className="mt-4 text-xl font-semibold">{t('common.notFoundTitle')}</h1>
      <p className="mt-2 text-slate-600">{t('common.notFoundBody')}</p>
      <Link href="/" className="btn-secondary mt-6">
        {t('common.home')}
      </Link>
    </main>
  );
}
