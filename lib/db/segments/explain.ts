import { explainSegment } from '@/lib/engine/segment/evaluate';
import { describeExplanation, type DescribedExplanation, type ExplainNames } from '@/lib/engine/segment/explain';
import { inlineSegments, referencedSegmentIds } from '@/lib/engine/segment/inline';
import type { SegmentData } from '@/lib/engine/segment/types';
import {
  parseSegmentDefinition,
  type BehaviourCondition,
  type SegmentDefinition,
  type SegmentNode,
} from '@/lib/schemas/segment';
import type { RawDb } from '../raw';
import { isMember, type SegmentQueryOptions } from './queries';
import { loadSegmentResolver } from './resolve';
import { shopTimeZone } from './shop-zone';
import {
  customerOf,
  customerSelect,
  eventOf,
  eventSelect,
  orderOf,
  orderSelect,
  productOf,
  productLinkSelect,
  productSelect,
  profileOf,
  profileSelect,
  withCategoryLinks,
} from './rows';
import { queryRows } from './runner';
import { SqlBuilder } from './sql';

export type MembershipExplanation = {
  customerId: number;
  /** membership by the compiled SQL (the same query as counts and exports) */
  member: boolean;
  /** the explanation tree agrees with `member`; false would be a bug worth reporting */
  consistent: boolean;
  erased: boolean;
  tree: DescribedExplanation;
};

function behaviours(n: SegmentNode): BehaviourCondition[] {
  return n.type === 'group' ? n.children.flatMap(behaviours) : n.type === 'behaviour' ? [n] : [];
}

/**
 * "Why is this customer in the segment?": every condition with what it found for this customer (e.g. "purchase in
 * Sports: 3 times in the last 60 days (needs ≥ 2)"), computed by the in-memory evaluator on this customer's rows —
 * the oracle the compiled SQL is property-tested against — plus membership by the SQL itself. Null for an unknown
 * customer.
 */
export async function explainMembership(
  db: RawDb,
  definition: SegmentDefinition,
  customerId: number,
  options: SegmentQueryOptions = {},
): Promise<MembershipExplanation | null> {
  const now = options.now ?? Date.now();
  const resolveSegment =
    options.resolveSegment ??
    (referencedSegmentIds(definition).length ? await loadSegmentResolver(db, definition) : undefined);
  const inlined = inlineSegments(definition, resolveSegment, options.selfId);
  const rows = async (build: (b: SqlBuilder) => string) => {
    const b = new SqlBuilder(db.kind);
    const { sql, params } = b.finish(build(b));
    return queryRows(db, sql, params);
  };
  const [customerRow] = await rows(
    (b) => `SELECT ${customerSelect(db.kind)} FROM "Customer" c WHERE c."id" = ${b.int(customerId)}`,
  );
  if (!customerRow) return null;

  const used = behaviours(inlined);
  const eventTypes = [...new Set(used.map((c) => c.event).filter((t) => t !== 'purchase'))];
  const data: SegmentData = {
    customers: [customerOf(customerRow)],
    profiles: (
      await rows(
        (b) => `SELECT ${profileSelect(db.kind)} FROM "CustomerProfile" p WHERE p."customerId" = ${b.int(customerId)}`,
      )
    ).map(profileOf),
    tags: (
      await rows(
        (b) =>
          `SELECT ct."customerId", t."key", ct."score" FROM "CustomerTag" ct JOIN "Tag" t ON t."id" = ct."tagId" WHERE ct."customerId" = ${b.int(customerId)}`,
      )
    ).map((r) => ({ customerId: Number(r[0]), key: String(r[1]), score: Number(r[2]) })),
    events:
      eventTypes.length === 0
        ? []
        : (
            await rows(
              (b) =>
                `SELECT ${eventSelect(db.kind)} FROM "Event" e WHERE e."customerId" = ${b.int(customerId)} AND e."source" <> 'simulation' AND e."type" IN (${eventTypes.map(b.text).join(', ')})`,
            )
          ).map(eventOf),
    orders: (
      await rows((b) => `SELECT ${orderSelect(db.kind)} FROM "Order" o WHERE o."customerId" = ${b.int(customerId)}`)
    ).map(orderOf),
    orderLines: (
      await rows(
        (b) =>
          `SELECT l."orderId", l."productId" FROM "OrderLine" l JOIN "Order" o ON o."id" = l."orderId" WHERE o."customerId" = ${b.int(customerId)}`,
      )
    ).map((r) => ({ orderId: Number(r[0]), productId: r[1] === null ? null : Number(r[1]) })),
    products: [],
    categories: (await rows(() => `SELECT k."id", k."parentId" FROM "Category" k`)).map((r) => ({
      id: Number(r[0]),
      parentId: r[1] === null ? null : Number(r[1]),
    })),
  };
  const productIds = [
    ...new Set(
      [...data.events.map((e) => e.productId), ...data.orderLines.map((l) => l.productId)].filter(
        (p): p is number => p !== null,
      ),
    ),
  ];
  if (productIds.length)
    data.products = withCategoryLinks(
      (
        await rows(
          (b) => `SELECT ${productSelect} FROM "Product" pr WHERE pr."id" IN (${productIds.map(b.int).join(', ')})`,
        )
      ).map(productOf),
      await rows(
        (b) =>
          `SELECT ${productLinkSelect} FROM "ProductCategory" pc WHERE pc."productId" IN (${productIds.map(b.int).join(', ')})`,
      ),
    );

  const timeZone = options.timeZone ?? (await shopTimeZone(db));
  const explained = explainSegment(definition, data, customerId, { now, timeZone, resolveSegment });
  const member = await isMember(db, definition, customerId, { ...options, now, timeZone, resolveSegment });
  return {
    customerId,
    member,
    consistent: member === explained.member,
    erased: explained.erased,
    tree: describeExplanation(explained.tree, await loadNames(db, used, referencedIdsDeep(definition, resolveSegment))),
  };
}

/** Ids of every segment reachable through references (for their names). */
function referencedIdsDeep(definition: SegmentDefinition, resolve: ((id: number) => unknown) | undefined) {
  const seen = new Set<number>();
  const visit = (n: SegmentDefinition) => {
    for (const id of referencedSegmentIds(n)) {
      if (seen.has(id)) continue;
      seen.add(id);
      const parsed = parseSegmentDefinition(resolve?.(id));
      if (parsed.ok) visit(parsed.definition);
    }
  };
  visit(definition);
  return [...seen];
}

async function loadNames(db: RawDb, used: BehaviourCondition[], segmentIds: number[]): Promise<ExplainNames> {
  const ids = (pick: (c: BehaviourCondition) => number | undefined) => [
    ...new Set(used.map(pick).filter((x): x is number => x !== undefined)),
  ];
  const names: ExplainNames = { category: new Map(), product: new Map(), campaign: new Map(), segment: new Map() };
  const lookup = async (
    list: number[],
    sql: (b: SqlBuilder, inList: string) => string,
    put: (r: unknown[]) => void,
  ) => {
    if (!list.length) return;
    const b = new SqlBuilder(db.kind);
    const q = b.finish(sql(b, list.map(b.int).join(', ')));
    for (const r of await queryRows(db, q.sql, q.params)) put(r);
  };
  await lookup(
    ids((c) => c.filter?.categoryId),
    (_, l) => `SELECT "id", "name", "nameZh" FROM "Category" WHERE "id" IN (${l})`,
    (r) => names.category!.set(Number(r[0]), { en: String(r[1]), zh: String(r[2] ?? r[1]) }),
  );
  await lookup(
    ids((c) => c.filter?.productId),
    (_, l) => `SELECT "id", "title" FROM "Product" WHERE "id" IN (${l})`,
    (r) => names.product!.set(Number(r[0]), String(r[1])),
  );
  await lookup(
    ids((c) => c.filter?.campaignId),
    (_, l) => `SELECT "id", "name" FROM "Campaign" WHERE "id" IN (${l})`,
    (r) => names.campaign!.set(Number(r[0]), String(r[1])),
  );
  await lookup(
    segmentIds,
    (_, l) => `SELECT "id", "name" FROM "Segment" WHERE "id" IN (${l})`,
    (r) => names.segment!.set(Number(r[0]), String(r[1])),
  );
  return names;
}
