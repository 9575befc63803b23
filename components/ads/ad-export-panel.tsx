'use client';
import { useI18n } from '@/components/i18n-provider';

/**
 * Download buttons for Google Customer Match and Meta custom-audience files: a form POST (the server audit-logs every
 * download), with the country code for phone numbers written without one.
 */
export function AdExportPanel({ action }: { action: string }) {
  const { t } = useI18n();
  return (
    <section className="card space-y-3 p-4" data-testid="ad-export">
      <div>
        <h3 className="font-semibold">{t('ads.export.title')}</h3>
        <p className="mt-0.5 text-xs text-slate-500">{t('ads.export.help')}</p>
      </div>
      <form method="post" action={action} className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block text-slate-600">{t('ads.export.countryCode')}</span>
          <input
            name="countryCode"
            defaultValue="86"
            inputMode="numeric"
            pattern="\+?[1-9][0-9]{0,2}"
            required
            className="input w-24"
          />
        </label>
        <button type="submit" name="platform" value="google" className="btn btn-secondary">
          {t('ads.export.google')}
        </button>
        <button type="submit" name="platform" value="meta" className="btn btn-secondary">
          {t('ads.export.meta')}
        </button>
      </form>
    </section>
  );
}
