import { inlineSegments, type ResolveSegment } from '@/lib/engine/segment/inline';
import {
  fieldKind,
  frequencyRange,
  hasProductFilter,
  metricOf,
  ordersPredicate,
  testPredicate,
  toPredicate,
  windowRange,
  DAY_TEXT,
  FALSE_TEXTS,
  TRUE_TEXTS,
  type FieldKind,
  type Predicate,
} from '@/lib/engine/segment/semantics';
import {
  CUSTOMER_FIELDS,
  PROFILE_FIELDS,
  type AttributeCondition,
  type BehaviourCondition,
  type OrdersCondition,
  type ProfileCondition,
  type SegmentDefinition,
  type SegmentNode,
  type TagCondition,
} from '@/lib/schemas/segment';
import { escapeLike, q, SqlBuilder, type PgType, type SqlDialect } from './sql';

/**
 * Compiles a segment definition to ONE query over "Customer" c: `SELECT c."id" FROM "Customer" c WHERE …`.
 * Counts, member pages, exports and campaign audiences all wrap the same FROM/WHERE (see queries.ts).
 *
 * Two shapes of the same predicate:
 * - `set` (default, for whole populations): each event/order/tag condition is `c.id [NOT] IN (SELECT customerId …
 *   GROUP BY customerId HAVING …)`, computed once per query from the (type, ts) / (tagId, score) indexes;
 * - `correlated` (for one customer: isMember): EXISTS / counted subqueries probing (customerId, ts) and
 *   (customerId, placedAt) for that customer only.
 * Every fragment is two-valued (never NULL), so NOT and negated groups are exact complements; erased customers
 * are never members.
 */
export type CompileOptions = {
  dialect: SqlDialect;
  /** epoch ms that relative windows ("last 30 days") are measured from */
  now: number;
  /** the shop's IANA time zone: dates in conditions name its calendar days (UTC by default) */
  timeZone?: string;
  resolveSegment?: ResolveSegment;
  /** id of the segment being compiled, so a reference back to it is refused as a cycle */
  selfId?: number;
  strategy?: 'set' | 'correlated';
};

export type SegmentQueryParts = { from: string; where: string; b: SqlBuilder };

/** The member ids query. */
export function compileSegment(
  definition: SegmentDefinition,
  options: CompileOptions,
): { sql: string; params: unknown[] } {
  return buildSegmentQuery(definition, options, ({ from, where }) => `SELECT c."id" FROM ${from} WHERE ${where}`);
}

/**
 * The compiled FROM and WHERE wrapped by `shape` (which may bind further parameters with `b`). `withProfile` joins
 * CustomerProfile as p even when no condition needs it (for display columns).
 */
export function buildSegmentQuery(
  definition: SegmentDefinition,
  options: CompileOptions,
  shape: (parts: SegmentQueryParts) => string,
  withProfile = false,
) {
  if (!Number.isSafeInteger(options.now))
    throw new RangeError(`compileSegment: now must be epoch milliseconds, got ${options.now}`);
  const b = new SqlBuilder(options.dialect);
  const compiler = new Compiler(b, options.now, options.strategy ?? 'set', options.timeZone ?? 'UTC');
  const predicate = compiler.node(inlineSegments(definition, options.resolveSegment, options.selfId));
  const from = `"Customer" c${compiler.usesProfile || withProfile ? ' LEFT JOIN "CustomerProfile" p ON p."customerId" = c."id"' : ''}`;
  return b.finish(shape({ from, where: `c."erasedAt" IS NULL AND ${predicate}`, b }));
}

const TRUE = '(1=1)';
const FALSE = '(1=0)';
const not = (s: string) => `NOT ${s}`;

class Compiler {
  usesProfile = false;
  constructor(
    private readonly b: SqlBuilder,
    private readonly now: number,
    private readonly strategy: 'set' | 'correlated',
    private readonly timeZone: string,
  ) {}

  node(n: SegmentNode): string {
    switch (n.type) {
      case 'group': {
        const parts =
          n.op === 'and' && this.strategy === 'set' ? this.andParts(n.children) : n.children.map((k) => this.node(k));
        const body =
          parts.length === 0 ? (n.op === 'and' ? TRUE : FALSE) : `(${parts.join(n.op === 'and' ? ' AND ' : ' OR ')})`;
        return n.negate ? `(${not(body)})` : body;
      }
      case 'segment':
        throw new RangeError('compileSegment: segment references must be inlined first');
      case 'consent': {
        const column = n.channel === 'email' ? 'consentEmail' : n.channel === 'sms' ? 'consentSms' : 'consentPush';
        const granted = `(${this.b.isTrue(`c.${q(column)}`)})`;
        return n.op === 'granted' ? granted : `(${not(granted)})`;
      }
      case 'tag':
        return this.tag(n);
      case 'attribute':
        return this.attribute(n);
      case 'profile':
        return this.profile(n);
      case 'behaviour':
        return this.behaviour(n);
      case 'orders':
        return this.orders(n);
    }
  }

  private tag(n: TagCondition) {
    const score =
      n.op === 'score_gte'
        ? ` AND ct."score" >= ${this.b.num(n.value!)}`
        : n.op === 'score_lte'
          ? ` AND ct."score" <= ${this.b.num(n.value!)}`
          : '';
    const from = `FROM "CustomerTag" ct JOIN "Tag" t ON t."id" = ct."tagId" WHERE t."key" = ${this.b.text(n.key)}${score}`;
    const has =
      this.strategy === 'set'
        ? `c."id" IN (SELECT ct."customerId" ${from})`
        : `EXISTS (SELECT 1 ${from} AND ct."customerId" = c."id")`;
    return n.op === 'has_not' ? `(${not(has)})` : `(${has})`;
  }

  private attribute(n: AttributeCondition) {
    if (n.field === 'custom') {
      const kind = fieldKind(n.valueType!, true);
      return this.predicate(
        toPredicate(n, kind, this.now, false, this.timeZone),
        this.custom(n.key!, n.valueType!),
        kind,
        this.b.isPg && kind === 'number' ? 'numeric' : 'float8',
      );
    }
    const kind = fieldKind(CUSTOMER_FIELDS[n.field], false);
    const expr = n.field === 'emailDomain' ? this.emailDomain() : `c.${q(n.field)}`;
    return this.predicate(toPredicate(n, kind, this.now, n.field === 'emailDomain', this.timeZone), expr, kind);
  }

  private profile(n: ProfileCondition) {
    this.usesProfile = true;
    const kind = fieldKind(PROFILE_FIELDS[n.field], false);
    return this.predicate(toPredicate(n, kind, this.now, false, this.timeZone), `p.${q(n.field)}`, kind);
  }

  private emailDomain() {
    const [pos, sub] = this.b.isPg ? ['strpos', 'substr'] : ['instr', 'substr'];
    return `(CASE WHEN ${pos}(c."email", '@') > 0 THEN ${this.b.fold(`${sub}(c."email", ${pos}(c."email", '@') + 1)`)} END)`;
  }

  /** A custom attribute read as a type (see customValue in the engine for the rules). */
  private custom(key: string, type: string) {
    const b = this.b;
    if (b.isPg) {
      const node = () => `c."attributes" -> ${b.text(key)}`;
      const str = () => `(c."attributes" ->> ${b.text(key)})`;
      const t = () => `jsonb_typeof(${node()})`;
      if (type === 'string') return `(CASE WHEN ${t()} = 'string' THEN ${str()} END)`;
      if (type === 'number')
        return `(CASE ${t()} WHEN 'number' THEN ${str()}::numeric WHEN 'string' THEN (CASE WHEN ${str()} ~ '^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$' THEN ${str()}::numeric END) END)`;
      if (type === 'boolean')
        return `(CASE ${t()} WHEN 'boolean' THEN (CASE WHEN ${node()} = 'true'::jsonb THEN 1 ELSE 0 END) WHEN 'string' THEN (CASE WHEN ${b.fold(str())} IN (${TRUE_TEXTS.map((s) => `'${s}'`).join(', ')}) THEN 1 WHEN ${b.fold(str())} IN (${FALSE_TEXTS.map((s) => `'${s}'`).join(', ')}) THEN 0 END) END)`;
      return `(CASE WHEN ${t()} = 'string' AND ${str()} ~ '${DAY_TEXT.source}' THEN substr(${str()}, 1, 10) END)`;
    }
    const path = () => b.text(`$."${key}"`);
    const val = () => `json_extract(c."attributes", ${path()})`;
    const t = () => `json_type(c."attributes", ${path()})`;
    if (type === 'string') return `(CASE WHEN ${t()} = 'text' THEN ${val()} END)`;
    if (type === 'number')
      return `(CASE ${t()} WHEN 'integer' THEN ${val()} WHEN 'real' THEN ${val()} WHEN 'text' THEN (CASE WHEN json_valid(${val()}) AND ${val()} NOT GLOB '*[^0-9.-]*' THEN CAST(${val()} AS REAL) END) END)`;
    if (type === 'boolean')
      return `(CASE ${t()} WHEN 'true' THEN 1 WHEN 'false' THEN 0 WHEN 'text' THEN (CASE WHEN lower(${val()}) IN (${TRUE_TEXTS.map((s) => `'${s}'`).join(', ')}) THEN 1 WHEN lower(${val()}) IN (${FALSE_TEXTS.map((s) => `'${s}'`).join(', ')}) THEN 0 END) END)`;
    return `(CASE WHEN ${t()} = 'text' AND substr(${val()}, 1, 10) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN substr(${val()}, 1, 10) END)`;
  }

  /** A predicate on an expression; two-valued whatever the expression's nullness. */
  predicate(p: Predicate, expr: string, kind: FieldKind, numberType: PgType = 'float8'): string {
    const b = this.b;
    const value = (v: number | string) =>
      kind === 'time' ? b.time(v as number) : kind === 'number' ? b.param(v, numberType) : b.text(String(v));
    const ordered = kind === 'day' && b.isPg ? `${expr} COLLATE "C"` : expr;
    let sql: string;
    switch (p.kind) {
      case 'empty':
        sql = kind === 'string' ? `(${expr} IS NULL OR ${expr} = '')` : `(${expr} IS NULL)`;
        return p.negate ? `(${not(sql)})` : sql;
      case 'bool':
        return `(${expr} IS NOT NULL AND ${expr} = ${p.value ? 1 : 0})`;
      case 'set':
        sql = `(${expr} IS NOT NULL AND ${expr} IN (${p.values.map(value).join(', ')}))`;
        break;
      case 'range': {
        const parts = [`${expr} IS NOT NULL`];
        if (p.lo) parts.push(`${ordered} ${p.lo.inclusive ? '>=' : '>'} ${value(p.lo.value)}`);
        if (p.hi) parts.push(`${ordered} ${p.hi.inclusive ? '<=' : '<'} ${value(p.hi.value)}`);
        sql = `(${parts.join(' AND ')})`;
        break;
      }
      case 'text': {
        const e = escapeLike(p.needle);
        const pattern = p.mode === 'contains' ? `%${e}%` : p.mode === 'starts_with' ? `${e}%` : `%${e}`;
        // SQLite's LIKE ignores ASCII case by itself; PostgreSQL's does not, so fold the text first.
        sql = `(${expr} IS NOT NULL AND ${b.isPg ? b.fold(expr) : expr} LIKE ${b.text(pattern)} ESCAPE '\\')`;
        break;
      }
    }
    return p.negate ? `(${not(sql)})` : sql;
  }

  private categoryTree(id: number) {
    return `(WITH RECURSIVE sub(id) AS (SELECT CAST(${this.b.int(id)} AS INTEGER) UNION SELECT k."id" FROM "Category" k JOIN sub ON k."parentId" = sub.id) SELECT id FROM sub)`;
  }

  /** The product (a column naming its id) is listed (ProductCategory) in the category or one of its descendants. */
  private listedIn(product: string, id: number) {
    return `EXISTS (SELECT 1 FROM "ProductCategory" pc WHERE pc."productId" = ${product} AND pc."categoryId" IN ${this.categoryTree(id)})`;
  }

  /** FROM … WHERE … of the rows a behaviour or orders condition counts, and the column naming their customer. */
  private source(n: BehaviourCondition | OrdersCondition, correlated: boolean) {
    const b = this.b;
    const { from, to } = windowRange(n.window, this.now, this.timeZone);
    const f = n.type === 'behaviour' ? (n.filter ?? {}) : {};
    if (n.type === 'orders' || n.event === 'purchase') {
      const w = [`o."status" = 'completed'`];
      if (correlated) w.push(`o."customerId" = c."id"`);
      if (from !== null) w.push(`o."placedAt" >= ${b.time(from)}`);
      if (to !== null) w.push(`o."placedAt" <= ${b.time(to)}`);
      if (f.campaignId !== undefined) w.push(`o."campaignId" = ${b.int(f.campaignId)}`);
      if (hasProductFilter(f)) {
        const l = [`l."orderId" = o."id"`];
        if (f.productId !== undefined) l.push(`l."productId" = ${b.int(f.productId)}`);
        if (f.categoryId !== undefined)
          l.push(
            `(pr."categoryId" IN ${this.categoryTree(f.categoryId)} OR ${this.listedIn('l."productId"', f.categoryId)})`,
          );
        if (f.brand !== undefined) l.push(`pr."brand" = ${b.text(f.brand)}`);
        const join =
          f.categoryId !== undefined || f.brand !== undefined ? ' JOIN "Product" pr ON pr."id" = l."productId"' : '';
        w.push(`EXISTS (SELECT 1 FROM "OrderLine" l${join} WHERE ${l.join(' AND ')})`);
      }
      return { sql: `FROM "Order" o WHERE ${w.join(' AND ')}`, customer: 'o."customerId"' };
    }
    // simulated campaign events never count as behaviour (README: simulation)
    const w = [`e."type" = ${b.text(n.event)}`, `e."source" <> 'simulation'`];
    if (correlated) w.push(`e."customerId" = c."id"`);
    if (from !== null) w.push(`e."ts" >= ${b.time(from)}`);
    if (to !== null) w.push(`e."ts" <= ${b.time(to)}`);
    if (f.productId !== undefined) w.push(`e."productId" = ${b.int(f.productId)}`);
    if (f.campaignId !== undefined) w.push(`e."campaignId" = ${b.int(f.campaignId)}`);
    if (f.categoryId !== undefined)
      w.push(
        `(e."categoryId" IN ${this.categoryTree(f.categoryId)} OR ${this.listedIn('e."productId"', f.categoryId)})`,
      );
    if (f.brand !== undefined) w.push(`pr."brand" = ${b.text(f.brand)}`);
    const join = f.brand !== undefined ? ' JOIN "Product" pr ON pr."id" = e."productId"' : '';
    return { sql: `FROM "Event" e${join} WHERE ${w.join(' AND ')}`, customer: 'e."customerId"' };
  }

  private behaviour(n: BehaviourCondition) {
    const did = this.counted(n, ...frequencyRange(n.frequency));
    return n.op === 'did' ? did : `(${not(did)})`;
  }

  /** "The rows of this condition number between lo and hi" (hi may be Infinity), in the shape of the strategy. */
  private counted(n: BehaviourCondition | OrdersCondition, lo: number, hi: number) {
    const b = this.b;
    if (lo === 0 && hi === Infinity) return TRUE;
    if (lo > hi) return FALSE;
    // "At most hi" on PostgreSQL takes the correlated shape below: PostgreSQL cannot plan `NOT IN (subquery)` as an
    // anti-join, and when the subquery's rows do not fit in work_mem it compares each customer with the whole list
    // (55 s for one count at 1M customers / 4M orders, bench/events-pg.ts). NOT EXISTS becomes an anti-join at the top
    // of a WHERE and an index probe inside OR/NOT; SQLite hashes NOT IN itself, so it keeps the set shape.
    if (this.strategy === 'set' && !(lo === 0 && this.b.isPg)) {
      const { sql, customer } = this.source(n, false);
      if (lo === 0 && hi === 0) return `(c."id" NOT IN (SELECT ${customer} ${sql}))`;
      if (lo === 0)
        return `(c."id" NOT IN (SELECT ${customer} ${sql} GROUP BY ${customer} HAVING COUNT(*) > ${b.int(hi)}))`;
      if (lo === 1 && hi === Infinity) return `(c."id" IN (SELECT ${customer} ${sql}))`;
      return `(c."id" IN (SELECT ${customer} ${sql} GROUP BY ${customer} HAVING COUNT(*) >= ${b.int(lo)}${hi === Infinity ? '' : ` AND COUNT(*) <= ${b.int(hi)}`}))`;
    }
    const { sql } = this.source(n, true);
    if (lo === 1 && hi === Infinity) return `(EXISTS (SELECT 1 ${sql}))`;
    if (lo === 0 && hi === 0) return `(NOT EXISTS (SELECT 1 ${sql}))`;
    // Count at most what the comparison needs: LIMIT stops the probe early for heavy customers.
    const counted = `(SELECT COUNT(*) FROM (SELECT 1 AS one ${sql} LIMIT ${b.int(hi === Infinity ? lo : hi + 1)}) x)`;
    return hi === Infinity ? `(${counted} >= ${b.int(lo)})` : `(${counted} BETWEEN ${b.int(lo)} AND ${b.int(hi)})`;
  }

  /**
   * Children of an AND group. Order-aggregate conditions over the same window that fail for customers without
   * orders are merged into one grouped pass (HAVING p1 AND p2): both sets lie within the customers with orders in that
   * window, so their intersection is the customers whose one aggregate row passes both.
   */
  private andParts(children: SegmentNode[]): string[] {
    const merged = new Map<string, OrdersCondition[]>();
    const parts: (string | OrdersCondition[])[] = [];
    for (const k of children) {
      if (k.type === 'orders' && !this.zeroHolds(k)) {
        const key = JSON.stringify(windowRange(k.window, this.now, this.timeZone));
        const list = merged.get(key);
        if (list) {
          list.push(k);
          continue;
        }
        const fresh = [k];
        merged.set(key, fresh);
        parts.push(fresh);
        continue;
      }
      parts.push(this.node(k));
    }
    return parts.map((part) => {
      if (typeof part === 'string') return part;
      if (part.length === 1) return this.node(part[0]!);
      const { sql, customer } = this.source(part[0]!, false);
      return `(c."id" IN (SELECT ${customer} ${sql} GROUP BY ${customer} HAVING ${part.map((k) => this.ordersTest(k)).join(' AND ')}))`;
    });
  }

  /** Whether an order-aggregate condition holds for a customer without orders in its window. */
  private zeroHolds(n: OrdersCondition) {
    return testPredicate(ordersPredicate(n), metricOf(n.metric, 0, 0));
  }

  private ordersTest(n: OrdersCondition) {
    const agg =
      n.metric === 'count'
        ? 'COUNT(*)'
        : n.metric === 'revenue'
          ? 'SUM(o."total")'
          : `(SUM(o."total")${this.b.isPg ? '' : ' * 1.0'} / COUNT(*))`;
    return this.predicate(ordersPredicate(n), agg, 'number');
  }

  private orders(n: OrdersCondition) {
    // An order count is a whole number: its comparison is a range of counts, compiled like a behaviour frequency
    // (no GROUP BY for "at least one" or "none").
    const counts = n.metric === 'count' ? countRange(n) : null;
    if (counts)
      return counts.negate ? `(${not(this.counted(n, counts.lo, counts.hi))})` : this.counted(n, counts.lo, counts.hi);
    // A customer without orders in the window: count and revenue are 0, the average is empty.
    const zero = this.zeroHolds(n);
    const test = this.ordersTest(n);
    if (this.strategy === 'set') {
      const { sql, customer } = this.source(n, false);
      return zero
        ? `(c."id" NOT IN (SELECT ${customer} ${sql} GROUP BY ${customer} HAVING ${not(test)}))`
        : `(c."id" IN (SELECT ${customer} ${sql} GROUP BY ${customer} HAVING ${test}))`;
    }
    const { sql } = this.source(n, true);
    return `(COALESCE((SELECT CASE WHEN ${test} THEN 1 ELSE 0 END ${sql} HAVING COUNT(*) > 0), ${zero ? 1 : 0}) = 1)`;
  }
}

/** The whole-number counts [lo, hi] an order-count comparison accepts (neq as the negated eq). */
function countRange(n: OrdersCondition): { lo: number; hi: number; negate: boolean } {
  const r = rawCountRange(n);
  // No customer has 2^40 orders: larger bounds are "no upper bound" / "impossible", and stay valid int8 parameters.
  const BIG = 2 ** 40;
  return r.lo >= BIG ? { lo: 1, hi: 0, negate: r.negate } : { ...r, hi: r.hi >= BIG ? Infinity : r.hi };
}

function rawCountRange(n: OrdersCondition): { lo: number; hi: number; negate: boolean } {
  const v = n.value;
  const at = (x: number) => Math.max(0, x);
  switch (n.op) {
    case 'eq':
    case 'neq': {
      const x = v as number;
      return Number.isInteger(x) && x >= 0
        ? { lo: x, hi: x, negate: n.op === 'neq' }
        : { lo: 1, hi: 0, negate: n.op === 'neq' };
    }
    case 'lt':
      return { lo: 0, hi: Math.ceil(v as number) - 1, negate: false };
    case 'lte':
      return { lo: 0, hi: Math.floor(v as number), negate: false };
    case 'gt':
      return { lo: at(Math.floor(v as number) + 1), hi: Infinity, negate: false };
    case 'gte':
      return { lo: at(Math.ceil(v as number)), hi: Infinity, negate: false };
    case 'between':
      return { lo: at(Math.ceil((v as number[])[0]!)), hi: Math.floor((v as number[])[1]!), negate: false };
  }
}
