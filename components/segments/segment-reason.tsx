import Link from 'next/link';
import type { Locale, Translate } from '@/lib/i18n/translate';
import type { MemberExplanation } from '@/lib/services/segments';
import { metConditions } from './why-tree';

/**
 * On a customer's portrait opened from a segment (`/customers/{id}?segment={segmentId}`): why they are in it — the
 * conditions they meet, with what was found — and a link to the full explanation.
 */
export function SegmentReason({ why, t, locale }: { why: MemberExplanation; t: Translate; locale: Locale }) {
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const met = metConditions(why.tree);
  return (
    <section
      className={`card mb-5 p-4 ${why.member ? 'border-emerald-200 bg-emerald-50/60' : 'border-amber-200 bg-amber-50/60'}`}
      aria-labelledby="segment-reason-title"
      data-testid="segment-reason"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="segment-reason-title" className="font-semibold">
          {why.member
            ? t('segments.why.inSegmentTitle', { name: why.segment.name })
            : t('segments.why.notInSegment', { name: why.segment.name })}
        </h2>
        <Link
          className="text-sm text-brand-700 hover:underline"
          href={`/segments/${why.segment.id}/why/${why.customer.id}`}
        >
          {t('segments.why.details')} →
        </Link>
      </div>
      {why.member && met.length > 0 && (
        <ul className="mt-2 space-y-1 text-sm">
          {met.map((n, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions of a computed tree, rendered once, no identity
            <li key={k} className="flex items-start gap-2">
              <span aria-hidden className="text-emerald-600">
                ✓
              </span>
              <span>
                <span className="text-slate-900">{n.text[lang]}</span>
                {n.found && <span className="text-slate-500"> — {n.found[lang]}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
