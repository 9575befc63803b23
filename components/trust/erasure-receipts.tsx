'use client';
import { useI18n } from '@/components/i18n-provider';
import type { ErasureReceiptView } from '@/lib/services/erasure/erase';

/** Erasure receipts: what was removed per store, when and by whom — the subject only as its keyed pseudonym. */
export function ErasureReceipts({ receipts }: { receipts: ErasureReceiptView[] }) {
  const { t, f } = useI18n();
  return (
    <section className="mt-6" aria-labelledby="receipts-title">
      <h2 id="receipts-title" className="mb-2 text-lg font-semibold">
        {t('erasure.receipts')}
      </h2>
      {receipts.length === 0 ? (
        <p className="text-sm text-slate-500">{t('erasure.receiptsEmpty')}</p>
      ) : (
        <ul className="space-y-3">
          {receipts.map((r) => (
            <li key={r.id} className="card p-4" data-testid="erasure-receipt">
              <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                <dt className="text-slate-500">{t('erasure.receipt.id')}</dt>
                <dd className="break-all font-mono text-xs">{r.id}</dd>
                <dt className="text-slate-500">{t('erasure.receipt.subject')}</dt>
                <dd className="break-all font-mono text-xs">{r.subjectRef}</dd>
                <dt className="text-slate-500">{t('erasure.receipt.matchedBy')}</dt>
                <dd>{t(`erasure.byOptions.${r.matchedBy as 'id'}`)}</dd>
                <dt className="text-slate-500">{t('erasure.receipt.at')}</dt>
                <dd>{f.dateTime(r.at)}</dd>
                <dt className="text-slate-500">{t('erasure.receipt.by')}</dt>
                <dd className="break-all">{r.actorLabel}</dd>
              </dl>
              <h3 className="mt-3 text-sm font-medium">{t('erasure.receipt.removed')}</h3>
              <ul className="mt-1 grid grid-cols-1 gap-x-6 text-sm sm:grid-cols-2 lg:grid-cols-3">
                {Object.entries(r.counts).map(([store, n]) => (
                  <li key={store} className="flex justify-between gap-2 border-b border-slate-100 py-0.5">
                    <span>{t(`erasure.counts.${store as 'events'}`)}</span>
                    <span className="tabular-nums">{f.number(n)}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
