import {
  and,
  attr,
  city,
  consent,
  did,
  didNot,
  female,
  life,
  male,
  or,
  orders,
  rfm,
  signedUp,
  tag,
  type GoldenCase,
} from './build';

/**
 * Held-out sentences: written after the parser was finished and never used to change it. Only the benchmark
 * (bench/assistant.ts) runs the parser on them, to report how it does on phrasing it was not tuned on; a unit test
 * checks only their number and that every expected tree passes the assistant's gate. The last 34 (from "customers in
 * Shenzhen…") were added by the issue-10 audit to reach 40 per language, also without looking at the parser's output.
 * One of those, "最近180天最多下单1笔", was missed (最多 before the verb read as "at least"); it moved to the golden set
 * with the fix, and "江苏喜欢跑步的男性" replaced it here, so no sentence here was used to change the parser.
 */
export const HELD_OUT_SENTENCES: GoldenCase[] = [
  { lang: 'en', text: 'female shoppers in Chengdu', expected: and(female, city('Chengdu')) },
  {
    lang: 'en',
    text: 'Loyal customers who have not purchased in 45 days',
    expected: and(rfm('loyal'), didNot('purchase', { days: 45 })),
  },
  {
    lang: 'en',
    text: 'people who browsed Fragrance in the last 10 days',
    expected: and(did('view', { cat: 29, days: 10 })),
  },
  { lang: 'en', text: 'at least 5 orders', expected: and(orders('count', 'gte', 5)) },
  {
    lang: 'en',
    text: 'customers in Nanjing or Hangzhou with SMS consent',
    expected: and(city(['Nanjing', 'Hangzhou']), consent('sms')),
  },
  { lang: 'en', text: 'low-value customers who are churned', expected: and(tag('clv:low'), life('churned')) },
  {
    lang: 'en',
    text: 'men who bought Electronics in the last 3 months',
    expected: and(male, did('purchase', { cat: 3, days: 90 })),
  },
  { lang: 'en', text: 'about to sleep or hibernating', expected: and(rfm(['about-to-sleep', 'hibernating'])) },
  {
    lang: 'en',
    text: 'customers who added Shoes to their cart in the last 3 days',
    expected: and(did('cart', { cat: 16, days: 3 })),
  },
  {
    lang: 'en',
    text: 'bought Petalis at least twice',
    expected: and(did('purchase', { brand: 'Petalis', freq: { op: 'at_least', value: 2 } })),
  },
  {
    lang: 'en',
    text: 'medium churn risk customers not in Shanghai',
    expected: and(tag('churn:medium'), city('Shanghai', 'neq')),
  },
  { lang: 'en', text: 'spent at least 1000 yuan', expected: and(orders('revenue', 'gte', 1000)) },
  {
    lang: 'en',
    text: 'potential loyalists who follow Lumora',
    expected: and(rfm('potential-loyalists'), tag('interest:follows:brand:lumora')),
  },
  { lang: 'en', text: 'registered in the past 7 days', expected: and(signedUp(7)) },
  { lang: 'en', text: 'customers who love Books', expected: and(did('purchase', { cat: 6 })) },
  {
    lang: 'en',
    text: 'never opened an email and not subscribed to push',
    expected: and(didNot('open'), consent('push', false)),
  },
  {
    lang: 'en',
    text: 'customers in Guangdong who are price sensitive',
    expected: and(attr('region', 'Guangdong'), tag('interest:price:budget')),
  },
  {
    lang: 'en',
    text: 'bought Food between 2026-02-01 and 2026-02-28',
    expected: and(did('purchase', { cat: 7, from: '2026-02-01', to: '2026-02-28' })),
  },
  {
    lang: 'en',
    text: 'needs attention customers with more than 2 orders',
    expected: and(rfm('needs-attention'), orders('count', 'gt', 2)),
  },
  {
    lang: 'en',
    text: 'champions, loyal or potential loyalists in Beijing',
    expected: and(rfm(['champions', 'loyal', 'potential-loyalists']), city('Beijing')),
  },
  {
    lang: 'en',
    text: 'women who viewed Makeup but did not add it to cart',
    expected: and(female, did('view', { cat: 28 }), didNot('cart', { cat: 28 })),
  },

  { lang: 'zh', text: '成都的女性顾客', expected: and(city('Chengdu'), female) },
  { lang: 'zh', text: '45天内没有购买的忠诚客户', expected: and(didNot('purchase', { days: 45 }), rfm('loyal')) },
  { lang: 'zh', text: '最近10天浏览过香水的人', expected: and(did('view', { cat: 29, days: 10 })) },
  { lang: 'zh', text: '下单5笔以上', expected: and(orders('count', 'gte', 5)) },
  { lang: 'zh', text: '南京或杭州同意接收短信的客户', expected: and(city(['Nanjing', 'Hangzhou']), consent('sms')) },
  { lang: 'zh', text: '已流失的低价值客户', expected: and(life('churned'), tag('clv:low')) },
  { lang: 'zh', text: '最近三个月买过数码的男性', expected: and(did('purchase', { cat: 3, days: 90 }), male) },
  { lang: 'zh', text: '即将沉睡或休眠客户', expected: and(rfm(['about-to-sleep', 'hibernating'])) },
  { lang: 'zh', text: '最近3天把鞋靴加入购物车的客户', expected: and(did('cart', { cat: 16, days: 3 })) },
  {
    lang: 'zh',
    text: '购买Petalis至少两次',
    expected: and(did('purchase', { brand: 'Petalis', freq: { op: 'at_least', value: 2 } })),
  },
  { lang: 'zh', text: '不在上海的中流失风险客户', expected: and(city('Shanghai', 'neq'), tag('churn:medium')) },
  { lang: 'zh', text: '累计消费至少1000元', expected: and(orders('revenue', 'gte', 1000)) },
  {
    lang: 'zh',
    text: '关注Lumora的潜在忠诚客户',
    expected: and(tag('interest:follows:brand:lumora'), rfm('potential-loyalists')),
  },
  { lang: 'zh', text: '过去7天注册的新用户', expected: and(signedUp(7), life('new')) },
  { lang: 'zh', text: '喜欢图书的客户', expected: and(did('purchase', { cat: 6 })) },
  { lang: 'zh', text: '从未打开过邮件且未订阅推送', expected: and(didNot('open'), consent('push', false)) },
  { lang: 'zh', text: '广东价格敏感的客户', expected: and(attr('region', 'Guangdong'), tag('interest:price:budget')) },
  {
    lang: 'zh',
    text: '2026-02-01至2026-02-28购买过食品',
    expected: and(did('purchase', { cat: 7, from: '2026-02-01', to: '2026-02-28' })),
  },
  { lang: 'zh', text: '订单超过2笔的需要关注客户', expected: and(orders('count', 'gt', 2), rfm('needs-attention')) },
  {
    lang: 'zh',
    text: '北京的冠军客户、忠诚客户或潜在忠诚客户',
    expected: and(city('Beijing'), rfm(['champions', 'loyal', 'potential-loyalists'])),
  },
  {
    lang: 'zh',
    text: '浏览过彩妆但没有加购的女性',
    expected: and(did('view', { cat: 28 }), didNot('cart', { cat: 28 }), female),
  },
  { lang: 'zh', text: '近一个月活跃的男性会员', expected: and(life('active'), male) },
  { lang: 'en', text: 'male members active in the last month', expected: and(male, life('active')) },
  { lang: 'en', text: 'either champions or VIP club members', expected: or(rfm('champions'), tag('vip-club')) },
  { lang: 'zh', text: '冠军客户或会员俱乐部成员', expected: or(rfm('champions'), tag('vip-club')) },

  {
    lang: 'en',
    text: 'customers in Shenzhen who bought Phones in the last 30 days',
    expected: and(city('Shenzhen'), did('purchase', { cat: 19, days: 30 })),
  },
  { lang: 'en', text: 'lost customers who opted in to push', expected: and(rfm('lost'), consent('push')) },
  {
    lang: 'en',
    text: 'high-value women in Sichuan',
    expected: and(tag('clv:high'), female, attr('region', 'Sichuan')),
  },
  {
    lang: 'en',
    text: 'viewed Strideon in the last 5 days but did not buy',
    expected: and(did('view', { brand: 'Strideon', days: 5 }), didNot('purchase', { brand: 'Strideon', days: 5 })),
  },
  { lang: 'en', text: 'at most 1 order in the last 180 days', expected: and(orders('count', 'lte', 1, 180)) },
  {
    lang: 'en',
    text: 'customers in Nanjing without SMS consent',
    expected: and(city('Nanjing'), consent('sms', false)),
  },
  { lang: 'en', text: 'average order value below 100', expected: and(orders('aov', 'lt', 100)) },
  {
    lang: 'en',
    text: 'promising customers who follow electronics',
    expected: and(rfm('promising'), tag('interest:follows:category:3')),
  },
  {
    lang: 'en',
    text: 'bought Skincare or Makeup in the last 60 days',
    expected: or(did('purchase', { cat: 27, days: 60 }), did('purchase', { cat: 28, days: 60 })),
  },
  { lang: 'en', text: "Can't lose customers in Shanghai", expected: and(rfm('cant-lose'), city('Shanghai')) },
  { lang: 'en', text: 'men born before 1985', expected: and(male, attr('birthYear', 1985, 'lt')) },
  { lang: 'en', text: 'searched for Running in the last 7 days', expected: and(did('search', { cat: 9, days: 7 })) },
  {
    lang: 'en',
    text: 'low churn risk customers with email consent',
    expected: and(tag('churn:low'), consent('email')),
  },
  {
    lang: 'en',
    text: 'medium-value customers who never bought Home products',
    expected: and(tag('clv:medium'), didNot('purchase', { cat: 4 })),
  },
  {
    lang: 'en',
    text: 'customers who bought Little Sprout at least 3 times in the last year',
    expected: and(did('purchase', { brand: 'Little Sprout', days: 365, freq: { op: 'at_least', value: 3 } })),
  },
  {
    lang: 'en',
    text: 'signed up in the last 14 days and opted in to email',
    expected: and(signedUp(14), consent('email')),
  },
  {
    lang: 'en',
    text: 'premium shoppers who are not VIP club members',
    expected: and(tag('interest:price:premium'), tag('vip-club', 'has_not')),
  },

  {
    lang: 'zh',
    text: '深圳最近30天买过手机的客户',
    expected: and(city('Shenzhen'), did('purchase', { cat: 19, days: 30 })),
  },
  { lang: 'zh', text: '同意接收推送的即将沉睡客户', expected: and(consent('push'), rfm('about-to-sleep')) },
  { lang: 'zh', text: '四川的高价值女性', expected: and(attr('region', 'Sichuan'), tag('clv:high'), female) },
  {
    lang: 'zh',
    text: '最近5天浏览过Strideon但没有购买',
    expected: and(did('view', { brand: 'Strideon', days: 5 }), didNot('purchase', { brand: 'Strideon', days: 5 })),
  },
  {
    lang: 'zh',
    text: '江苏喜欢跑步的男性',
    expected: and(attr('region', 'Jiangsu'), tag('interest:likes:category:9'), male),
  },
  { lang: 'zh', text: '南京未订阅短信的客户', expected: and(city('Nanjing'), consent('sms', false)) },
  { lang: 'zh', text: '客单价低于100', expected: and(orders('aov', 'lt', 100)) },
  {
    lang: 'zh',
    text: '关注数码的有潜力客户',
    expected: and(tag('interest:follows:category:3'), rfm('promising')),
  },
  {
    lang: 'zh',
    text: '最近60天购买过护肤或彩妆',
    expected: or(did('purchase', { cat: 27, days: 60 }), did('purchase', { cat: 28, days: 60 })),
  },
  { lang: 'zh', text: '上海的不能失去客户', expected: and(city('Shanghai'), rfm('cant-lose')) },
  { lang: 'zh', text: '1985年以前出生的男性', expected: and(attr('birthYear', 1985, 'lt'), male) },
  { lang: 'zh', text: '最近7天搜索过跑步', expected: and(did('search', { cat: 9, days: 7 })) },
  { lang: 'zh', text: '同意接收邮件的低流失风险客户', expected: and(consent('email'), tag('churn:low')) },
  {
    lang: 'zh',
    text: '从未购买过家居的中等价值客户',
    expected: and(didNot('purchase', { cat: 4 }), tag('clv:medium')),
  },
  {
    lang: 'zh',
    text: '最近一年购买Little Sprout至少3次',
    expected: and(did('purchase', { brand: 'Little Sprout', days: 365, freq: { op: 'at_least', value: 3 } })),
  },
  { lang: 'zh', text: '最近14天注册且同意接收邮件', expected: and(signedUp(14), consent('email')) },
  {
    lang: 'zh',
    text: '不是会员俱乐部成员的高端客户',
    expected: and(tag('vip-club', 'has_not'), tag('interest:price:premium')),
  },
];
