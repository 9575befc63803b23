import type { Bilingual } from '@/lib/i18n/bilingual';
import { formatters } from '@/lib/i18n/format';
import { translator, type Locale } from '@/lib/i18n/translate';

/** The portrait facts a paragraph is written from: labels and figures only, no name, e-mail, phone or event row. */
export type PortraitFacts = {
  rfm: { label: string; labelZh: string | null } | null;
  lifecycle: { label: string; labelZh: string | null } | null;
  orders: number;
  revenue: number;
  recencyDays: number | null;
  clv365: number | null;
  churnProbability: number | null;
  interests: { label: string; labelZh: string | null }[];
};

/**
 * A customer's portrait in one paragraph, both languages (the offline template): RFM group and lifecycle stage,
 * orders and spend, predicted value and churn risk, top interests. Figures are formatted in each language.
 */
export function portraitParagraph(facts: PortraitFacts | null, currency: string): Bilingual {
  const write = (locale: Locale, lang: 'en' | 'zh') => {
    const t = translator(locale);
    const f = formatters(locale, currency);
    if (!facts) return t('assistant.portrait.none');
    const name = (x: { label: string; labelZh: string | null }) => (lang === 'zh' ? (x.labelZh ?? x.label) : x.label);
    const parts: string[] = [];
    if (facts.lifecycle)
      parts.push(
        facts.rfm
          ? t('assistant.portrait.group', { rfm: name(facts.rfm), lifecycle: name(facts.lifecycle) })
          : t('assistant.portrait.groupNoRfm', { lifecycle: name(facts.lifecycle) }),
      );
    parts.push(
      facts.orders > 0
        ? t('assistant.portrait.orders', {
            orders: f.number(facts.orders),
            revenue: f.money(facts.revenue),
            recency: facts.recencyDays === null ? '—' : f.number(facts.recencyDays),
          })
        : t('assistant.portrait.noOrders'),
    );
    if (facts.clv365 !== null && facts.churnProbability !== null)
      parts.push(
        t('assistant.portrait.value', { clv: f.money(facts.clv365), churn: f.percent(facts.churnProbability) }),
      );
    if (facts.interests.length)
      parts.push(
        t('assistant.portrait.interests', {
          interests: facts.interests
            .slice(0, 3)
            .map(name)
            .join(lang === 'zh' ? '、' : ', '),
        }),
      );
    return parts.join(lang === 'zh' ? '' : ' ');
  };
  return { en: write('en', 'en'), zh: write('zh-CN', 'zh') };
}

type PortraitTag = { tag: { label: string; labelZh: string | null } } | null;
/** The parts of a customer portrait (as `getCustomerPortrait` returns it) a paragraph is written from. */
export type PortraitSource = {
  profile: {
    orderCount: number;
    revenue: number;
    recencyDays: number | null;
    clv365: number | null;
    churnProbability: number | null;
  } | null;
  tags: { rfm: PortraitTag; lifecycle: PortraitTag; interests: NonNullable<PortraitTag>[] };
};

/** A portrait's facts for its paragraph (the page and the model path read the same facts), or null without one. */
export function portraitFactsOf(p: PortraitSource): PortraitFacts | null {
  const pr = p.profile;
  if (!pr) return null;
  return {
    rfm: p.tags.rfm?.tag ?? null,
    lifecycle: p.tags.lifecycle?.tag ?? null,
    orders: pr.orderCount,
    revenue: pr.revenue,
    recencyDays: pr.recencyDays,
    clv365: pr.clv365,
    churnProbability: pr.churnProbability,
    interests: p.tags.interests.slice(0, 3).map((x) => x.tag),
  };
}

/** The numbers a paragraph may state: the figures, churn as a percentage, money with and without cents. */
export function portraitNumbers(f: PortraitFacts): number[] {
  const money = (x: number) => [x, Math.round(x)];
  return [
    f.orders,
    ...money(f.revenue),
    ...(f.recencyDays === null ? [] : [f.recencyDays]),
    ...(f.clv365 === null ? [] : money(f.clv365)),
    ...(f.churnProbability === null ? [] : [f.churnProbability * 100, Math.round(f.churnProbability * 100)]),
  ];
}
