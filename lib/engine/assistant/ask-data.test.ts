import { describe, expect, test } from 'vitest';
import { en } from '@/lib/i18n/messages/en';
import { zhCN as zh } from '@/lib/i18n/messages/zh-cn';
import { checkAskCall, offlineAskCall } from './ask-data';

describe('offlineAskCall', () => {
  test.each([
    ['revenue in the last 90 days', { name: 'kpi', args: { metric: 'revenue', days: 90 } }],
    ['最近7天的订单数', { name: 'kpi', args: { metric: 'orders', days: 7 } }],
    ['How many orders this week?', { name: 'kpi', args: { metric: 'orders', days: 7 } }],
    ['average order value this year', { name: 'kpi', args: { metric: 'aov', days: 365 } }],
    ['今年的客单价', { name: 'kpi', args: { metric: 'aov', days: 365 } }],
    ['new customers', { name: 'kpi', args: { metric: 'newCustomers', days: 30 } }],
    ['近30天新客户有多少', { name: 'kpi', args: { metric: 'newCustomers', days: 30 } }],
    ['conversion rate in the past 7 days', { name: 'kpi', args: { metric: 'conversion', days: 7 } }],
    ['本季度转化率', { name: 'kpi', args: { metric: 'conversion', days: 90 } }],
    ['top categories in the last 30 days', { name: 'top_categories', args: { days: 30, limit: 5 } }],
    ['最近90天的热门类目', { name: 'top_categories', args: { days: 90, limit: 5 } }],
    [
      'how many customers are in the segment "VIP Shanghai"?',
      { name: 'segment_count', args: { name: 'vip shanghai' } },
    ],
    ['冠军客户分群有多少人', { name: 'segment_count', args: { name: '冠军客户' } }],
    ['which segments are there?', { name: 'list_segments', args: {} }],
    ['有哪些分群？', { name: 'list_segments', args: {} }],
  ])('%s', (q, expected) => {
    expect(offlineAskCall(q)).toEqual(expected);
  });

  test('questions outside the rules, and periods the functions do not offer, give null', () => {
    expect(offlineAskCall('why are customers leaving?')).toBeNull();
    expect(offlineAskCall('为什么客户流失')).toBeNull();
    expect(offlineAskCall('revenue in the last 45 days')).toBeNull();
  });

  test('every example question the page offers is answered offline, in both languages', () => {
    for (const m of [en, zh])
      for (const k of ['example1', 'example2', 'example3', 'example4'] as const)
        expect(offlineAskCall(m.assistant.ask[k]), m.assistant.ask[k]).not.toBeNull();
  });
});

describe('checkAskCall', () => {
  test('known functions with valid arguments only', () => {
    expect(checkAskCall('kpi', { metric: 'revenue', days: 30 })).toEqual({
      name: 'kpi',
      args: { metric: 'revenue', days: 30 },
    });
    expect(checkAskCall('top_categories', { days: 7 })).toEqual({
      name: 'top_categories',
      args: { days: 7, limit: 5 },
    });
    expect(checkAskCall('kpi', { metric: 'revenue', days: 45 })).toBeNull();
    expect(checkAskCall('kpi', { metric: 'revenue', days: 30, sql: 'DROP TABLE' })).toBeNull();
    expect(checkAskCall('export_customers', {})).toBeNull();
    expect(checkAskCall('segment_count', { name: '' })).toBeNull();
    expect(checkAskCall('top_categories', { days: 30, limit: 1000 })).toBeNull();
  });
});
