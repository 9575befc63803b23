import type {
  BehaviourFilter,
  Frequency,
  SegmentCondition,
  SegmentEventType,
  SegmentNode,
  TimeWindow,
} from '@/lib/schemas/segment';
import type { CountOp, EventKind } from './types';

const NEGATED_OP: Record<string, string> = {
  eq: 'neq',
  neq: 'eq',
  in: 'not_in',
  not_in: 'in',
  gt: 'lte',
  gte: 'lt',
  lt: 'gte',
  lte: 'gt',
  has: 'has_not',
  has_not: 'has',
  granted: 'not_granted',
  not_granted: 'granted',
  did: 'did_not',
  did_not: 'did',
  member: 'not_member',
  not_member: 'member',
};

/** The condition's opposite ("not in Shanghai" → city ≠ Shanghai); a range becomes a negated group. */
export function negate(c: SegmentCondition): SegmentNode {
  const op = NEGATED_OP[c.op];
  if (op) return { ...c, op } as SegmentCondition;
  return { type: 'group', op: 'and', negate: true, children: [c] };
}

/** How often, as the behaviour condition's frequency ("more than 2 times" = at least 3); none for "at least once". */
export function frequencyOf(op: CountOp, value: number): Frequency | undefined {
  const f: Frequency =
    op === 'gte'
      ? { op: 'at_least', value }
      : op === 'gt'
        ? { op: 'at_least', value: value + 1 }
        : op === 'lte'
          ? { op: 'at_most', value }
          : op === 'lt'
            ? { op: 'at_most', value: Math.max(0, value - 1) }
            : { op: 'exactly', value };
  return f.op === 'at_least' && f.value === 1 ? undefined : f;
}

const EVENTS: Record<Exclude<EventKind, 'interest' | 'signup'>, SegmentEventType> = {
  purchase: 'purchase',
  view: 'view',
  cart: 'cart',
  search: 'search',
  click: 'click',
  open: 'open',
};

export type Clause = {
  event: EventKind;
  negated: boolean;
  objects: { filter: BehaviourFilter; connector: 'and' | 'or' }[];
  window?: TimeWindow;
  frequency?: Frequency;
};

/** "Likes/follows <category or brand>" as the shop's interest tag (likes first), else as having bought it. */
function interestCondition(filter: BehaviourFilter, tagKeys: Set<string>, negated: boolean): SegmentNode {
  const ref =
    filter.categoryId !== undefined ? `category:${filter.categoryId}` : `brand:${filter.brand?.toLowerCase()}`;
  const key = [`interest:likes:${ref}`, `interest:follows:${ref}`].find((k) => tagKeys.has(k));
  if (key) return { type: 'tag', key, op: negated ? 'has_not' : 'has' };
  return { type: 'behaviour', op: negated ? 'did_not' : 'did', event: 'purchase', filter };
}

/** The conditions a verb clause stands for, each with the connector that joins it to what came before. */
export function clauseConditions(
  clause: Clause,
  tagKeys: Set<string>,
): { node: SegmentNode; connector: 'and' | 'or' | null }[] {
  const { event, negated, window, frequency } = clause;
  if (event === 'signup') {
    if (!window) return [];
    const c: SegmentCondition =
      window.type === 'last_days'
        ? { type: 'attribute', field: 'signupAt', op: 'in_last_days', value: window.days }
        : window.type === 'between'
          ? { type: 'attribute', field: 'signupAt', op: 'between', value: [window.from, window.to] }
          : { type: 'attribute', field: 'signupAt', op: 'is_not_empty' };
    return [{ node: negated ? negate(c) : c, connector: null }];
  }
  if (event === 'interest')
    return clause.objects.map((o, k) => ({
      node: interestCondition(o.filter, tagKeys, negated),
      connector: k === 0 ? null : o.connector,
    }));
  const base = (filter?: BehaviourFilter): SegmentCondition => ({
    type: 'behaviour',
    op: negated ? 'did_not' : 'did',
    event: EVENTS[event],
    ...(filter ? { filter } : {}),
    ...(frequency ? { frequency } : {}),
    ...(window && window.type !== 'all_time' ? { window } : {}),
  });
  if (clause.objects.length === 0) return [{ node: base(), connector: null }];
  return clause.objects.map((o, k) => ({ node: base(o.filter), connector: k === 0 ? null : o.connector }));
}
