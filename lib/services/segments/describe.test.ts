import { describe, expect, test } from 'vitest';
import type { SegmentCondition, SegmentDefinition } from '@/lib/schemas/segment';
import { builderIssues } from '@/lib/schemas/segment-builder';
import { definitionReferences, describeCondition, describeDefinition, emptyNames } from './describe';

const names = () => {
  const n = emptyNames();
  n.tags.set('interest:likes:category:3', { label: 'likes sports', labelZh: '喜欢运动' });
  n.categories.set(3, { name: 'Sports', nameZh: '运动' });
  n.products.set(9, { title: 'Trail shoe', titleZh: '越野跑鞋' });
  n.campaigns.set(4, 'Spring sale');
  n.segments.set(12, 'VIP');
  return n;
};

describe('a definition in words', () => {
  test.each<[SegmentCondition, string, string]>([
    [{ type: 'tag', key: 'interest:likes:category:3', op: 'has' }, 'Has tag “likes sports”', '有标签「喜欢运动」'],
    [
      { type: 'tag', key: 'interest:likes:category:3', op: 'score_gte', value: 0.5 },
      'Has tag “likes sports” with score ≥ 0.5',
      '有标签「喜欢运动」且分数 ≥ 0.5',
    ],
    [
      { type: 'tag', key: 'custom:unknown', op: 'has_not' },
      'Does not have tag “custom:unknown”',
      '没有标签「custom:unknown」',
    ],
    [
      { type: 'attribute', field: 'region', op: 'in', value: ['CN', 'HK'] },
      'Region is one of “CN”, “HK”',
      '地区属于 “CN”、“HK”',
    ],
    [
      { type: 'attribute', field: 'signupAt', op: 'between', value: ['2025-01-01', '2025-03-31'] },
      'Sign-up date is between “2025-01-01” and “2025-03-31”',
      '注册日期在 “2025-01-01” 至 “2025-03-31” 之间',
    ],
    [
      { type: 'attribute', field: 'signupAt', op: 'in_last_days', value: 30 },
      'Sign-up date is within the last 30 days',
      '注册日期在最近 30 天内',
    ],
    [
      { type: 'attribute', field: 'custom', key: 'tier', valueType: 'string', op: 'is_empty' },
      'Attribute “tier” is empty',
      '属性「tier」为空',
    ],
    [
      { type: 'attribute', field: 'birthYear', op: 'lt', value: 1990 },
      'Birth year is less than 1990',
      '出生年份小于 1990',
    ],
    [
      {
        type: 'behaviour',
        op: 'did',
        event: 'purchase',
        filter: { categoryId: 3 },
        frequency: { op: 'at_least', value: 2 },
        window: { type: 'last_days', days: 60 },
      },
      'Bought in Sports at least 2 times in the last 60 days',
      '最近 60 天内「运动」类目购买过至少 2 次',
    ],
    [
      {
        type: 'behaviour',
        op: 'did_not',
        event: 'view',
        filter: { productId: 9, brand: 'Acme' },
        window: { type: 'between', from: '2025-01-01', to: '2025-01-31' },
      },
      'Did not view a product of brand Acme “Trail shoe” between 2025-01-01 and 2025-01-31',
      '2025-01-01 至 2025-01-31 期间品牌 Acme、商品「越野跑鞋」未浏览商品',
    ],
    [
      {
        type: 'behaviour',
        op: 'did',
        event: 'click',
        filter: { campaignId: 4 },
        frequency: { op: 'between', value: [1, 3] },
      },
      'Clicked a campaign from campaign “Spring sale” 1 to 3 times',
      '来自活动「Spring sale」点击过活动共 1 至 3 次',
    ],
    [
      { type: 'orders', metric: 'revenue', op: 'gte', value: 500, window: { type: 'last_days', days: 90 } },
      'Revenue in the last 90 days is at least 500',
      '最近 90 天内消费金额至少为 500',
    ],
    [
      { type: 'orders', metric: 'count', op: 'between', value: [2, 5] },
      'Number of orders is between 2 and 5',
      '订单数介于 2 与 5 之间',
    ],
    [
      { type: 'profile', field: 'rfmGroup', op: 'in', value: ['champions', 'at-risk'] },
      'RFM group is one of Champions, At risk',
      'RFM 分组属于 冠军客户、流失风险',
    ],
    [
      { type: 'profile', field: 'lifecycle', op: 'not_in', value: ['churned'] },
      'Lifecycle stage is none of Churned',
      '生命周期阶段不属于 已流失',
    ],
    [
      { type: 'profile', field: 'churnProbability', op: 'gte', value: 0.6 },
      'Churn probability is at least 60%',
      '流失概率至少为 60%',
    ],
    [
      { type: 'profile', field: 'clv365', op: 'gt', value: 1000 },
      'Predicted 365-day value is more than 1000',
      '预测365天价值大于 1000',
    ],
    [{ type: 'profile', field: 'rfmR', op: 'gte', value: 4 }, 'RFM recency score is at least 4', 'RFM 近度分至少为 4'],
    [{ type: 'consent', channel: 'sms', op: 'not_granted' }, 'Has not agreed to SMS', '未授权短信'],
    [{ type: 'segment', segmentId: 12, op: 'member' }, 'Is in segment “VIP”', '属于分群「VIP」'],
    [{ type: 'segment', segmentId: 77, op: 'not_member' }, 'Is not in segment “#77”', '不属于分群「#77」'],
  ])('%j', (c, en, zh) => {
    expect(describeCondition(c, names())).toEqual({ en, zh });
  });

  test('groups read as all / any / none / exclude, and an empty root is everyone or nobody', () => {
    const def: SegmentDefinition = {
      type: 'group',
      op: 'and',
      children: [
        { type: 'consent', channel: 'email', op: 'granted' },
        { type: 'group', op: 'or', negate: true, children: [{ type: 'segment', segmentId: 12, op: 'member' }] },
        { type: 'group', op: 'and', negate: true, children: [{ type: 'consent', channel: 'push', op: 'granted' }] },
      ],
    };
    const d = describeDefinition(def, names());
    expect(d.text).toEqual({ en: 'All of these are true', zh: '以下条件全部满足' });
    expect(d.children!.map((c) => c.text.en)).toEqual([
      'Has agreed to e-mail',
      'None of these is true',
      'Exclude customers for whom all of these are true',
    ]);
    expect(d.children![1]!.path).toBe('children[1]');
    expect(d.children![1]!.children![0]!.path).toBe('children[1].children[0]');
    expect(describeDefinition({ type: 'group', op: 'and', children: [] }).text.en).toBe('Every customer');
    expect(describeDefinition({ type: 'group', op: 'or', children: [] }).text.zh).toBe('无客户');
    expect(definitionReferences(def)).toEqual({
      tagKeys: [],
      categoryIds: [],
      productIds: [],
      campaignIds: [],
      segmentIds: [12],
    });
  });

  test('builder rule: a nested group must hold a condition', () => {
    const def: SegmentDefinition = {
      type: 'group',
      op: 'and',
      children: [{ type: 'group', op: 'or', children: [{ type: 'group', op: 'and', children: [] }] }],
    };
    expect(builderIssues(def)).toEqual([
      {
        path: ['children', 0, 'children', 0],
        pathText: 'children[0].children[0]',
        message: 'Add a condition to this group, or remove it.',
        key: 'segments.issues.emptyGroup',
      },
    ]);
    expect(builderIssues({ type: 'group', op: 'and', children: [] })).toEqual([]);
  });
});
