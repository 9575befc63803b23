import type { Db } from './create-client';
import type { Prisma } from './generated/sqlite/client';
import { IS_PG } from './dialect';

export type CustomerListQuery = { q?: string; region?: string; page: number; pageSize: number; sort: 'newest' | 'name' | 'id' };

/** Case-insensitive substring match on either database (SQLite's LIKE already ignores ASCII case). */
export const containsText = (q: string) => (IS_PG ? { contains: q, mode: 'insensitive' as const } : { contains: q });

function customerWhere(query: Pick<CustomerListQuery, 'q' | 'region'>): Prisma.CustomerWhereInput {
  const q = query.q?.trim();
  return {
    ...(query.region ? { region: query.region } : {}),
    ...(q ? { OR: [{ externalId: containsText(q) }, { name: containsText(q) }, { email: containsText(q) }] } : {}),
  };
}

const ORDER_BY: Record<CustomerListQuery['sort'], Prisma.CustomerOrderByWithRelationInput[]> = {
  newest: [{ signupAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
  name: [{ name: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
  id: [{ externalId: 'asc' }],
};

export async function listCustomers(db: Db, query: CustomerListQuery) {
  const where = customerWhere(query);
  const [total, rows] = await Promise.all([
    db.customer.count({ where }),
    db.customer.findMany({
      where,
      orderBy: ORDER_BY[query.sort],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: { id: true, externalId: true, name: true, region: true, city: true, signupAt: true, consentEmail: true, consentSms: true, consentPush: true, erasedAt: true },
    }),
  ]);
  const stats = await db.order.groupBy({
    by: ['customerId'],
    where: { customerId: { in: rows.map((r) => r.id) }, status: 'completed' },
    _count: { _all: true },
    _sum: { total: true },
    _max: { placedAt: true },
  });
  const byId = new Map(stats.map((s) => [s.customerId, s]));
  return {
    total,
    rows: rows.map((r) => {
      const s = byId.get(r.id);
      return { ...r, orders: s?._count._all ?? 0, revenue: s?._sum.total ?? 0, lastOrderAt: s?._max.placedAt ?? null };
    }),
  };
}

export async function listRegions(db: Db) {
  const rows = await db.customer.groupBy({ by: ['region'], where: { region: { not: null } }, _count: { _all: true }, orderBy: { region: 'asc' } });
  return rows.map((r) => ({ region: r.region!, count: r._count._all }));
}

export async function getCustomerDetail(db: Db, id: number) {
  const customer = await db.customer.findUnique({ where: { id } });
  if (!customer) return null;
  const [orders, orderStats, events, eventSpan] = await Promise.all([
    db.order.findMany({ where: { customerId: id }, orderBy: { placedAt: 'desc' }, take: 10, select: { id: true, externalId: true, placedAt: true, status: true, total: true, itemCount: true } }),
    db.order.aggregate({ where: { customerId: id, status: 'completed' }, _count: { _all: true }, _sum: { total: true } }),
    db.event.findMany({
      where: { customerId: id },
      orderBy: { ts: 'desc' },
      take: 30,
      select: { id: true, type: true, ts: true, query: true, quantity: true, price: true, value: true, product: { select: { id: true, sku: true, title: true, titleZh: true } } },
    }),
    db.event.aggregate({ where: { customerId: id }, _min: { ts: true }, _max: { ts: true } }),
  ]);
  return {
    customer,
    orders,
    events,
    stats: { orders: orderStats._count._all, revenue: orderStats._sum.total ?? 0, firstSeen: eventSpan._min.ts, lastSeen: eventSpan._max.ts },
  };
}

export function countCustomers(db: Db) {
  return db.customer.count();
}

export async function customerExists(db: Db, id: number) {
  return (await db.customer.findUnique({ where: { id }, select: { id: true } })) !== null;
}

/** Customers whose external id or e-mail starts with `text`, or whose name contains it (the picker's few). */
export function searchCustomerRefs(db: Db, text: string, take: number) {
  return db.customer.findMany({
    where: { OR: [{ externalId: { startsWith: text } }, { name: containsText(text) }, { email: { startsWith: text.toLowerCase() } }] },
    select: { id: true, externalId: true, name: true },
    orderBy: { id: 'asc' },
    take,
  });
}

/** Customer ids by external id (for uploads), in one query per 500 ids. */
export async function customerIdsByExternalId(db: Db, externalIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < externalIds.length; i += 500) {
    const rows = await db.customer.findMany({ where: { externalId: { in: externalIds.slice(i, i + 500) } }, select: { id: true, externalId: true } });
    for (const r of rows) out.set(r.externalId, r.id);
  }
  return out;
}
