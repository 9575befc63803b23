import type { Channel, SegmentCondition } from '@/lib/schemas/segment';
import type { Pattern } from './patterns';

/** Everyday words for the portrait's closed vocabularies (tag key or `rfm:`/`lifecycle:` value), both languages. */
export const SYNONYMS: [string, string[]][] = [
  [
    'lifecycle:new',
    [
      'new customers',
      'new customer',
      'new buyers',
      'first-time buyers',
      'newcomers',
      '新客户',
      '新用户',
      '新客',
      '新顾客',
    ],
  ],
  ['lifecycle:active', ['active customers', 'active customer', 'active buyers', '活跃客户', '活跃用户', '活跃']],
  ['lifecycle:at-risk', ['at-risk customers', 'at risk customers', 'at-risk', 'at risk', '流失预警']],
  [
    'lifecycle:churned',
    ['churned customers', 'churned', 'lapsed customers', 'lapsed', '已流失客户', '流失客户', '已流失用户', '流失用户'],
  ],
  [
    'lifecycle:reactivated',
    ['reactivated customers', 'reactivated', 'win-backs', 'won back', '回流客户', '回流用户', '回流'],
  ],
  ['rfm:champions', ['champions', 'champion customers', 'best customers', '冠军客户', '冠军']],
  ['rfm:loyal', ['loyal customers', 'loyal', '忠诚客户', '忠实客户', '忠诚', '忠实']],
  ['rfm:potential-loyalists', ['potential loyalists', '潜在忠诚客户', '潜在忠诚']],
  ['rfm:promising', ['promising customers', 'promising', '有潜力客户', '有潜力']],
  ['rfm:needs-attention', ['needs attention', 'need attention', 'needing attention', '需要关注', '需关注']],
  ['rfm:about-to-sleep', ['about to sleep', '即将沉睡', '快沉睡']],
  ['rfm:cant-lose', ["can't lose", 'cannot lose', 'cant lose', 'can not lose', '不能失去', '不能流失']],
  [
    'rfm:hibernating',
    ['hibernating customers', 'hibernating', 'dormant customers', 'dormant', '休眠客户', '休眠', '沉睡客户', '沉睡'],
  ],
  ['rfm:lost', ['lost customers', 'lost', '已流失']],
  [
    'clv:high',
    [
      'high-value',
      'high value',
      'high clv',
      'high lifetime value',
      'big spenders',
      'top spenders',
      'vips',
      'vip',
      '高价值客户',
      '高价值',
      '高净值',
      '大客户',
    ],
  ],
  [
    'clv:medium',
    ['medium-value', 'medium value', 'mid-value', 'mid value', 'medium clv', '中等价值客户', '中等价值', '中价值'],
  ],
  ['clv:low', ['low-value', 'low value', 'low clv', '低价值客户', '低价值']],
  [
    'churn:high',
    [
      'high churn risk',
      'churn risk',
      'likely to churn',
      'at risk of churning',
      'at risk of churn',
      'high risk of churn',
      '高流失风险',
      '流失风险高',
      '容易流失',
      '可能流失',
      '流失风险',
    ],
  ],
  ['churn:medium', ['medium churn risk', 'moderate churn risk', '中流失风险', '中等流失风险']],
  ['churn:low', ['low churn risk', 'unlikely to churn', '低流失风险', '流失风险低']],
  [
    'interest:price:budget',
    [
      'bargain hunters',
      'bargain hunter',
      'price-sensitive',
      'price sensitive',
      'budget shoppers',
      'deal seekers',
      'discount lovers',
      '价格敏感',
      '性价比',
      '低价',
      '爱打折',
    ],
  ],
  ['interest:price:mid', ['mid-range', 'mid range', 'mid-price', 'mid-priced', '中端', '中等价位', '中档']],
  [
    'interest:price:premium',
    ['premium shoppers', 'premium', 'high-end', 'high end', 'luxury', '偏好高端', '高端', '奢侈品', '奢侈'],
  ],
];

/** Words for the customer's gender, by the stored value they stand for. */
export const GENDER_WORDS: [string, string[]][] = [
  [
    'female',
    ['women', 'woman', 'female', 'females', 'ladies', 'lady', 'girls', '女性', '女士', '女生', '女顾客', '女'],
  ],
  ['male', ['men', 'man', 'male', 'males', 'gentlemen', 'guys', '男性', '男士', '男生', '男顾客', '男']],
];

const CHANNEL = '(e-?mail|emails|sms|text messages?|texts|push(?: notifications?)?|邮件|电子邮件|短信|推送|app推送)';
const channelOf = (w: string): Channel => (/sms|text|短信/.test(w) ? 'sms' : /push|推送/.test(w) ? 'push' : 'email');
const consent = (w: string): SegmentCondition => ({ type: 'consent', channel: channelOf(w), op: 'granted' });

/** Conditions written as phrases rather than names: marketing consent and birth years. */
export const CONDITION_PATTERNS: Pattern[] = [
  {
    re: new RegExp(
      `(?<![a-z])(?:opted[- ]in (?:to|for)|opted into|subscribed (?:to|for)|consented to|agreed to|signed up for|accepts?|allow|allows|can receive|reachable by|contactable by|can be reached by) (?:the |our )?(?:marketing )?${CHANNEL}(?: marketing| messages| newsletters?)?`,
      'g',
    ),
    make: (m) => ({ kind: 'condition', condition: consent(m[1]!) }),
  },
  {
    re: new RegExp(`(?<![a-z])${CHANNEL} (?:subscribers|opt-ins?|consent|marketing consent|opted in)(?![a-z])`, 'g'),
    make: (m) => ({ kind: 'condition', condition: consent(m[1]!) }),
  },
  {
    re: new RegExp(
      `(?:同意|订阅|订阅了|接受|允许|愿意接收)(?:接收)?(?:营销)?${CHANNEL}(?:营销|订阅)?|${CHANNEL}(?:订阅用户|订阅者|订阅|授权|营销许可)`,
      'g',
    ),
    make: (m) => ({ kind: 'condition', condition: consent((m[1] ?? m[2])!) }),
  },
  {
    re: /(?<![a-z])born (after|before|in) (\d{4})(?![0-9])/g,
    make: (m) => ({
      kind: 'condition',
      condition: {
        type: 'attribute',
        field: 'birthYear',
        op: m[1] === 'after' ? 'gt' : m[1] === 'before' ? 'lt' : 'eq',
        value: Number(m[2]),
      },
    }),
  },
  {
    re: /(?<![0-9])(\d{4})年?(以后|之后|以前|之前)出生|(?<![a-z])post-(\d0)s(?![a-z])|(?<![0-9])(\d0)后/g,
    make: (m) => {
      if (m[1]) {
        const after = m[2] === '以后' || m[2] === '之后';
        return {
          kind: 'condition',
          condition: { type: 'attribute', field: 'birthYear', op: after ? 'gt' : 'lt', value: Number(m[1]) },
        };
      }
      const d = Number(m[3] ?? m[4]);
      const start = d >= 30 ? 1900 + d : 2000 + d;
      return {
        kind: 'condition',
        condition: { type: 'attribute', field: 'birthYear', op: 'between', value: [start, start + 9] },
      };
    },
  },
];
