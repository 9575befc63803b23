import { describe, expect, test } from 'vitest';
import { writeCampaignCopy, type AudiencePortrait } from './campaign-copy';

const PORTRAIT: AudiencePortrait = {
  size: 1200,
  interests: [
    { name: { en: 'Beauty', zh: '美妆' }, share: 0.42 },
    { name: { en: 'Skincare', zh: '护肤' }, share: 0.3 },
  ],
  rfmMix: [
    { group: 'at-risk', share: 0.5 },
    { group: 'loyal', share: 0.2 },
  ],
  priceBand: 'premium',
  products: [
    { en: 'Rose Serum', zh: '玫瑰精华' },
    { en: 'Silk Cream', zh: '丝滑面霜' },
  ],
};

describe('writeCampaignCopy', () => {
  test('three angles grounded in the portrait, in both languages', () => {
    const v = writeCampaignCopy(PORTRAIT, { channel: 'email' });
    expect(v.map((x) => x.angle)).toEqual(['interest', 'value', 'relationship']);
    expect(v[0]!.subject).toEqual({ en: 'New in Beauty and Skincare, picked for you', zh: '美妆、护肤上新，为您精选' });
    expect(v[0]!.content.en).toBe('Fresh arrivals in Beauty and Skincare. Try Rose Serum and Silk Cream.');
    expect(v[1]!.subject.en).toBe('Our finest, selected for you');
    expect(v[2]!.subject.zh).toBe('好久不见，为您留了些好物');
    expect(v[2]!.content.zh).toBe('好久不见，来看看有什么新品。推荐：玫瑰精华、丝滑面霜。');
  });

  test('a loyal audience is thanked, a new one welcomed; no interests means no interest variant', () => {
    const loyal = writeCampaignCopy(
      { ...PORTRAIT, interests: [], rfmMix: [{ group: 'champions', share: 1 }] },
      { channel: 'push' },
    );
    expect(loyal.map((x) => x.angle)).toEqual(['value', 'relationship']);
    expect(loyal[1]!.subject.en).toBe('A thank-you picked for you');
    const fresh = writeCampaignCopy({ ...PORTRAIT, rfmMix: [{ group: 'new', share: 1 }] }, { channel: 'email' });
    expect(fresh[2]!.subject.en).toMatch(/^Welcome/);
  });

  test('SMS and push stay within the channel length', () => {
    const long = {
      ...PORTRAIT,
      products: Array.from({ length: 3 }, (_, k) => ({
        en: `Product with a very long name number ${k}`,
        zh: `名字很长的商品${k}`,
      })),
    };
    for (const [channel, max] of [
      ['sms', 140],
      ['push', 110],
    ] as const)
      for (const v of writeCampaignCopy(long, { channel })) {
        expect(v.content.en.length).toBeLessThanOrEqual(max);
        expect(v.content.zh.length).toBeLessThanOrEqual(max);
      }
  });

  test('deterministic, and a bad size is a RangeError', () => {
    expect(writeCampaignCopy(PORTRAIT, { channel: 'sms' })).toEqual(writeCampaignCopy(PORTRAIT, { channel: 'sms' }));
    expect(() => writeCampaignCopy({ ...PORTRAIT, size: Number.NaN }, { channel: 'sms' })).toThrow(/writeCampaignCopy/);
  });
});
