import type {
  BehaviourCondition,
  Channel,
  Frequency,
  SegmentCondition,
  SegmentEventType,
  SegmentGroup,
  SegmentNode,
  TimeWindow,
} from '@/lib/schemas/segment';

/** Short builders for expected trees in the golden and held-out sentence sets. */
export const and = (...children: SegmentNode[]): SegmentGroup => ({ type: 'group', op: 'and', children });
export const or = (...children: SegmentNode[]): SegmentGroup => ({ type: 'group', op: 'or', children });
export const tag = (key: string, op: 'has' | 'has_not' = 'has'): SegmentCondition => ({ type: 'tag', key, op });
export const profile = (field: 'rfmGroup' | 'lifecycle', value: string | string[], op?: 'neq' | 'not_in') =>
  ({
    type: 'profile',
    field,
    op: op ?? (Array.isArray(value) ? 'in' : 'eq'),
    value,
  }) as SegmentCondition;
export const rfm = (value: string | string[], op?: 'neq' | 'not_in') => profile('rfmGroup', value, op);
export const life = (value: string | string[], op?: 'neq' | 'not_in') => profile('lifecycle', value, op);
export const attr = (field: 'city' | 'region' | 'gender' | 'birthYear', value: unknown, op?: string) =>
  ({
    type: 'attribute',
    field,
    op: op ?? (Array.isArray(value) ? 'in' : 'eq'),
    value,
  }) as SegmentCondition;
export const city = (value: string | string[], op?: string) => attr('city', value, op);
export const female = attr('gender', 'female');
export const male = attr('gender', 'male');

type Opts = { cat?: number; brand?: string; days?: number; from?: string; to?: string; freq?: Frequency };
const window = (o: Opts): TimeWindow | undefined =>
  o.days
    ? { type: 'last_days', days: o.days }
    : o.from && o.to
      ? { type: 'between', from: o.from, to: o.to }
      : undefined;
function behaviour(op: 'did' | 'did_not', event: SegmentEventType, o: Opts): BehaviourCondition {
  const filter = o.cat !== undefined ? { categoryId: o.cat } : o.brand !== undefined ? { brand: o.brand } : undefined;
  const w = window(o);
  return {
    type: 'behaviour',
    op,
    event,
    ...(filter ? { filter } : {}),
    ...(o.freq ? { frequency: o.freq } : {}),
    ...(w ? { window: w } : {}),
  };
}
export const did = (event: SegmentEventType, o: Opts = {}) => behaviour('did', event, o);
export const didNot = (event: SegmentEventType, o: Opts = {}) => behaviour('did_not', event, o);
export const orders = (
  metric: 'count' | 'revenue' | 'aov',
  op: 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte',
  value: number,
  days?: number,
): SegmentCondition => ({
  type: 'orders',
  metric,
  op,
  value,
  ...(days ? { window: { type: 'last_days', days } } : {}),
});
export const consent = (channel: Channel, granted = true): SegmentCondition => ({
  type: 'consent',
  channel,
  op: granted ? 'granted' : 'not_granted',
});
export const signedUp = (days: number): SegmentCondition => ({
  type: 'attribute',
  field: 'signupAt',
  op: 'in_last_days',
  value: days,
});

export type GoldenCase = { lang: 'en' | 'zh'; text: string; expected: SegmentGroup };
