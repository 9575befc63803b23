import type { Bilingual } from '@/lib/i18n/bilingual';
import { labelFor } from '@/lib/i18n/message-ref';
import type { Translate, Vars } from '@/lib/i18n/translate';
import { translator } from '@/lib/i18n/translate';
import {
  CUSTOMER_FIELDS,
  PROFILE_FIELDS,
  type BehaviourCondition,
  type CompareOp,
  type Scalar,
  type SegmentCondition,
  type SegmentDefinition,
  type SegmentNode,
  type TimeWindow,
  type ValueType,
} from '@/lib/schemas/segment';

/** Display names for what a definition mentions by key or id. */
export type DefinitionNames = {
  tags: Map<string, { label: string; labelZh: string | null }>;
  categories: Map<number, { name: string; nameZh: string | null }>;
  products: Map<number, { title: string; titleZh: string | null }>;
  campaigns: Map<number, string>;
  segments: Map<number, string>;
};

export const emptyNames = (): DefinitionNames => ({
  tags: new Map(),
  categories: new Map(),
  products: new Map(),
  campaigns: new Map(),
  segments: new Map(),
});

/** A definition in words: one line per group and condition, in both languages. */
export type DescribedNode = { path: string; kind: 'group' | 'condition'; text: Bilingual; children?: DescribedNode[] };

export type DefinitionReferences = {
  tagKeys: string[];
  categoryIds: number[];
  productIds: number[];
  campaignIds: number[];
  segmentIds: number[];
};

/** Every tag key and id a definition mentions (for their names). */
export function definitionReferences(definition: SegmentNode): DefinitionReferences {
  const refs = {
    tagKeys: new Set<string>(),
    categoryIds: new Set<number>(),
    productIds: new Set<number>(),
    campaignIds: new Set<number>(),
    segmentIds: new Set<number>(),
  };
  const visit = (n: SegmentNode) => {
    if (n.type === 'group') return n.children.forEach(visit);
    if (n.type === 'tag') refs.tagKeys.add(n.key);
    if (n.type === 'segment') refs.segmentIds.add(n.segmentId);
    if (n.type === 'behaviour') {
      if (n.filter?.categoryId !== undefined) refs.categoryIds.add(n.filter.categoryId);
      if (n.filter?.productId !== undefined) refs.productIds.add(n.filter.productId);
      if (n.filter?.campaignId !== undefined) refs.campaignIds.add(n.filter.campaignId);
    }
  };
  visit(definition);
  return {
    tagKeys: [...refs.tagKeys],
    categoryIds: [...refs.categoryIds],
    productIds: [...refs.productIds],
    campaignIds: [...refs.campaignIds],
    segmentIds: [...refs.segmentIds],
  };
}

/** Probabilities are shown as percentages. */
export const PERCENT_FIELDS: ReadonlySet<string> = new Set(['churnProbability', 'pAlive']);

type Lang = 'en' | 'zh';
const T: Record<Lang, Translate> = { en: translator('en'), zh: translator('zh-CN') };

function both(fn: (t: Translate, lang: Lang) => string): Bilingual {
  const tidy = (s: string) => s.replace(/\s+/g, ' ').trim();
  return { en: tidy(fn(T.en, 'en')), zh: tidy(fn(T.zh, 'zh')) };
}

function scalarText(v: Scalar | undefined, field: string, t: Translate): string {
  if (v === undefined) return '';
  if (field === 'rfmGroup' && typeof v === 'string') return labelFor(t, 'portraits.rfm.labels', v);
  if (field === 'lifecycle' && typeof v === 'string') return labelFor(t, 'portraits.lifecycle.stages', v);
  if (typeof v === 'number') return PERCENT_FIELDS.has(field) ? `${Math.round(v * 10_000) / 100}%` : String(v);
  if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
  return `“${v}”`;
}

/** A stored value of an enum field (RFM group, lifecycle stage) in both languages, or null for another field. */
export function enumValueText(field: string, value: unknown): Bilingual | null {
  if (field !== 'rfmGroup' && field !== 'lifecycle') return null;
  if (value === null || value === undefined || value === '') return both((t) => t('segments.describe.noValue'));
  return both((t) => scalarText(value as Scalar, field, t));
}

const DATE_COMPARISONS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'between'] as const;
const isDateComparison = (op: CompareOp): op is (typeof DATE_COMPARISONS)[number] =>
  (DATE_COMPARISONS as readonly string[]).includes(op);

function comparisonText(t: Translate, field: string, type: ValueType, op: CompareOp, value: unknown): string {
  const one = (v: unknown) => scalarText(v as Scalar, field, t);
  const pair = Array.isArray(value) ? value : [];
  const vars: Vars = {
    value:
      op === 'in_last_days' || op === 'more_than_days_ago'
        ? String(value)
        : Array.isArray(value)
          ? value.map(one).join(t('segments.describe.listJoin'))
          : one(value),
    from: one(pair[0]),
    to: one(pair[1]),
  };
  if (type === 'date' && isDateComparison(op)) return t(`segments.describe.dateCmp.${op}`, vars);
  return t(`segments.describe.cmp.${op}`, vars);
}

function windowText(t: Translate, w: TimeWindow | undefined) {
  if (!w || w.type === 'all_time') return '';
  return w.type === 'last_days'
    ? t('segments.describe.window.last_days', { days: w.days })
    : t('segments.describe.window.between', { from: w.from, to: w.to });
}

function behaviourText(c: BehaviourCondition, names: DefinitionNames): Bilingual {
  return both((t, lang) => {
    const f = c.filter ?? {};
    const parts: string[] = [];
    if (f.categoryId !== undefined) {
      const n = names.categories.get(f.categoryId);
      parts.push(
        t('segments.describe.inCategory', {
          category: n ? (lang === 'zh' ? (n.nameZh ?? n.name) : n.name) : `#${f.categoryId}`,
        }),
      );
    }
    if (f.brand !== undefined) parts.push(t('segments.describe.ofBrand', { brand: f.brand }));
    if (f.productId !== undefined) {
      const p = names.products.get(f.productId);
      parts.push(
        t('segments.describe.ofProduct', {
          product: p ? (lang === 'zh' ? (p.titleZh ?? p.title) : p.title) : `#${f.productId}`,
        }),
      );
    }
    if (f.campaignId !== undefined)
      parts.push(
        t('segments.describe.fromCampaign', { campaign: names.campaigns.get(f.campaignId) ?? `#${f.campaignId}` }),
      );
    const verb = t(`segments.describe.${c.op === 'did' ? 'did' : 'didNot'}.${c.event}`);
    const filters = parts.join(lang === 'en' ? ' ' : '、');
    const subject =
      lang === 'en' ? `${verb} ${filters}` : `${filters}${/[A-Za-z0-9]$/.test(filters) ? ' ' : ''}${verb}`;
    const q = c.frequency ?? { op: 'at_least' as const, value: 1 };
    const frequency =
      q.op === 'at_least' && q.value === 1
        ? ''
        : q.op === 'between'
          ? t('segments.describe.freq.between', { from: q.value[0], to: q.value[1] })
          : t(`segments.describe.freq.${q.op}`, { value: q.value });
    return t('segments.describe.behaviour', { subject, frequency, window: windowText(t, c.window) });
  });
}

/** One condition in words, in both languages (e.g. "Has tag “Likes sports”" / "有标签「喜欢运动」"). */
export function describeCondition(c: SegmentCondition, names: DefinitionNames): Bilingual {
  switch (c.type) {
    case 'tag':
      return both((t, lang) => {
        const n = names.tags.get(c.key);
        const tag = n ? (lang === 'zh' ? (n.labelZh ?? n.label) : n.label) : c.key;
        const key = (
          { has: 'tagHas', has_not: 'tagHasNot', score_gte: 'tagScoreGte', score_lte: 'tagScoreLte' } as const
        )[c.op];
        return t(`segments.describe.${key}`, { tag, value: c.value ?? '' });
      });
    case 'attribute':
    case 'profile':
      return both((t) => {
        const type: ValueType =
          c.type === 'attribute'
            ? c.field === 'custom'
              ? (c.valueType ?? 'string')
              : CUSTOMER_FIELDS[c.field]
            : PROFILE_FIELDS[c.field];
        const field =
          c.type === 'attribute' && c.field === 'custom'
            ? t('segments.describe.customField', { key: c.key ?? '' })
            : t(`segments.fields.${c.field}`).replace(/\s*[（(].*[)）]$/, '');
        return t('segments.describe.field', { field, op: comparisonText(t, c.field, type, c.op, c.value) });
      });
    case 'behaviour':
      return behaviourText(c, names);
    case 'orders':
      return both((t) =>
        t('segments.describe.orders', {
          metric: t(`segments.describe.metrics.${c.metric}`),
          window: windowText(t, c.window),
          op: comparisonText(t, 'orders', 'number', c.op, c.value),
        }),
      );
    case 'consent':
      return both((t) =>
        t(c.op === 'granted' ? 'segments.describe.consentGranted' : 'segments.describe.consentNotGranted', {
          channel: t(`segments.describe.channels.${c.channel}`),
        }),
      );
    case 'segment':
      return both((t) =>
        t(c.op === 'member' ? 'segments.describe.member' : 'segments.describe.notMember', {
          segment: names.segments.get(c.segmentId) ?? `#${c.segmentId}`,
        }),
      );
  }
}

/** A group's heading: "All of these are true", "None of these is true", … (an empty root: "Every customer" / "Nobody"). */
export function describeGroup(
  g: { op: 'and' | 'or'; negate?: boolean; children: readonly unknown[] },
  isRoot: boolean,
): Bilingual {
  const key =
    g.children.length === 0 && isRoot
      ? g.op === 'and'
        ? 'everyone'
        : 'nobody'
      : g.negate
        ? g.op === 'and'
          ? 'notAll'
          : 'none'
        : g.op === 'and'
          ? 'all'
          : 'any';
  return both((t) => t(`segments.describe.${key}`));
}

/**
 * A definition in readable words, in English and Chinese, e.g. "Bought in Sports at least 2 times in the last 60 days"
 * / "最近 60 天内「运动」类目购买过至少 2 次". Groups read "All of these are true", "None of these is true", ….
 */
export function describeDefinition(
  definition: SegmentDefinition,
  names: DefinitionNames = emptyNames(),
): DescribedNode {
  const visit = (n: SegmentNode, path: string): DescribedNode => {
    if (n.type !== 'group') return { path, kind: 'condition', text: describeCondition(n, names) };
    return {
      path,
      kind: 'group',
      text: describeGroup(n, path === ''),
      children: n.children.map((c, k) => visit(c, `${path}${path ? '.' : ''}children[${k}]`)),
    };
  };
  return visit(definition, '');
}
