import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Formatters } from '@/lib/i18n/format';
import { labelFor } from '@/lib/i18n/message-ref';
import type { MessageKey, Translate } from '@/lib/i18n/translate';

export type TimelineRow = {
  id: number;
  type: string;
  ts: Date;
  query: string | null;
  quantity: number | null;
  price: number | null;
  value: number | null;
  orderRef: string | null;
  product: { id: number; sku: string; title: string; titleZh: string | null; brand: string | null } | null;
  category: { id: number; name: string; nameZh: string | null } | null;
  campaignName: string | null;
  variantName: string | null;
  campaignId: number | null;
};

const TYPE_STYLE: Record<string, string> = {
  view: 'bg-slate-100 text-slate-700',
  search: 'bg-sky-50 text-sky-700',
  cart: 'bg-amber-50 text-amber-800',
  purchase: 'bg-emerald-50 text-emerald-800',
  click: 'bg-violet-50 text-violet-700',
  exposure: 'bg-fuchsia-50 text-fuchsia-700',
  open: 'bg-indigo-50 text-indigo-700',
  feedback: 'bg-rose-50 text-rose-700',
};
const VERB: Record<string, MessageKey> = {
  view: 'portraits.timeline.viewed',
  search: 'portraits.timeline.searched',
  cart: 'portraits.timeline.carted',
  purchase: 'portraits.timeline.purchased',
  click: 'portraits.timeline.clicked',
  exposure: 'portraits.timeline.exposed',
  open: 'portraits.timeline.opened',
  feedback: 'portraits.timeline.feedback',
};

/** A customer's behaviour, newest first: what they did, to which product, query or campaign, and when. */
export function Timeline({ rows, t, f, locale }: { rows: TimelineRow[]; t: Translate; f: Formatters; locale: string }) {
  return (
    <ol className="divide-y divide-slate-100">
      {rows.map((e) => {
        const parts: ReactNode[] = [];
        if (e.product) {
          parts.push(
            <Link
              key="p"
              className="text-brand-700 underline decoration-brand-500/50 underline-offset-2 hover:decoration-brand-700"
              href={`/catalogue/${e.product.id}`}
            >
              {(locale === 'zh-CN' && e.product.titleZh) || e.product.title}
            </Link>,
          );
        } else if (e.category)
          parts.push(
            <span key="c">
              {t('portraits.timeline.category', { name: (locale === 'zh-CN' && e.category.nameZh) || e.category.name })}
            </span>,
          );
        if (e.query)
          parts.push(
            <span key="q" className="font-medium">
              “{e.query}”
            </span>,
          );
        if (e.campaignName || e.campaignId !== null)
          parts.push(
            <span key="k">{t('portraits.timeline.campaign', { name: e.campaignName ?? `#${e.campaignId}` })}</span>,
          );
        if (e.variantName)
          parts.push(
            <span key="v" className="text-slate-500">
              ({t('portraits.timeline.variant', { name: e.variantName })})
            </span>,
          );
        const extras: string[] = [];
        if (e.quantity && e.quantity > 1) extras.push(t('portraits.timeline.quantity', { count: e.quantity }));
        if (e.price !== null && (e.type === 'purchase' || e.type === 'cart')) extras.push(f.money(e.price));
        if (e.type === 'feedback' && e.value !== null) extras.push(String(e.value));
        if (e.orderRef) extras.push(t('portraits.timeline.order', { ref: e.orderRef }));
        return (
          <li key={e.id} className="flex items-start gap-3 py-2 text-sm">
            <span className={`badge mt-0.5 w-24 shrink-0 justify-center ${TYPE_STYLE[e.type] ?? TYPE_STYLE.view}`}>
              {labelFor(t, 'dashboard.eventTypes', e.type)}
            </span>
            <span className="min-w-0 flex-1">
              <span className="text-slate-500">{VERB[e.type] ? t(VERB[e.type]!) : e.type}</span>{' '}
              {parts.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the fixed parts of one event's line, built just above
                <span key={i}>
                  {i > 0 ? ' ' : ''}
                  {p}
                </span>
              ))}
              {extras.length > 0 && <span className="text-slate-500"> · {extras.join(' · ')}</span>}
            </span>
            <time
              dateTime={e.ts.toISOString()}
              className="shrink-0 text-xs whitespace-nowrap text-slate-500 tabular-nums"
            >
              {f.dateTime(e.ts)}
            </time>
          </li>
        );
      })}
    </ol>
  );
}
