import type { BehaviourCondition, CompareOp, Scalar, SegmentEventType, TimeWindow } from '@/lib/schemas/segment';
import type { Bilingual as Text } from '@/lib/i18n/bilingual';
import type { Explanation, Observed } from './evaluate';

/** Display names for ids a condition mentions (categories, products, campaigns, saved segments). */
export type ExplainNames = {
  category?: Map<number, Text>;
  product?: Map<number, string>;
  campaign?: Map<number, string>;
  segment?: Map<number, string>;
};

type GroupExplanation = Extract<Explanation, { type: 'group' }>;
type SegmentExplanation = Extract<Explanation, { type: 'segment' }>;
/** An explanation tree with a sentence on every node. */
export type DescribedExplanation =
  | (Omit<GroupExplanation, 'children'> & { text: Text; children: DescribedExplanation[] })
  | (Omit<SegmentExplanation, 'child'> & { text: Text; child: DescribedExplanation })
  | (Extract<Explanation, { type: 'condition' }> & { text: Text });

const EVENTS: Record<SegmentEventType, Text> = {
  view: { en: 'view', zh: '浏览' },
  search: { en: 'search', zh: '搜索' },
  cart: { en: 'add to cart', zh: '加购' },
  purchase: { en: 'purchase', zh: '购买' },
  click: { en: 'click', zh: '点击' },
  exposure: { en: 'exposure', zh: '曝光' },
  open: { en: 'open', zh: '打开' },
  feedback: { en: 'feedback', zh: '反馈' },
};
const FIELDS: Record<string, Text> = {
  externalId: { en: 'customer id', zh: '客户编号' },
  region: { en: 'region', zh: '地区' },
  city: { en: 'city', zh: '城市' },
  gender: { en: 'gender', zh: '性别' },
  emailDomain: { en: 'e-mail domain', zh: '邮箱域名' },
  birthYear: { en: 'birth year', zh: '出生年份' },
  signupAt: { en: 'sign-up date', zh: '注册日期' },
  rfmGroup: { en: 'RFM group', zh: 'RFM 分组' },
  lifecycle: { en: 'lifecycle stage', zh: '生命周期阶段' },
  rfmR: { en: 'RFM recency score', zh: 'RFM 近度分' },
  rfmF: { en: 'RFM frequency score', zh: 'RFM 频度分' },
  rfmM: { en: 'RFM monetary score', zh: 'RFM 额度分' },
  recencyDays: { en: 'days since last purchase', zh: '距上次购买天数' },
  clv365: { en: 'predicted 365-day value', zh: '预测365天价值' },
  churnProbability: { en: 'churn probability', zh: '流失概率' },
  pAlive: { en: 'probability still active', zh: '存活概率' },
  expPurchases30: { en: 'expected purchases (30 days)', zh: '预计购买次数（30天）' },
  expPurchases90: { en: 'expected purchases (90 days)', zh: '预计购买次数（90天）' },
  expPurchases365: { en: 'expected purchases (365 days)', zh: '预计购买次数（365天）' },
  firstSeenAt: { en: 'first seen', zh: '首次访问' },
  lastSeenAt: { en: 'last seen', zh: '最近访问' },
};
const METRICS: Record<string, Text> = {
  count: { en: 'orders', zh: '订单数' },
  revenue: { en: 'revenue', zh: '消费金额' },
  aov: { en: 'average order value', zh: '客单价' },
};

const fmt = (v: Scalar | null | undefined, isTime = false): string => {
  if (v === null || v === undefined || v === '') return '∅';
  if (typeof v === 'number')
    return isTime
      ? `${new Date(v).toISOString().slice(0, 16).replace('T', ' ')} UTC`
      : String(Math.round(v * 100) / 100);
  return typeof v === 'string' ? `"${v}"` : String(v);
};
const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => fmt(x as Scalar)).join(', ') : fmt(v as Scalar));

function expectation(op: CompareOp | string, value: unknown): Text {
  const v = value as Scalar & Scalar[];
  const pair = Array.isArray(value) ? value : [];
  const t: Record<string, Text> = {
    eq: { en: `= ${list(v)}`, zh: `= ${list(v)}` },
    neq: { en: `≠ ${list(v)}`, zh: `≠ ${list(v)}` },
    lt: { en: `< ${list(v)}`, zh: `< ${list(v)}` },
    lte: { en: `≤ ${list(v)}`, zh: `≤ ${list(v)}` },
    gt: { en: `> ${list(v)}`, zh: `> ${list(v)}` },
    gte: { en: `≥ ${list(v)}`, zh: `≥ ${list(v)}` },
    between: {
      en: `between ${list(pair[0])} and ${list(pair[1])}`,
      zh: `介于 ${list(pair[0])} 与 ${list(pair[1])} 之间`,
    },
    in: { en: `one of ${list(v)}`, zh: `属于 ${list(v)}` },
    not_in: { en: `none of ${list(v)}`, zh: `不属于 ${list(v)}` },
    contains: { en: `contains ${list(v)}`, zh: `包含 ${list(v)}` },
    not_contains: { en: `does not contain ${list(v)}`, zh: `不包含 ${list(v)}` },
    starts_with: { en: `starts with ${list(v)}`, zh: `以 ${list(v)} 开头` },
    ends_with: { en: `ends with ${list(v)}`, zh: `以 ${list(v)} 结尾` },
    is_empty: { en: 'empty', zh: '为空' },
    is_not_empty: { en: 'not empty', zh: '不为空' },
    is_true: { en: 'yes', zh: '是' },
    is_false: { en: 'no', zh: '否' },
    in_last_days: { en: `in the last ${value} days`, zh: `最近${value}天内` },
    more_than_days_ago: { en: `more than ${value} days ago`, zh: `${value}天以前` },
  };
  return t[op] ?? { en: op, zh: op };
}

function windowText(w: TimeWindow | undefined): Text {
  if (!w || w.type === 'all_time') return { en: 'over all time', zh: '全部时间内' };
  if (w.type === 'last_days') return { en: `in the last ${w.days} days`, zh: `最近${w.days}天内` };
  return { en: `between ${w.from} and ${w.to}`, zh: `${w.from} 至 ${w.to}` };
}

function frequencyText(c: BehaviourCondition): Text {
  const f = c.frequency ?? { op: 'at_least' as const, value: 1 };
  const r =
    f.op === 'between'
      ? { en: `${f.value[0]}–${f.value[1]} times`, zh: `${f.value[0]}–${f.value[1]}次` }
      : f.op === 'at_least'
        ? { en: `≥ ${f.value}`, zh: `≥ ${f.value}次` }
        : f.op === 'at_most'
          ? { en: `≤ ${f.value}`, zh: `≤ ${f.value}次` }
          : { en: `exactly ${f.value}`, zh: `恰好${f.value}次` };
  return c.op === 'did' ? r : { en: `not ${r.en}`, zh: `不满足 ${r.zh}` };
}

function behaviourSubject(c: BehaviourCondition, names: ExplainNames): Text {
  const f = c.filter ?? {};
  const parts: Text[] = [EVENTS[c.event]];
  if (f.categoryId !== undefined) {
    const n = names.category?.get(f.categoryId) ?? { en: `category ${f.categoryId}`, zh: `类目 ${f.categoryId}` };
    parts.push({ en: `in ${n.en}`, zh: `「${n.zh}」` });
  }
  if (f.brand !== undefined) parts.push({ en: `of brand ${f.brand}`, zh: `品牌 ${f.brand}` });
  if (f.productId !== undefined)
    parts.push({
      en: `of ${names.product?.get(f.productId) ?? `product ${f.productId}`}`,
      zh: `商品 ${names.product?.get(f.productId) ?? f.productId}`,
    });
  if (f.campaignId !== undefined)
    parts.push({
      en: `from campaign ${names.campaign?.get(f.campaignId) ?? f.campaignId}`,
      zh: `活动 ${names.campaign?.get(f.campaignId) ?? f.campaignId}`,
    });
  return { en: parts.map((p) => p.en).join(' '), zh: parts.map((p) => p.zh).join(' ') };
}

function conditionText(e: Extract<Explanation, { type: 'condition' }>, names: ExplainNames): Text {
  const c = e.condition;
  const o: Observed = e.observed;
  const say = (subject: Text, actual: Text, needs: Text): Text => ({
    en: `${subject.en}: ${actual.en} (needs ${needs.en})`,
    zh: `${subject.zh}：${actual.zh}（要求 ${needs.zh}）`,
  });
  switch (c.type) {
    case 'tag': {
      const actual =
        o.kind === 'tag' && o.hasTag
          ? { en: `present, score ${fmt(o.score)}`, zh: `有，分数 ${fmt(o.score)}` }
          : { en: 'absent', zh: '无' };
      const needs =
        c.op === 'has'
          ? { en: 'present', zh: '有' }
          : c.op === 'has_not'
            ? { en: 'absent', zh: '无' }
            : expectation(c.op === 'score_gte' ? 'gte' : 'lte', c.value);
      return say({ en: `tag ${c.key}`, zh: `标签 ${c.key}` }, actual, needs);
    }
    case 'attribute':
    case 'profile': {
      const field =
        c.type === 'attribute' && c.field === 'custom'
          ? { en: `attribute "${c.key}"`, zh: `属性「${c.key}」` }
          : FIELDS[c.field]!;
      const isTime = c.field === 'signupAt' || c.field === 'firstSeenAt' || c.field === 'lastSeenAt';
      const v = o.kind === 'value' ? fmt(o.value, isTime) : '∅';
      return say(field, { en: v, zh: v }, expectation(c.op, c.value));
    }
    case 'consent': {
      const granted = o.kind === 'consent' && o.granted;
      const ch = {
        email: { en: 'e-mail', zh: '邮件' },
        sms: { en: 'SMS', zh: '短信' },
        push: { en: 'push', zh: '推送' },
      }[c.channel];
      return say(
        { en: `${ch.en} consent`, zh: `${ch.zh}授权` },
        granted ? { en: 'granted', zh: '已授权' } : { en: 'not granted', zh: '未授权' },
        c.op === 'granted' ? { en: 'granted', zh: '已授权' } : { en: 'not granted', zh: '未授权' },
      );
    }
    case 'behaviour': {
      const count = o.kind === 'count' ? o.count : 0;
      const w = windowText(c.window);
      return say(
        behaviourSubject(c, names),
        { en: `${count} time${count === 1 ? '' : 's'} ${w.en}`, zh: `${w.zh}${count}次` },
        frequencyText(c),
      );
    }
    case 'orders': {
      const w = windowText(c.window);
      const v =
        o.kind === 'orders'
          ? o.value === null
            ? { en: 'no orders', zh: '无订单' }
            : { en: fmt(o.value), zh: fmt(o.value) }
          : { en: '∅', zh: '∅' };
      return say(
        { en: `${METRICS[c.metric]!.en} ${w.en}`, zh: `${w.zh}${METRICS[c.metric]!.zh}` },
        v,
        expectation(c.op, c.value),
      );
    }
  }
}

/**
 * Adds a sentence in English and Chinese to every node of an explanation, e.g.
 * "purchase in Sports: 3 times in the last 60 days (needs ≥ 2)" / "购买 「运动」：最近60天内3次（要求 ≥ 2次）".
 */
export function describeExplanation(e: Explanation, names: ExplainNames = {}): DescribedExplanation {
  if (e.type === 'condition') return { ...e, text: conditionText(e, names) };
  if (e.type === 'segment') {
    const name = names.segment?.get(e.segmentId) ?? `#${e.segmentId}`;
    const member = e.op === 'member';
    return {
      ...e,
      child: describeExplanation(e.child, names),
      text: {
        en: `${member ? 'member' : 'not a member'} of segment ${name}`,
        zh: `${member ? '属于' : '不属于'}分群 ${name}`,
      },
    };
  }
  const children = e.children.map((k) => describeExplanation(k, names));
  const met = children.filter((k) => k.satisfied).length;
  const head = e.op === 'and' ? { en: 'all of', zh: '全部满足' } : { en: 'any of', zh: '任一满足' };
  const neg = e.negate ? { en: 'NOT ', zh: '非：' } : { en: '', zh: '' };
  return {
    ...e,
    children,
    text: {
      en: `${neg.en}${head.en} (${met} of ${children.length} met)`,
      zh: `${neg.zh}${head.zh}（满足 ${met}/${children.length}）`,
    },
  };
}
