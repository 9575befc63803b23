import { describe, expect, test } from 'vitest';
import { portraitParagraph, type PortraitFacts } from './portrait-paragraph';

const FACTS: PortraitFacts = {
  rfm: { label: 'Loyal', labelZh: '忠诚客户' },
  lifecycle: { label: 'Active', labelZh: '活跃客户' },
  orders: 7,
  revenue: 2450.5,
  recencyDays: 12,
  clv365: 880,
  churnProbability: 0.125,
  interests: [
    { label: 'likes beauty', labelZh: '喜欢美妆' },
    { label: 'follows Lumora', labelZh: '关注Lumora' },
  ],
};

describe('portraitParagraph', () => {
  test('one paragraph from the figures, in both languages', () => {
    const p = portraitParagraph(FACTS, 'CNY');
    expect(p.en).toBe(
      'RFM group Loyal, lifecycle stage Active. 7 completed orders worth CN¥2,450.50 in total, the last one 12 days ago. Predicted to spend CN¥880.00 over the next year, with a 12.5% chance of churning. Interest tags: likes beauty, follows Lumora.',
    );
    expect(p.zh).toContain('忠诚客户（活跃客户）');
    expect(p.zh).toContain('共完成 7 笔订单');
    expect(p.zh).toContain('主要兴趣：喜欢美妆、关注Lumora。');
  });

  test('no orders and no model: only what is known; no portrait at all says so', () => {
    const p = portraitParagraph({ ...FACTS, rfm: null, orders: 0, clv365: null, interests: [] }, 'CNY');
    expect(p.en).toBe('A customer in the Active stage. No completed order yet.');
    expect(portraitParagraph(null, 'CNY').zh).toBe('该客户的画像尚未计算。');
  });
});
