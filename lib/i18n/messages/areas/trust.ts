import { defineMessages } from '../../define';

/** The Trust area's landing page. */
export const trustMessages = defineMessages(
  {
    title: 'Trust',
    subtitle: 'What a privacy officer signs off on: protected figures, fair targeting and recommendations.',
    open: 'Open',
    parts: {
      privacy: {
        title: 'Differential privacy',
        body: 'Noisy aggregates for managers and shared exports, with a monthly privacy budget.',
      },
      fairness: {
        title: 'Fairness and bias',
        body: 'Selection rates per group for segments and campaigns; exposure and accuracy per recommendation model.',
      },
      quality: {
        title: 'Data quality',
        body: 'Missing fields, impossible values, duplicates and stale sources, with examples and a trend.',
      },
      erasure: {
        title: 'Erasure',
        body: 'Erase a customer (or many) from every store, with a receipt; the audit log stays verifiable.',
      },
    },
  },
  {
    title: '可信',
    subtitle: '隐私负责人需要确认的内容：受保护的数字、公平的定向与推荐。',
    open: '打开',
    parts: {
      privacy: { title: '差分隐私', body: '向经理展示的汇总和分享导出加入噪声，并有每月隐私预算。' },
      fairness: { title: '公平与偏差', body: '人群与活动的各群体选中率；各推荐模型的曝光与准确率。' },
      quality: { title: '数据质量', body: '缺失字段、不可能的值、重复和过期的数据来源，附示例与趋势。' },
      erasure: { title: '删除个人数据', body: '从所有存储中删除一位（或多位）客户并出具回执；审计日志仍可校验。' },
    },
  },
);
