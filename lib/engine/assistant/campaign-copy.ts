import type { RfmGroup } from '@/lib/engine/portrait/rfm-segments';
import type { Bilingual } from '@/lib/i18n/bilingual';

/** A segment's aggregated portrait: shares of its members, never a member. */
export type AudiencePortrait = {
  size: number;
  /** top interest tags (categories, brands) with the share of members holding them */
  interests: { name: Bilingual; share: number }[];
  /** RFM groups with their share of members, largest first */
  rfmMix: { group: RfmGroup; share: number }[];
  /** the price band most members lean to, if any */
  priceBand: 'budget' | 'mid' | 'premium' | null;
  /** products the recommender shows this audience most often */
  products: Bilingual[];
};

export type CopyAngle = 'interest' | 'value' | 'relationship';
export type CopyVariant = { angle: CopyAngle; subject: Bilingual; content: Bilingual };
export type CopyChannel = 'email' | 'sms' | 'push';

const RELATIONSHIP: Record<'thanks' | 'welcome' | 'missYou', { subject: Bilingual; opening: Bilingual }> = {
  thanks: {
    subject: { en: 'A thank-you picked for you', zh: '专属感谢，为您精选' },
    opening: { en: 'Thank you for shopping with us.', zh: '感谢您一直以来的支持。' },
  },
  welcome: {
    subject: { en: 'Welcome — a few picks to start with', zh: '欢迎光临，先看看这些推荐' },
    opening: { en: 'Glad to have you with us.', zh: '很高兴认识您。' },
  },
  missYou: {
    subject: { en: 'We saved a few things for you', zh: '好久不见，为您留了些好物' },
    opening: { en: 'It has been a while — here is what is new.', zh: '好久不见，来看看有什么新品。' },
  },
};
const TONE: Record<RfmGroup, keyof typeof RELATIONSHIP> = {
  champions: 'thanks',
  loyal: 'thanks',
  'potential-loyalists': 'thanks',
  new: 'welcome',
  promising: 'welcome',
  'needs-attention': 'missYou',
  'about-to-sleep': 'missYou',
  'at-risk': 'missYou',
  'cant-lose': 'missYou',
  hibernating: 'missYou',
  lost: 'missYou',
};
const VALUE: Record<'budget' | 'mid' | 'premium' | 'none', { subject: Bilingual; line: Bilingual }> = {
  budget: {
    subject: { en: 'Good value, picked for you', zh: '高性价比好物，为您精选' },
    line: { en: 'Great value on things you will actually use.', zh: '实用好物，价格实在。' },
  },
  mid: {
    subject: { en: 'Quality at a fair price', zh: '品质好物，价格公道' },
    line: { en: 'Well made, fairly priced.', zh: '做工用心，价格公道。' },
  },
  premium: {
    subject: { en: 'Our finest, selected for you', zh: '甄选臻品，为您推荐' },
    line: { en: 'Our finest pieces, chosen with care.', zh: '用心甄选的高品质好物。' },
  },
  none: {
    subject: { en: 'Picked for you this week', zh: '本周为您精选' },
    line: { en: 'A few things we think you will like.', zh: '我们觉得您会喜欢这些。' },
  },
};
const LIMIT: Record<CopyChannel, number> = { email: 600, sms: 140, push: 110 };

function join(items: Bilingual[], lang: 'en' | 'zh'): string {
  const names = items.map((i) => i[lang]);
  if (lang === 'zh') return names.join('、');
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
const both = (fn: (lang: 'en' | 'zh') => string): Bilingual => ({ en: fn('en'), zh: fn('zh') });
const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`);

/**
 * Campaign copy from templates (the offline path): three variants — the audience's top interests, the value angle
 * of its price band, and a relationship angle from its dominant RFM group — each naming the products the recommender
 * shows it most. English and Chinese; SMS and push are cut to the channel's length. Deterministic.
 * @example
 * writeCampaignCopy({ size: 900, interests: [{ name: { en: 'Beauty', zh: '美妆' }, share: 0.4 }], rfmMix: [],
 *   priceBand: 'premium', products: [] }, { channel: 'email' })[0].subject.en // 'New in Beauty, picked for you'
 */
export function writeCampaignCopy(p: AudiencePortrait, options: { channel: CopyChannel }): CopyVariant[] {
  if (!(p.size >= 0)) throw new RangeError('writeCampaignCopy: size must be a number ≥ 0');
  const max = LIMIT[options.channel];
  const top = p.interests.slice(0, 2).map((i) => i.name);
  const products = p.products.slice(0, 3);
  const productLine = both((lang) =>
    products.length === 0 ? '' : lang === 'en' ? ` Try ${join(products, 'en')}.` : `推荐：${join(products, 'zh')}。`,
  );
  const value = VALUE[p.priceBand ?? 'none'];
  const tone = RELATIONSHIP[TONE[p.rfmMix[0]?.group ?? 'promising']];
  const variants: CopyVariant[] = [];
  if (top.length)
    variants.push({
      angle: 'interest',
      subject: both((lang) =>
        lang === 'en' ? `New in ${join(top, 'en')}, picked for you` : `${join(top, 'zh')}上新，为您精选`,
      ),
      content: both((lang) =>
        lang === 'en'
          ? `Fresh arrivals in ${join(top, 'en')}.${productLine.en}`
          : `${join(top, 'zh')}新品到了。${productLine.zh}`,
      ),
    });
  variants.push({
    angle: 'value',
    subject: value.subject,
    content: both((l) => `${value.line[l]}${productLine[l]}`),
  });
  variants.push({
    angle: 'relationship',
    subject: tone.subject,
    content: both((l) => `${tone.opening[l]}${productLine[l]}`),
  });
  return variants.map((v) => ({
    angle: v.angle,
    subject: both((l) => cut(v.subject[l], 80)),
    content: both((l) => cut(v.content[l].trim(), max)),
  }));
}
