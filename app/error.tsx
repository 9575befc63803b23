'use client';
import { useI18n } from '@/components/i18n-provider';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const { t } = useI18n();
  return (
    <main className="mx-auto max-w-md px-4 py-24 text-center">
      <h1 className="text-xl font-semibold">{t('common.error')}</h1>
      <button type="button" className="btn-secondary mt-6" onClick={reset}>
        {t('common.back')}
      </button>
    </main>
  );
}
