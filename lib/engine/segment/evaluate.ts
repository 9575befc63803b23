import {
  CUSTOMER_FIELDS,
  PROFILE_FIELDS,
  parseSegmentDefinition,
  type AttributeCondition,
  type BehaviourCondition,
  type ProfileCondition,
  type SegmentCondition,
  type SegmentDefinition,
  type SegmentNode,
} from '@/lib/schemas/segment';
import { inlineSegments, SegmentReferenceError, type ResolveSegment } from './inline';
import {
  customValue,
  emailDomainOf,
  fieldKind,
  frequencyRange,
  hasProductFilter,
  inBounds,
  metricOf,
  ordersPredicate,
  testPredicate,
  toPredicate,
  windowRange,
  type FieldValue,
} from './semantics';
import {
  categoryDescendants,
  COMPLETED,
  isProductIn,
  type SegmentCustomer,
  type SegmentData,
  type SegmentOrder,
} from './types';

/** `now`: epoch ms relative windows are measured from; `timeZone`: the shop's IANA zone, whose days dates name (UTC by default). */
export type EvaluateOptions = { now: number; timeZone?: string; resolveSegment?: ResolveSegment };

/** What a condition found for one customer: the value it compared, or the count/aggregate it computed. */
export type Observed =
  | { kind: 'tag'; hasTag: boolean; score: number | null }
  | { kind: 'value'; value: FieldValue }
  | { kind: 'count'; count: number; accepted: [number, number]; from: number | null; to: number | null }
  | { kind: 'orders'; value: number | null; count: number; revenue: number; from: number | null; to: number | null }
  | { kind: 'consent'; granted: boolean };

export type Explanation =
  | {
      type: 'group';
      path: string;
      id?: string;
      op: 'and' | 'or';
      negate: boolean;
      satisfied: boolean;
      children: Explanation[];
    }
  | {
      type: 'segment';
      path: string;
      id?: string;
      segmentId: number;
      op: 'member' | 'not_member';
      satisfied: boolean;
      child: Explanation;
    }
  | {
      type: 'condition';
      path: string;
      id?: string;
      condition: Exclude<SegmentCondition, { type: 'segment' }>;
      satisfied: boolean;
      observed: Observed;
    };

/**
 * The reference implementation of the definition language: obviously correct loops over plain records. It is the
 * oracle the property tests hold the SQL compiler and the columnar index to, and it explains membership.
 *
 * @example
 * evaluateSegment({ type: 'group', op: 'and', children: [{ type: 'consent', channel: 'email', op: 'granted' }] }, data, { now: Date.now() });
 * // [3, 7, 12] — ids of non-erased customers with e-mail consent, ascending
 */
export function evaluateSegment(definition: SegmentDefinition, data: SegmentData, options: EvaluateOptions): number[] {
  const ctx = new Context(definition, data, options);
  return data.customers
    .filter((c) => c.erasedAt === null && ctx.node(definition, c, '').satisfied)
    .map((c) => c.id)
    .sort((a, b) => a - b);
}

/** Why a customer is (not) in a segment: the tree of conditions with what each one found. Erased customers never are. */
export function explainSegment(
  definition: SegmentDefinition,
  data: SegmentData,
  customerId: number,
  options: EvaluateOptions,
): { member: boolean; erased: boolean; tree: Explanation } {
  const customer = data.customers.find((c) => c.id === customerId);
  if (!customer) throw new RangeError(`explainSegment: customer ${customerId} is not in the data`);
  const tree = new Context(definition, data, options).node(definition, customer, '');
  return { member: customer.erasedAt === null && tree.satisfied, erased: customer.erasedAt !== null, tree };
}

class Context {
  private readonly byCustomer = new Map<
    number,
    {
      events: SegmentData['events'];
      orders: SegmentOrder[];
      tags: Map<string, number>;
      profile?: SegmentData['profiles'][number];
    }
  >();
  private readonly linesByOrder = new Map<number, (number | null)[]>();
  private readonly products: Map<number, SegmentData['products'][number]>;
  private readonly descendants = new Map<number, Set<number>>();
  private readonly segments = new Map<number, SegmentDefinition>();

  constructor(
    definition: SegmentDefinition,
    private readonly data: SegmentData,
    private readonly options: EvaluateOptions,
  ) {
    inlineSegments(definition, options.resolveSegment); // refuses cycles and missing segments up front
    const slot = (id: number) => {
      let s = this.byCustomer.get(id);
      if (!s) {
        s = { events: [], orders: [], tags: new Map() };
        this.byCustomer.set(id, s);
      }
      return s;
    };
    for (const e of data.events) slot(e.customerId).events.push(e);
    for (const o of data.orders) slot(o.customerId).orders.push(o);
    for (const t of data.tags) slot(t.customerId).tags.set(t.key, t.score);
    for (const p of data.profiles) slot(p.customerId).profile = p;
    for (const l of data.orderLines)
      this.linesByOrder.set(l.orderId, [...(this.linesByOrder.get(l.orderId) ?? []), l.productId]);
    this.products = new Map(data.products.map((p) => [p.id, p]));
  }

  node(n: SegmentNode, c: SegmentCustomer, path: string): Explanation {
    const meta = n.id === undefined ? {} : { id: n.id };
    if (n.type === 'group') {
      const children = n.children.map((k, i) => this.node(k, c, `${path}children[${i}].`));
      const any = n.op === 'and' ? children.every((k) => k.satisfied) : children.some((k) => k.satisfied);
      return {
        type: 'group',
        path: path.slice(0, -1),
        ...meta,
        op: n.op,
        negate: n.negate === true,
        satisfied: any !== (n.negate === true),
        children,
      };
    }
    if (n.type === 'segment') {
      const child = this.node(this.segment(n.segmentId), c, `${path}segment.`);
      return {
        type: 'segment',
        path: path.slice(0, -1),
        ...meta,
        segmentId: n.segmentId,
        op: n.op,
        satisfied: child.satisfied !== (n.op === 'not_member'),
        child,
      };
    }
    const observed = this.observe(n, c);
    return {
      type: 'condition',
      path: path.slice(0, -1),
      ...meta,
      condition: n,
      satisfied: this.satisfied(n, observed),
      observed,
    };
  }

  private segment(id: number): SegmentDefinition {
    let d = this.segments.get(id);
    if (!d) {
      const parsed = parseSegmentDefinition(this.options.resolveSegment?.(id));
      if (!parsed.ok)
        throw new SegmentReferenceError(`evaluateSegment: segment ${id} is missing or invalid`, [id], 'invalid');
      d = parsed.definition;
      this.segments.set(id, d);
    }
    return d;
  }

  private observe(n: Exclude<SegmentCondition, { type: 'segment' }>, c: SegmentCustomer): Observed {
    const mine = this.byCustomer.get(c.id);
    switch (n.type) {
      case 'tag': {
        const score = mine?.tags.get(n.key);
        return { kind: 'tag', hasTag: score !== undefined, score: score ?? null };
      }
      case 'attribute':
        return { kind: 'value', value: attributeValue(n, c) };
      case 'profile':
        return { kind: 'value', value: (mine?.profile?.[n.field] as FieldValue | undefined) ?? null };
      case 'consent':
        return {
          kind: 'consent',
          granted: n.channel === 'email' ? c.consentEmail : n.channel === 'sms' ? c.consentSms : c.consentPush,
        };
      case 'behaviour': {
        const { from, to } = windowRange(n.window, this.options.now, this.options.timeZone);
        return {
          kind: 'count',
          count: this.behaviourCount(n, c.id, from, to),
          accepted: frequencyRange(n.frequency),
          from,
          to,
        };
      }
      case 'orders': {
        const { from, to } = windowRange(n.window, this.options.now, this.options.timeZone);
        const orders = (mine?.orders ?? []).filter((o) => o.status === COMPLETED && inWindow(o.placedAt, from, to));
        const revenue = orders.reduce((s, o) => s + o.total, 0);
        return {
          kind: 'orders',
          value: metricOf(n.metric, orders.length, revenue),
          count: orders.length,
          revenue,
          from,
          to,
        };
      }
    }
  }

  private satisfied(n: Exclude<SegmentCondition, { type: 'segment' }>, o: Observed): boolean {
    switch (n.type) {
      case 'tag': {
        if (o.kind !== 'tag') return false;
        if (n.op === 'has' || n.op === 'has_not') return o.hasTag === (n.op === 'has');
        return o.score !== null && (n.op === 'score_gte' ? o.score >= n.value! : o.score <= n.value!);
      }
      case 'attribute':
      case 'profile':
        return o.kind === 'value' && testPredicate(predicateOf(n, this.options.now, this.options.timeZone), o.value);
      case 'consent':
        return o.kind === 'consent' && o.granted === (n.op === 'granted');
      case 'behaviour':
        return o.kind === 'count' && (o.count >= o.accepted[0] && o.count <= o.accepted[1]) === (n.op === 'did');
      case 'orders':
        return o.kind === 'orders' && testPredicate(ordersPredicate(n), o.value);
    }
  }

  private behaviourCount(n: BehaviourCondition, customerId: number, from: number | null, to: number | null): number {
    const f = n.filter ?? {};
    const cats = f.categoryId === undefined ? null : this.categories(f.categoryId);
    const productOk = (productId: number | null) => {
      if (f.productId !== undefined && productId !== f.productId) return false;
      if (cats === null && f.brand === undefined) return true;
      const p = productId === null ? undefined : this.products.get(productId);
      if (cats !== null && !isProductIn(p, cats)) return false;
      return f.brand === undefined || p?.brand === f.brand;
    };
    const mine = this.byCustomer.get(customerId);
    if (n.event === 'purchase') {
      return (mine?.orders ?? []).filter(
        (o) =>
          o.status === COMPLETED &&
          inWindow(o.placedAt, from, to) &&
          (f.campaignId === undefined || o.campaignId === f.campaignId) &&
          (!hasProductFilter(f) || (this.linesByOrder.get(o.id) ?? []).some(productOk)),
      ).length;
    }
    return (mine?.events ?? []).filter((e) => {
      if (e.type !== n.event || !inWindow(e.ts, from, to)) return false;
      if (f.campaignId !== undefined && e.campaignId !== f.campaignId) return false;
      if (f.productId !== undefined && e.productId !== f.productId) return false;
      // an event counts in its own category (the product's at the time) and in every category its product is listed in
      if (cats !== null && !(e.categoryId !== null && cats.has(e.categoryId)) && !this.isListedIn(e.productId, cats))
        return false;
      return f.brand === undefined || (e.productId !== null && this.products.get(e.productId)?.brand === f.brand);
    }).length;
  }

  private isListedIn(productId: number | null, cats: ReadonlySet<number>) {
    const links = productId === null ? undefined : this.products.get(productId)?.categoryIds;
    return (links ?? []).some((c) => cats.has(c));
  }

  private categories(root: number) {
    let s = this.descendants.get(root);
    if (!s) {
      s = categoryDescendants(this.data.categories, root);
      this.descendants.set(root, s);
    }
    return s;
  }
}

const inWindow = (t: number, from: number | null, to: number | null) =>
  inBounds(
    t,
    from === null ? null : { value: from, inclusive: true },
    to === null ? null : { value: to, inclusive: true },
  );

/** The value an attribute condition compares, in canonical form. */
export function attributeValue(n: AttributeCondition, c: SegmentCustomer): FieldValue {
  if (n.field === 'custom') return customValue(c.attributes, n.key!, n.valueType!);
  if (n.field === 'emailDomain') return emailDomainOf(c.email);
  return c[n.field] ?? null;
}

export function predicateOf(n: AttributeCondition | ProfileCondition, now: number, timeZone = 'UTC') {
  const type =
    n.type === 'profile' ? PROFILE_FIELDS[n.field] : n.field === 'custom' ? n.valueType! : CUSTOMER_FIELDS[n.field];
  return toPredicate(
    n,
    fieldKind(type, n.type === 'attribute' && n.field === 'custom'),
    now,
    n.type === 'attribute' && n.field === 'emailDomain',
    timeZone,
  );
}
