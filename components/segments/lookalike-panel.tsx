'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/action-result';
import { useI18n } from '@/components/i18n-provider';
import { labelFor } from '@/lib/i18n/message-ref';
import type { LookalikePreview } from '@/lib/services/segments';

/** Lookalike expansion: find the N most similar non-members (with their similarity), then save seed + lookalikes as a segment. */
export function LookalikePanel({
  segment,
  max,
  find,
  save,
}: {
  segment: { id: number; name: string };
  max: number;
  find: (input: unknown) => Promise<ActionResult<LookalikePreview>>;
  save: (input: unknown) => Promise<ActionResult<{ id: number; tagId: number }>>;
}) {
  const { t, f } = useI18n();
  const router = useRouter();
  const [size, setSize] = useState(500);
  const [result, setResult] = useState<LookalikePreview | null>(null);
  const [name, setName] = useState('');
  const [includeSeed, setIncludeSeed] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const sim = (x: number) => x.toFixed(3);

  const onFind = () =>
    start(async () => {
      const r = await find({ segmentId: segment.id, size });
      if (!r.ok) {
        setError(r.message);
        setResult(null);
        return;
      }
      setError(null);
      setResult(r.data);
      setName(t('segments.lookalike.defaultName', { name: segment.name, count: r.data.count }));
    });
  const onSave = () =>
    start(async () => {
      const r = await save({ segmentId: segment.id, size, name, includeSeed });
      if (!r.ok) return setError(r.message);
      router.push(`/segments/${r.data.id}`);
      router.refresh();
    });

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">{t('segments.lookalike.help')}</p>
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label className="label" htmlFor="lookalike-size">
            {t('segments.lookalike.size')}
          </label>
          <input
            id="lookalike-size"
            type="number"
            min={1}
            max={max}
            step={1}
            className="input w-32"
            value={size}
            onChange={(e) => setSize(Math.max(1, Math.min(max, Number(e.target.value) || 1)))}
          />
        </div>
        <button type="button" className="btn-primary" disabled={pending} onClick={onFind}>
          {pending && !result ? t('segments.lookalike.finding') : t('segments.lookalike.find')}
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {result && (
        <>
          <p className="text-sm text-slate-600">
            {t('segments.lookalike.seed', {
              members: f.number(result.members),
              withPortrait: f.number(result.withPortrait),
              candidates: f.number(result.candidates),
            })}
          </p>
          {result.count === 0 ? (
            <p className="text-sm text-slate-500">{t('segments.lookalike.none')}</p>
          ) : (
            <>
              <h3 className="font-semibold">
                {t('segments.lookalike.results', { count: f.number(result.count) })}
                <span className="ml-2 text-sm font-normal text-slate-500">
                  {t('segments.lookalike.range', { max: sim(result.maxSimilarity!), min: sim(result.minSimilarity!) })}{' '}
                  · {t('segments.lookalike.resultsShown', { shown: result.shown.length })}
                </span>
              </h3>
              <div className="max-h-96 overflow-y-auto rounded-lg border border-slate-200">
                <table className="data-table" data-testid="lookalike-table">
                  <thead className="sticky top-0 bg-white">
                    <tr>
                      <th>{t('segments.members.customer')}</th>
                      <th>{t('segments.members.region')}</th>
                      <th>{t('segments.members.rfm')}</th>
                      <th className="text-right">{t('segments.lookalike.similarity')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.shown.map((m) => (
                      <tr key={m.id}>
                        <td>
                          <Link className="text-brand-700 hover:underline" href={`/customers/${m.id}`}>
                            {m.name ?? m.externalId}
                          </Link>
                          <div className="font-mono text-xs text-slate-400">{m.externalId}</div>
                        </td>
                        <td>{m.region ?? '—'}</td>
                        <td>{m.rfmGroup ? labelFor(t, 'portraits.rfm.labels', m.rfmGroup) : '—'}</td>
                        <td className="text-right tabular-nums">
                          <span className="inline-flex items-center gap-2">
                            <span className="h-1.5 w-16 overflow-hidden rounded-full bg-slate-100">
                              <span
                                className="block h-full bg-brand-500"
                                style={{ width: `${Math.max(0, m.similarity) * 100}%` }}
                              />
                            </span>
                            {sim(m.similarity)}
                          </span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="rounded-lg border border-slate-200 bg-slate-50 p-3">
                <h3 className="mb-2 font-semibold">{t('segments.lookalike.saveTitle')}</h3>
                <div className="flex flex-wrap items-end gap-3">
                  <div className="min-w-72 flex-1">
                    <label className="label" htmlFor="lookalike-name">
                      {t('segments.lookalike.name')}
                    </label>
                    <input
                      id="lookalike-name"
                      className="input"
                      value={name}
                      maxLength={100}
                      onChange={(e) => setName(e.target.value)}
                    />
                  </div>
                  <label className="flex items-center gap-2 pb-2 text-sm">
                    <input type="checkbox" checked={includeSeed} onChange={(e) => setIncludeSeed(e.target.checked)} />
                    {t('segments.lookalike.includeSeed')}
                  </label>
                  <button type="button" className="btn-primary" disabled={pending || !name.trim()} onClick={onSave}>
                    {t('segments.lookalike.save')}
                  </button>
                </div>
                <p className="mt-2 text-xs text-slate-500">
                  {t('segments.lookalike.saveHelp', { name: segment.name })}
                </p>
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}
