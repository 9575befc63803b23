import type { Db } from './create-client';
import { IS_PG } from './dialect';
import { REAL_EVENTS } from './real-events';

/** Case-insensitive substring match on either database (SQLite's LIKE already ignores ASCII case). */
export const containsText = (q: string) => (IS_PG ? { contains: q, mode: 'insensitive' as const } : { contains: q });

export async function listRegions(db: Db) {
  const rows = await db.customer.groupBy({
    by: ['region'],
    where: { region: { not: null } },
    _count: { _all: true },
    orderBy: { region: 'asc' },
  });
  return rows.map((r) => ({ region: r.region!, count: r._count._all }));
}

export async function getCustomerDetail(db: Db, id: number) {
  const customer = await db.customer.findUnique({ where: { id } });
  if (!customer) return null;
  const [orders, orderStats, events, eventSpan] = await Promise.all([
    db.order.findMany({
      where: { customerId: id },
      orderBy: { placedAt: 'desc' },
      take: 10,
      select: { id: true, externalId: true, placedAt: true, status: true, total: true, itemCount: true },
    }),
    db.order.aggregate({
      where: { customerId: id, status: 'completed' },
      _count: { _all: true },
      _sum: { total: true },
    }),
    db.event.findMany({
      where: { customerId: id, ...REAL_EVENTS },
      orderBy: { ts: 'desc' },
      take: 30,
      select: {
        id: true,
        type: true,
        ts: true,
        query: true,
        quantity: true,
        price: true,
        value: true,
        product: { select: { id: true, sku: true, title: true, titleZh: true } },
      },
    }),
    db.event.aggregate({ where: { customerId: id, ...REAL_EVENTS }, _min: { ts: true }, _max: { ts: true } }),
  ]);
  return {
    customer,
    orders,
    events,
    stats: {
      orders: orderStats._count._all,
      revenue: orderStats._sum.total ?? 0,
      firstSeen: eventSpan._min.ts,
      lastSeen: eventSpan._max.ts,
    },
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
    where: {
      OR: [
        { externalId: { startsWith: text } },
        { name: containsText(text) },
        { email: { startsWith: text.toLowerCase() } },
      ],
    },
    select: { id: true, externalId: true, name: true },
    orderBy: { id: 'asc' },
    take,
  });
}

/** Customer ids by external id (for uploads), in one query per 500 ids. */
export async function customerIdsByExternalId(db: Db, externalIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < externalIds.length; i += 500) {
    const rows = await db.customer.findMany({
      where: { externalId: { in: externalIds.slice(i, i + 500) } },
      select: { id: true, externalId: true },
    });
    for (const r of rows) out.set(r.externalId, r.id);
  }
  return out;
}
