import Link from 'next/link';
import { labelFor } from '@/lib/i18n/message-ref';
import type { Translate } from '@/lib/i18n/translate';

type Card = { id: number; externalId: string; name: string | null; region: string | null; rfmGroup: string | null };

/** A few members spread over the segment, each linking to their portrait, which then says why they are in it. */
export function SampleList({ segmentId, sample, t }: { segmentId: number; sample: Card[]; t: Translate }) {
  if (sample.length === 0) return <p className="text-sm text-slate-500">{t('segments.live.sampleEmpty')}</p>;
  return (
    <table className="w-full text-sm" data-testid="segment-sample">
      <thead className="sr-only">
        <tr>
          <th>{t('segments.live.customer')}</th>
          <th>{t('segments.live.region')}</th>
          <th>{t('segments.live.rfm')}</th>
        </tr>
      </thead>
      <tbody>
        {sample.map((m) => (
          <tr key={m.id} className="border-t border-slate-100 first:border-t-0">
            <td className="py-1.5 pr-2">
              <Link className="text-brand-700 hover:underline" href={`/customers/${m.id}?segment=${segmentId}`}>
                {m.name ?? m.externalId}
              </Link>
              <div className="font-mono text-xs text-slate-400">{m.externalId}</div>
            </td>
            <td className="py-1.5 pr-2 text-slate-600">{m.region ?? '—'}</td>
            <td className="py-1.5 text-right text-xs text-slate-600">
              {m.rfmGroup ? labelFor(t, 'portraits.rfm.labels', m.rfmGroup) : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
