import { defineMessages } from '../../define';

/** The dashboard's period picker and comparison with the period before. */
export const dashboardRangeMessages = defineMessages(
  {
    label: 'Period',
    presets: { '7': '7 days', '30': '30 days', '90': '90 days', '365': '365 days' },
    custom: 'Custom',
    from: 'From',
    to: 'To',
    apply: 'Apply',
    subtitle: '{from} – {to} ({days} days, shop time {zone}), compared with {prevFrom} – {prevTo}',
    vsPrevious: 'vs previous {days} days',
    revenuePerDay: 'Revenue and orders per day',
    revenuePerWeek: 'Revenue and orders per week',
    newCustomers: 'New customers',
    ignored: {
      invalid: 'Ignored the period: “{value}” is not a date (use YYYY-MM-DD).',
      order: 'Ignored the period: the start {from} is after the end {to}.',
      tooLong: 'Ignored the period: at most 3 years at a time.',
      preset: 'Ignored the period “{value}”: choose 7, 30, 90 or 365 days.',
    },
  },
  {
    label: '时间范围',
    presets: { '7': '7 天', '30': '30 天', '90': '90 天', '365': '365 天' },
    custom: '自定义',
    from: '开始',
    to: '结束',
    apply: '应用',
    subtitle: '{from} – {to}（{days} 天，店铺时区 {zone}），对比 {prevFrom} – {prevTo}',
    vsPrevious: '对比前 {days} 天',
    revenuePerDay: '每日销售额与订单数',
    revenuePerWeek: '每周销售额与订单数',
    newCustomers: '新增客户',
    ignored: {
      invalid: '已忽略时间范围：“{value}”不是日期（格式为 YYYY-MM-DD）。',
      order: '已忽略时间范围：开始日期 {from} 晚于结束日期 {to}。',
      tooLong: '已忽略时间范围：一次最多 3 年。',
      preset: '已忽略时间范围“{value}”：请选择 7、30、90 或 365 天。',
    },
  },
);
