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
