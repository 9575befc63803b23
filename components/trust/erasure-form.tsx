'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState, useTransition } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionResult } from '@/lib/action-result';
import type { BulkErasureDto } from '@/lib/services/erasure/bulk';

const BY = ['email', 'phone', 'externalId', 'id'] as const;

/** One customer by identifier, or many (one identifier a line) as a background job with progress. */
export function ErasureForm({
  erase,
  startBulk,
  batches,
}: {
  erase: (input: unknown) => Promise<ActionResult<unknown[]>>;
  startBulk: (input: unknown) => Promise<ActionResult<{ customers: number }>>;
  batches: BulkErasureDto[];
}) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message?: string } | null>(null);
  const [bulkResult, setBulkResult] = useState<{ ok: boolean; message?: string } | null>(null);

  const onOne = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    if (!data.get('confirm')) return setResult({ ok: false, message: t('erasure.errors.confirm') });
    start(async () => {
      const r = await erase({ by: data.get('by'), value: data.get('value') });
      setResult(r.ok ? { ok: true, message: t('erasure.done', { count: r.data.length }) } : r);
      if (r.ok) {
        form.reset();
        router.refresh();
      }
    });
  };
  const onBulk = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    if (!data.get('confirm')) return setBulkResult({ ok: false, message: t('erasure.errors.confirm') });
    const values = String(data.get('values') ?? '')
      .split(/\r?\n/)
      .map((v) => v.trim())
      .filter(Boolean);
    start(async () => {
      const r = await startBulk({ by: data.get('by'), values });
      setBulkResult(r.ok ? { ok: true, message: t('erasure.bulkQueued', { count: r.data.customers }) } : r);
      if (r.ok) {
        form.reset();
        router.refresh();
      }
    });
  };
  const bySelect = (id: string) => (
    <div>
      <label className="label" htmlFor={id}>
        {t('erasure.by')}
      </label>
      <select className="input" id={id} name="by" defaultValue="email">
        {BY.map((b) => (
          <option key={b} value={b}>
            {t(`erasure.byOptions.${b}`)}
          </option>
        ))}
      </select>
    </div>
  );
  const confirm = (id: string) => (
    <label className="flex items-center gap-2 text-sm" htmlFor={id}>
      <input type="checkbox" id={id} name="confirm" value="1" /> {t('erasure.confirm')}
    </label>
  );

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form onSubmit={onOne} className="card space-y-3 p-4" aria-labelledby="erase-one-title">
        <h2 id="erase-one-title" className="font-semibold">
          {t('erasure.oneTitle')}
        </h2>
        {bySelect('erase-by')}
        <div>
          <label className="label" htmlFor="erase-value">
            {t('erasure.value')}
          </label>
          <input className="input" id="erase-value" name="value" required maxLength={320} autoComplete="off" />
        </div>
        {confirm('erase-confirm')}
        <button className="btn-danger" disabled={pending} type="submit">
          {pending ? t('erasure.erasing') : t('erasure.submit')}
        </button>
        <FormMessage result={result} />
      </form>
      <form onSubmit={onBulk} className="card space-y-3 p-4" aria-labelledby="erase-bulk-title">
        <h2 id="erase-bulk-title" className="font-semibold">
          {t('erasure.bulkTitle')}
        </h2>
        {bySelect('bulk-by')}
        <div>
          <label className="label" htmlFor="bulk-values">
            {t('erasure.bulkValues')}
          </label>
          <textarea className="input min-h-24 font-mono text-xs" id="bulk-values" name="values" required />
        </div>
        {confirm('bulk-confirm')}
        <button className="btn-danger" disabled={pending} type="submit">
          {t('erasure.bulkSubmit')}
        </button>
        <FormMessage result={bulkResult} />
        {batches.length > 0 && (
          <ul className="space-y-1 text-sm" aria-label={t('erasure.bulkJobs')}>
            {batches.map((b) => (
              <li key={b.id} className="flex flex-wrap items-center gap-2">
                <span className="text-slate-500">{f.dateTime(b.createdAt)}</span>
                <span>{t(`erasure.jobStates.${b.state as 'queued'}`)}</span>
                <progress className="h-2 w-32" max={1} value={b.progress} aria-label={f.percent(b.progress)} />
                <span className="tabular-nums">{b.progressNote ?? f.percent(b.progress)}</span>
              </li>
            ))}
          </ul>
        )}
      </form>
    </div>
  );
}
