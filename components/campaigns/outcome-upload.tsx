'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { rejectionText } from '@/lib/import/rejection-text';
import { FileInput } from '@/components/ui/file-input';

type Report = {
  rows: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  problems: { line: number; reason: string; code: string; params: Record<string, string | number> }[];
};

/** Upload of an outcome CSV (opens, clicks, purchases, feedback) for a launched campaign. */
export function OutcomeUpload({ campaignId }: { campaignId: number }) {
  const { t } = useI18n();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = (e.currentTarget.elements.namedItem('file') as HTMLInputElement).files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/campaigns/${campaignId}/outcomes`, {
        method: 'POST',
        body: file,
        headers: { 'content-type': 'text/csv' },
      });
      const body = await res.json();
      if (!res.ok) setError(body?.error?.message ?? t('campaigns.errors.generic'));
      else {
        setReport(body as Report);
        router.refresh();
      }
    } catch {
      setError(t('campaigns.errors.generic'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={onSubmit} className="space-y-2 border-t border-slate-100 pt-3">
      <label className="label" htmlFor="outcomes-file">
        {t('campaigns.detail.uploadOutcomes')}
      </label>
      <p className="text-xs text-slate-500">{t('campaigns.detail.uploadHelp')}</p>
      <div className="flex flex-wrap items-center gap-2">
        <FileInput id="outcomes-file" name="file" accept=".csv,text/csv" />
        <button className="btn-secondary shrink-0 whitespace-nowrap" disabled={busy} type="submit">
          {busy ? t('campaigns.detail.uploading') : t('campaigns.detail.uploadButton')}
        </button>
      </div>
      {error && (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
      {report && (
        <div className="text-sm" role="status">
          <p>
            {t('campaigns.detail.uploadReport', {
              inserted: report.inserted,
              duplicates: report.duplicates,
              rejected: report.rejected,
            })}
          </p>
          {report.problems.length > 0 && (
            <ul className="mt-1 max-h-32 list-disc overflow-auto pl-5 text-xs text-slate-600">
              {report.problems.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed report, rendered once; a line may have several problems
                <li key={i}>
                  #{p.line}:{' '}
                  {rejectionText(t, { reason: p.reason, key: `importRejections.${p.code}`, params: p.params })}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
