import type { AssistantVocabulary } from '../types';

const CATEGORIES: [number, string, string][] = [
  [1, 'Sports', '运动'],
  [2, 'Fashion', '时尚'],
  [3, 'Electronics', '数码'],
  [4, 'Home', '家居'],
  [5, 'Beauty', '美妆'],
  [6, 'Books', '图书'],
  [7, 'Food', '食品'],
  [8, 'Baby', '母婴'],
  [9, 'Running', '跑步'],
  [14, 'Women', '女装'],
  [15, 'Men', '男装'],
  [16, 'Shoes', '鞋靴'],
  [19, 'Phones', '手机'],
  [27, 'Skincare', '护肤'],
  [28, 'Makeup', '彩妆'],
  [29, 'Fragrance', '香水'],
];
const SYSTEM: [string, string, string][] = [
  ['rfm:champions', 'Champions', '冠军客户'],
  ['rfm:loyal', 'Loyal', '忠诚客户'],
  ['rfm:potential-loyalists', 'Potential loyalists', '潜在忠诚客户'],
  ['rfm:new', 'New', '新客户'],
  ['rfm:promising', 'Promising', '有潜力客户'],
  ['rfm:needs-attention', 'Needs attention', '需要关注'],
  ['rfm:about-to-sleep', 'About to sleep', '即将沉睡'],
  ['rfm:at-risk', 'At risk', '流失风险'],
  ['rfm:cant-lose', "Can't lose", '不能失去'],
  ['rfm:hibernating', 'Hibernating', '休眠客户'],
  ['rfm:lost', 'Lost', '已流失'],
  ['lifecycle:new', 'New customer', '新客'],
  ['lifecycle:active', 'Active', '活跃客户'],
  ['lifecycle:at-risk', 'At risk', '流失预警'],
  ['lifecycle:churned', 'Churned', '已流失客户'],
  ['lifecycle:reactivated', 'Reactivated', '回流客户'],
  ['clv:high', 'High value', '高价值客户'],
  ['clv:medium', 'Medium value', '中等价值客户'],
  ['clv:low', 'Low value', '低价值客户'],
  ['churn:high', 'High churn risk', '高流失风险'],
  ['churn:medium', 'Medium churn risk', '中流失风险'],
  ['churn:low', 'Low churn risk', '低流失风险'],
];
const INTEREST: [string, string, string][] = [
  ['interest:likes:category:5', 'likes beauty', '喜欢美妆'],
  ['interest:follows:category:3', 'follows electronics', '关注数码'],
  ['interest:likes:category:9', 'likes running', '喜欢跑步'],
  ['interest:follows:category:8', 'follows baby', '关注母婴'],
  ['interest:likes:brand:nexacore', 'loves Nexacore', '钟爱Nexacore'],
  ['interest:follows:brand:lumora', 'follows Lumora', '关注Lumora'],
  ['interest:price:budget', 'bargain hunter', '价格敏感'],
  ['interest:price:premium', 'premium shopper', '偏好高端'],
];

/** A vocabulary shaped like the demo shop's (the same category ids, tag keys, brands and places), for tests. */
export const DEMO_VOCABULARY: AssistantVocabulary = {
  tags: [
    ...SYSTEM.map(([key, label, labelZh]) => ({ key, label, labelZh, family: key.split(':')[0]! })),
    ...INTEREST.map(([key, label, labelZh]) => ({ key, label, labelZh, family: 'interest' })),
    { key: 'vip-club', label: 'VIP club', labelZh: '会员俱乐部', family: 'custom' },
    { key: 'wholesale', label: 'Wholesale buyer', labelZh: '批发客户', family: 'custom' },
  ],
  categories: CATEGORIES.map(([id, name, nameZh]) => ({ id, name, nameZh })),
  brands: ['Nexacore', 'Lumora', 'Petalis', 'Strideon', 'Cloudnest', 'Teahouse 1912', 'Little Sprout', 'Aurélie'],
  regions: ['Beijing', 'Shanghai', 'Guangdong', 'Zhejiang', 'Sichuan', 'Jiangsu', 'Hong Kong', 'Singapore'],
  cities: ['Beijing', 'Shanghai', 'Guangzhou', 'Shenzhen', 'Hangzhou', 'Chengdu', 'Nanjing', 'Hong Kong', 'Singapore'],
  genders: ['female', 'male'],
};
