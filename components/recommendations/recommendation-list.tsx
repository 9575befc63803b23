'use client';
import Link from 'next/link';
import { useI18n } from '@/components/i18n-provider';
import { ProductThumb } from '@/components/ui/product-thumb';
import type { RecommendedItem } from '@/lib/services/recommendations';
import { AttributeBreakdown, type BreakdownRow } from './attribute-breakdown';

const KIND_BADGE: Record<string, string> = {
  'because-you-interacted': 'bg-blue-50 text-blue-800',
  'similar-users': 'bg-violet-50 text-violet-800',
  attributes: 'bg-emerald-50 text-emerald-800',
  profile: 'bg-emerald-50 text-emerald-800',
  'bought-together': 'bg-blue-50 text-blue-800',
  trending: 'bg-amber-50 text-amber-800',
  'trending-favourite-category': 'bg-amber-50 text-amber-800',
  popular: 'bg-amber-50 text-amber-800',
  sequence: 'bg-sky-50 text-sky-800',
  'latent-factors': 'bg-slate-100 text-slate-700',
};

/** Recommended products, each with its reasons in words (and the attribute breakdown where there is one). */
export function RecommendationList({
  items,
  empty,
  showBreakdown = true,
}: {
  items: (RecommendedItem & { breakdown?: BreakdownRow[] })[];
  empty: string;
  showBreakdown?: boolean;
}) {
  const { f, locale } = useI18n();
  if (items.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <ol className="divide-y divide-slate-100" data-testid="recommendation-list">
      {items.map((item, rank) => {
        const title = (locale === 'zh-CN' && item.titleZh) || item.title;
        const breakdown =
          item.breakdown ??
          (item.reasons.find((r) => Array.isArray(r.data.breakdown))?.data.breakdown as BreakdownRow[] | undefined) ??
          [];
        return (
          <li key={item.productId} className="flex gap-3 py-2.5" data-testid="recommended-item">
            <span className="w-5 shrink-0 pt-1 text-right text-xs text-slate-400 tabular-nums">{rank + 1}</span>
            <ProductThumb src={item.imageUrl} title={title} size={40} />
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                <Link
                  href={`/catalogue/${item.productId}`}
                  className="truncate font-medium text-brand-700 hover:underline"
                >
                  {title}
                </Link>
                <span className="text-sm tabular-nums text-slate-600">{f.money(item.price)}</span>
              </div>
              <div className="text-xs text-slate-500">
                {item.category?.name ?? '—'} · <span className="font-mono">{item.sku}</span>
              </div>
              <ul className="mt-1 flex flex-wrap gap-1.5">
                {item.reasons.map((r, i) => (
                  <li
                    // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of reasons rendered once; a kind may repeat
                    key={i}
                    className={`badge font-normal ${KIND_BADGE[r.kind] ?? 'bg-slate-100 text-slate-700'}`}
                    data-testid="reason"
                    data-kind={r.kind}
                  >
                    {r.text}
                  </li>
                ))}
              </ul>
              {showBreakdown && breakdown.length > 0 && <AttributeBreakdown rows={breakdown} />}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
