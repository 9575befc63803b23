'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { IMPORT_KINDS } from '@/lib/import/fields';
import { FileInput } from '@/components/ui/file-input';

/**
 * Sends the file as the raw request body (streamed to disk by the server, never buffered as a form), with an
 * upload progress bar — XMLHttpRequest because fetch() does not report upload progress.
 */
export function UploadForm({ maxBytes }: { maxBytes: number }) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    const kind = String(form.get('kind'));
    if (!(file instanceof File) || file.size === 0) return setError(t('imports.report.fileError'));
    if (file.size > maxBytes) return setError(`${file.name}: > ${f.bytes(maxBytes)}`);
    setError(null);
    setProgress(0);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports?kind=${encodeURIComponent(kind)}&name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(e.loaded / e.total);
    xhr.onload = () => {
      setProgress(null);
      try {
        const body = JSON.parse(xhr.responseText) as { id?: string; error?: { message: string } };
        if (xhr.status === 201 && body.id) router.push(`/imports/${body.id}`);
        else setError(body.error?.message ?? t('common.error'));
      } catch {
        setError(t('common.error'));
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setError(t('common.error'));
    };
    xhr.send(file);
  }

  return (
    <form onSubmit={onSubmit} className="card grid gap-4 p-4 md:grid-cols-[1fr_2fr_auto] md:items-end">
      <div>
        <label className="label" htmlFor="kind">
          {t('imports.kind')}
        </label>
        <select className="input" id="kind" name="kind" defaultValue="catalogue">
          {IMPORT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`imports.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label className="label" htmlFor="file">
          {t('imports.file')}
        </label>
        <FileInput id="file" name="file" accept=".csv,.tsv,.txt,text/csv" required />
        <p className="mt-1 text-xs text-slate-500">{t('imports.fileHint', { max: f.bytes(maxBytes) })}</p>
      </div>
      <button className="btn-primary" type="submit" disabled={progress !== null}>
        {progress === null ? t('imports.upload') : t('imports.uploading', { percent: f.percent(progress) })}
      </button>
      {progress !== null && (
        <div
          className="h-2 overflow-hidden rounded bg-slate-100 md:col-span-3"
          role="progressbar"
          aria-label={t('imports.uploading', { percent: f.percent(progress) })}
          aria-valuenow={Math.round(progress * 100)}
          aria-valuemin={0}
          aria-valuemax={100}
        >
          <div className="h-full bg-brand-500 transition-all" style={{ width: `${progress * 100}%` }} />
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700 md:col-span-3">
          {error}
        </p>
      )}
    </form>
  );
}
