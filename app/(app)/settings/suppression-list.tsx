'use client';
import { useI18n } from '@/components/i18n-provider';
import type { listEmailSuppressions } from '@/lib/services/email/preferences';

type Rows = Awaited<ReturnType<typeof listEmailSuppressions>>;

/** Settings → E-mail: who no e-mail goes to any more (unsubscribed, hard bounces, complaints), newest first. */
export function SuppressionList({ rows }: { rows: Rows }) {
  const { t, f } = useI18n();
  return (
    <section className="card overflow-x-auto" aria-labelledby="suppressions-title" data-testid="suppression-list">
      <div className="p-4 pb-2">
        <h2 id="suppressions-title" className="font-semibold">
          {t('email.settings.suppressions')}
        </h2>
        <p className="text-sm text-slate-500">{t('email.settings.suppressionsHelp')}</p>
      </div>
      {rows.length === 0 ? (
        <p className="px-4 pb-4 text-sm text-slate-500">{t('email.settings.noSuppressions')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('email.settings.address')}</th>
              <th>{t('email.settings.reason')}</th>
              <th>{t('email.settings.since')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.email}>
                <td className="font-mono text-xs">{r.email}</td>
                <td>{t(`email.settings.suppressionReasons.${r.reason}`)}</td>
                <td className="whitespace-nowrap">{f.dateTime(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
