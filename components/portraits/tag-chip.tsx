import type { ReactNode } from 'react';
import { asMessageRef, renderMessage } from '@/lib/i18n/message-ref';
import type { Translate } from '@/lib/i18n/translate';

/** Colours per tag family, shared by the portrait, the Tags page and member lists. */
export const FAMILY_STYLES: Record<string, string> = {
  rfm: 'bg-brand-50 text-brand-700 ring-brand-100',
  lifecycle: 'bg-emerald-50 text-emerald-800 ring-emerald-100',
  clv: 'bg-amber-50 text-amber-800 ring-amber-100',
  churn: 'bg-rose-50 text-rose-700 ring-rose-100',
  interest: 'bg-violet-50 text-violet-700 ring-violet-100',
  custom: 'bg-slate-100 text-slate-700 ring-slate-200',
};

/** Tags whose colour says their level: a low churn risk is good news, not an alarm. */
export const LEVEL_STYLES: Record<string, string> = {
  'churn:low': 'bg-emerald-50 text-emerald-800 ring-emerald-100',
  'churn:medium': 'bg-amber-50 text-amber-800 ring-amber-100',
  'churn:high': 'bg-rose-50 text-rose-700 ring-rose-100',
};

/** The meter tone of a churn level (low green, medium amber, high red). */
export const churnTone = (level: string | null | undefined) =>
  (level === 'low' ? 'emerald' : level === 'medium' ? 'amber' : 'rose') as 'emerald' | 'amber' | 'rose';

/** A tag as a pill in its family's colour, or its level's colour when the tag is a level (churn:low …). */
export function TagChip({
  family,
  tagKey,
  children,
  title,
}: {
  family: string;
  tagKey?: string;
  children: ReactNode;
  title?: string;
}) {
  const style = (tagKey && LEVEL_STYLES[tagKey]) || FAMILY_STYLES[family] || FAMILY_STYLES.custom;
  return (
    <span title={title} className={`badge ring-1 ring-inset ${style}`}>
      {children}
    </span>
  );
}

/** A tag's label in the UI language (the Chinese label when there is one). */
export function tagLabel(tag: { label: string; labelZh: string | null }, locale: string) {
  return locale === 'zh-CN' && tag.labelZh ? tag.labelZh : tag.label;
}

/**
 * Where a tag came from, in the reader's language: the catalogue message stored with the tag (`message`: RFM,
 * lifecycle, CLV, churn), else the text in both languages stored with it (`text`: interest tags and portraits computed
 * before messages were stored), else null.
 */
export function reasonText(reason: unknown, t: Translate, locale: string): string | null {
  const r = reason as { message?: unknown; text?: { en?: unknown; zh?: unknown } } | null | undefined;
  const message = asMessageRef(r?.message);
  if (message) return renderMessage(t, message);
  const text = r?.text;
  if (!text) return null;
  const v = locale === 'zh-CN' ? (text.zh ?? text.en) : (text.en ?? text.zh);
  return typeof v === 'string' ? v : null;
}
