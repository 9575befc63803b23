import type { Db } from '../create-client';
import type { Prisma } from '../generated/sqlite/client';
import { REAL_EVENTS } from '../real-events';

const PROFILE_SELECT = {
  firstSeenAt: true,
  lastSeenAt: true,
  orderCount: true,
  revenue: true,
  avgOrderValue: true,
  recencyDays: true,
  rfmR: true,
  rfmF: true,
  rfmM: true,
  rfmGroup: true,
  lifecycle: true,
  lifecycleReason: true,
  pAlive: true,
  expPurchases30: true,
  expPurchases90: true,
  expPurchases365: true,
  clv365: true,
  churnProbability: true,
  updatedAt: true,
} satisfies Prisma.CustomerProfileSelect;

/** Everything the portrait page shows about one customer except the timeline; null for an unknown id. */
export async function getPortraitData(db: Db, customerId: number) {
  const customer = await db.customer.findUnique({ where: { id: customerId } });
  if (!customer) return null;
  const [profile, orders, orderStats, eventSpan, orderSpan] = await Promise.all([
    db.customerProfile.findUnique({ where: { customerId }, select: PROFILE_SELECT }),
    db.order.findMany({
      where: { customerId },
      orderBy: { placedAt: 'desc' },
      take: 8,
      select: { id: true, externalId: true, placedAt: true, status: true, total: true, itemCount: true },
    }),
    db.order.aggregate({ where: { customerId, status: 'completed' }, _count: { _all: true }, _sum: { total: true } }),
    db.event.aggregate({ where: { customerId, ...REAL_EVENTS }, _min: { ts: true }, _max: { ts: true } }),
    db.order.aggregate({ where: { customerId }, _min: { placedAt: true }, _max: { placedAt: true } }),
  ]);
  const times = [eventSpan._min.ts, eventSpan._max.ts, orderSpan._min.placedAt, orderSpan._max.placedAt]
    .filter((d): d is Date => d !== null)
    .map((d) => d.getTime());
  return {
    customer,
    profile,
    orders,
    stats: {
      orders: orderStats._count._all,
      revenue: orderStats._sum.total ?? 0,
      firstSeen: times.length ? new Date(Math.min(...times)) : null,
      lastSeen: times.length ? new Date(Math.max(...times)) : null,
    },
  };
}

export type TimelineFilter = { types?: string[]; from?: number; to?: number; page: number; pageSize: number };

/** A page of a customer's behaviour, newest first, with product and campaign names. */
export async function listTimeline(db: Db, customerId: number, filter: TimelineFilter) {
  const where: Prisma.EventWhereInput = {
    customerId,
    // Simulated campaign responses are not something the customer did: never shown in a timeline.
    ...REAL_EVENTS,
    ...(filter.types?.length ? { type: { in: filter.types } } : {}),
    ...(filter.from !== undefined || filter.to !== undefined
      ? {
          ts: {
            ...(filter.from !== undefined ? { gte: new Date(filter.from) } : {}),
            ...(filter.to !== undefined ? { lt: new Date(filter.to) } : {}),
          },
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.event.count({ where }),
    db.event.findMany({
      where,
      orderBy: [{ ts: 'desc' }, { id: 'desc' }],
      skip: (filter.page - 1) * filter.pageSize,
      take: filter.pageSize,
      select: {
        id: true,
        type: true,
        ts: true,
        query: true,
        quantity: true,
        price: true,
        value: true,
        campaignId: true,
        variantId: true,
        orderRef: true,
        categoryId: true,
        product: { select: { id: true, sku: true, title: true, titleZh: true, brand: true } },
      },
    }),
  ]);
  const campaignIds = [...new Set(rows.map((r) => r.campaignId).filter((v): v is number => v !== null))];
  const variantIds = [...new Set(rows.map((r) => r.variantId).filter((v): v is number => v !== null))];
  const categoryIds = [...new Set(rows.filter((r) => !r.product && r.categoryId !== null).map((r) => r.categoryId!))];
  const [campaigns, variants, categories] = await Promise.all([
    campaignIds.length
      ? db.campaign.findMany({ where: { id: { in: campaignIds } }, select: { id: true, name: true } })
      : [],
    variantIds.length
      ? db.campaignVariant.findMany({ where: { id: { in: variantIds } }, select: { id: true, name: true, key: true } })
      : [],
    categoryIds.length
      ? db.category.findMany({ where: { id: { in: categoryIds } }, select: { id: true, name: true, nameZh: true } })
      : [],
  ]);
  const campaign = new Map(campaigns.map((c) => [c.id, c.name]));
  const variant = new Map(variants.map((v) => [v.id, v.name || v.key]));
  const category = new Map(categories.map((c) => [c.id, c]));
  return {
    total,
    rows: rows.map((r) => ({
      ...r,
      campaignName: r.campaignId !== null ? (campaign.get(r.campaignId) ?? null) : null,
      variantName: r.variantId !== null ? (variant.get(r.variantId) ?? null) : null,
      category: r.categoryId !== null && !r.product ? (category.get(r.categoryId) ?? null) : null,
    })),
  };
}

/** How many events of each type a customer has (for the timeline's type filter). */
export async function timelineTypeCounts(db: Db, customerId: number) {
  const rows = await db.event.groupBy({ by: ['type'], where: { customerId, ...REAL_EVENTS }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.type, r._count._all])) as Record<string, number>;
}

/** Names of categories (for interest tag explanations that point at a category id). */
export function categoryNames(db: Db, ids: number[]) {
  return ids.length
    ? db.category.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, nameZh: true, path: true } })
    : Promise.resolve([]);
}
