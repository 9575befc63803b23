import type { TimeWindow } from '@/lib/schemas/segment';
import type { CountOp, EventKind, MentionData } from './types';

/** A fixed pattern: a regex over the normalised text and what a match means (null: not a mention after all). */
export type Pattern = { re: RegExp; make: (m: RegExpExecArray) => MentionData | null; priority?: number };

const W = (s: string) => `(?<![a-z])(?:${s})(?![a-z])`;
const UNIT_DAYS: Record<string, number> = {
  day: 1,
  天: 1,
  日: 1,
  week: 7,
  周: 7,
  星期: 7,
  month: 30,
  月: 30,
  year: 365,
  年: 365,
};
const unitDays = (u: string) => UNIT_DAYS[u.replace(/^个/, '').replace(/s$/, '')] ?? 1;
const lastDays = (n: string | undefined, unit: string): TimeWindow => ({
  type: 'last_days',
  days: Math.max(1, Math.round(Number(n ?? 1) * unitDays(unit))),
});
const between = (from: string, to: string): TimeWindow => ({ type: 'between', from, to });

const EN_AT_LEAST = 'at least|minimum of|no fewer than|no less than|>=|≥';
const EN_MORE = 'more than|over|above|greater than|>';
const EN_AT_MOST = 'at most|no more than|up to|<=|≤';
const EN_FEWER = 'fewer than|less than|under|below|<';
const ZH_AT_LEAST = '至少|最少|不少于|不低于|大于等于|满';
const ZH_MORE = '超过|多于|大于|高于|以上';
const ZH_AT_MOST = '至多|最多|不超过|不多于|不高于';
const ZH_FEWER = '少于|小于|低于|不到|不足';
const ZH_QUANTIFIER = `${ZH_AT_LEAST}|${ZH_MORE}|${ZH_AT_MOST}|${ZH_FEWER}|恰好|正好`;
/** Verbs that may stand between a Chinese quantifier and its count ("至少下单3笔", "最多浏览2次"). */
const ZH_COUNTED_VERB =
  '下过单|下单|购买过|购买|买过|买了|买|消费过|浏览过|浏览|看过|查看过|查看|加购过|加购|搜索过|搜索';

/** Each quantifier word and its comparison (a lookup, not four regexes compiled on every call). */
const QUANTIFIER_OPS = new Map<string, CountOp>(
  (
    [
      [EN_AT_LEAST, 'gte'],
      [ZH_AT_LEAST, 'gte'],
      [EN_MORE, 'gt'],
      [ZH_MORE, 'gt'],
      [EN_AT_MOST, 'lte'],
      [ZH_AT_MOST, 'lte'],
      [EN_FEWER, 'lt'],
      [ZH_FEWER, 'lt'],
    ] as const
  ).flatMap(([words, op]) => words.split('|').map((word): [string, CountOp] => [word, op])),
);

/** The comparison a quantifier word means. */
export function opOf(word: string | undefined, after?: string): CountOp {
  const w = (word ?? '').trim();
  if (after === '以上' || after === '及以上' || after === '或以上' || after === '+' || after?.includes('or more'))
    return 'gte';
  if (after === '以下' || after === '及以下' || after?.includes('or fewer') || after?.includes('or less')) return 'lte';
  if (!w) return 'gte';
  return QUANTIFIER_OPS.get(w) ?? 'eq';
}

const VERBS: [EventKind, string][] = [
  [
    'purchase',
    `${W('bought|buy|buys|buying|purchased|purchases?|purchasing|ordered|shopped|placed (?:an |any )?orders?|buyers|shoppers|customers who buy')}|购买过|购买|买过|买了|下过单|下单|消费过|买`,
  ],
  [
    'view',
    `${W('viewed|views?|viewing|browsed|browses?|browsing|visited|looked at|checked out')}|浏览过|浏览了|浏览|看过|查看过|查看|访问过|访问`,
  ],
  [
    'cart',
    `${W('add(?:ed|s|ing)? to (?:the |their |a )?(?:cart|basket)|added|carted|abandoned (?:a |their )?carts?|cart abandoners')}|加购过|加购|加入过购物车|加入了购物车|加入购物车|加到购物车|加过购物车|放入购物车`,
  ],
  ['search', `${W('searched(?: for)?|searching for|searches for')}|搜索过|搜索|搜过`],
  ['click', `${W('clicked(?: on)?|clicks on')}|点击过|点击`],
  ['open', `${W('opened')}|打开过|打开`],
  [
    'interest',
    `${W('loves?|loving|likes?|into|interested in|fans? of|enthusiasts?|lovers?|prefers?|follows?|following')}|喜欢|喜爱|钟爱|偏好|关注|感兴趣|爱好者|粉丝|爱`,
  ],
  ['signup', `${W('signed up|sign[- ]?ups?|registered|joined')}|注册`],
];

const NUM = '(\\d+(?:\\.\\d+)?)';
const DATE = '(\\d{4}-\\d{2}-\\d{2})';
const EN_UNIT = '(days?|weeks?|months?|years?)';
const ZH_UNIT = '(个?月|天|日|周|星期|年)';

/** Every fixed pattern of both languages. Vocabulary-driven mentions come from ./dictionary. */
export const PATTERNS: Pattern[] = [
  {
    re: new RegExp(
      `${W("haven't|hasn't|hadn't|didn't|don't|doesn't|isn't|aren't|wasn't|weren't|not|n't|never|without|excluding|except|other than|non|no longer|no")}|n't|没有|没|未|不是|不在|从未|从没|非|不|无`,
      'g',
    ),
    make: () => ({ kind: 'neg' }),
  },
  { re: new RegExp(`${W('or|either')}|或者|或是|或|还是`, 'g'), make: () => ({ kind: 'or' }) },
  { re: new RegExp(`${W('but|yet|however')}|但是|但|却|然而`, 'g'), make: () => ({ kind: 'but' }) },
  {
    re: new RegExp(`${W('and|who|that|with|also')}|并且|而且|同时|以及|且|和|并|与|,|，|、|;|；`, 'g'),
    make: () => ({ kind: 'and' }),
  },
  {
    re: new RegExp(`${W('rfm(?: group| segment)?(?: is| of)?')}|rfm\\s*(?:分组|分群|群组)?\\s*(?:为|是)?`, 'g'),
    make: () => ({ kind: 'rfm' }),
  },
  ...VERBS.map(([event, re]): Pattern => ({ re: new RegExp(re, 'g'), make: () => ({ kind: 'verb', event }) })),
  {
    re: new RegExp(
      `${W(`(?:(?:in|within|during|over|for) )?(?:the )?(?:last|past|previous) (?:${NUM} )?${EN_UNIT}`)}`,
      'g',
    ),
    make: (m) => ({ kind: 'window', window: lastDays(m[1], m[2]!) }),
  },
  {
    re: new RegExp(
      `${W(`(?:in|within|for|during|over)(?: the)?(?: (?:more than|over|at least))? ${NUM} ${EN_UNIT}`)}`,
      'g',
    ),
    make: (m) => ({ kind: 'window', window: lastDays(m[1], m[2]!) }),
  },
  {
    re: new RegExp(
      `(?:最近|近|过去|前|超过|这)\\s*${NUM}?\\s*${ZH_UNIT}(?:内|以内|之内|里|中|来|以上)?|${NUM}\\s*${ZH_UNIT}(?:内|以内|之内|里|中|来)?`,
      'g',
    ),
    make: (m) => ({ kind: 'window', window: lastDays(m[1] ?? m[3], (m[2] ?? m[4])!) }),
  },
  {
    re: new RegExp(
      `${W(`(?:between|from) ${DATE} (?:and|to|until|through) ${DATE}`)}|(?:从|在)?${DATE}\\s*(?:至|到|~|—|和)\\s*${DATE}(?:之间|期间)?`,
      'g',
    ),
    make: (m) => {
      const [from, to] = m[1] ? [m[1], m[2]!] : [m[3]!, m[4]!];
      return { kind: 'window', window: between(from, to) };
    },
    priority: 1,
  },
  {
    re: new RegExp(
      `(?:(${EN_AT_LEAST}|${EN_MORE}|${EN_AT_MOST}|${EN_FEWER}|exactly) )?${NUM}(\\+| or more| or fewer| or less)? ?(times?|orders?|purchases?)(\\+| or more| or fewer| or less)?(?![a-z])`,
      'g',
    ),
    make: (m) => ({
      kind: 'count',
      op: opOf(m[1], m[3] ?? m[5]),
      value: Number(m[2]),
      unit: /^time/.test(m[4]!) ? 'times' : 'orders',
    }),
  },
  {
    re: new RegExp(
      `(?:(${ZH_QUANTIFIER})|(?<=(${ZH_QUANTIFIER})\\s*(?:${ZH_COUNTED_VERB})\\s*)|)\\s*${NUM}\\s*(次|笔订单|个订单|笔|单|订单)(及以上|或以上|以上|及以下|以下)?`,
      'g',
    ),
    // The quantifier right before the number, or before the verb ("最多下单1笔": at most 1 order). The empty third
    // alternative, not a `?`, keeps the zero-width look-behind: a `?` group never keeps an empty match.
    make: (m) => ({
      kind: 'count',
      op: opOf(m[1] ?? m[2], m[5]),
      value: Number(m[3]),
      unit: m[4] === '次' ? 'times' : 'orders',
    }),
  },
  {
    re: new RegExp(
      `${W(`(spent|spend|spending|total spend|lifetime spend|revenue|average order value|avg order value|aov|basket size)(?: of)?(?: (${EN_AT_LEAST}|${EN_MORE}|${EN_AT_MOST}|${EN_FEWER}))? (?:¥|\\$|€|rmb ?|cny ?)?${NUM}(?: ?(?:yuan|rmb|dollars|usd|cny))?`)}`,
      'g',
    ),
    make: (m) => ({
      kind: 'money',
      metric: /aver|avg|aov|basket/.test(m[1]!) ? 'aov' : 'revenue',
      op: opOf(m[2]),
      value: Number(m[3]),
    }),
  },
  {
    re: new RegExp(
      `(累计消费|总消费|消费金额|消费|花费|花了|客单价|平均订单金额)(?:金额)?\\s*(${ZH_AT_LEAST}|${ZH_MORE}|${ZH_AT_MOST}|${ZH_FEWER})?\\s*[¥￥]?${NUM}\\s*(?:元|块)?(以上|以下)?`,
      'g',
    ),
    make: (m) => ({
      kind: 'money',
      metric: /客单|平均/.test(m[1]!) ? 'aov' : 'revenue',
      op: opOf(m[2], m[4]),
      value: Number(m[3]),
    }),
  },
  {
    re: new RegExp(
      `${W('did|does|do|customers|people|users|shoppers|buyers|the|a|an|any|who|have|has|had|are|is|were|was|been|in|from|of|living in|live in|lives in|based in|located in|products?|items?|category|brand|things|stuff|something|anything|to the cart|to cart|to their cart|to (?:the |their )?basket|for|audience|segment|list|everyone|all|their|them')}|客户|用户|顾客|人群|会员|消费者|的|了|过|在|来自|住在|位于|类目|品类|商品|产品|品牌|东西|用品|人|群体|所有|里`,
      'g',
    ),
    make: () => ({ kind: 'noise' }),
    priority: -1,
  },
  {
    // A quantifier before its verb ("最多下单1笔") is read by the count pattern's look-behind; this marks it as read.
    re: new RegExp(`(?:${ZH_QUANTIFIER})(?=\\s*(?:${ZH_COUNTED_VERB})\\s*${NUM}\\s*(?:次|笔|单|个订单|订单))`, 'g'),
    make: () => ({ kind: 'noise' }),
  },
];
