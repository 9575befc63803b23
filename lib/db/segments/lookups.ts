/** Reads the segment pages need around a definition: customers to show, and names for ids a condition mentions. */
import type { Db } from '../create-client';

export type CustomerCard = {
  id: number;
  externalId: string;
  name: string | null;
  region: string | null;
  city: string | null;
  rfmGroup: string | null;
  lifecycle: string | null;
};

/** Customers by id, with their RFM group and lifecycle stage, in the order of `ids`. */
export async function customerCards(db: Db, ids: readonly number[]): Promise<CustomerCard[]> {
  if (ids.length === 0) return [];
  const rows = await db.customer.findMany({
    where: { id: { in: [...ids] } },
    select: {
      id: true,
      externalId: true,
      name: true,
      region: true,
      city: true,
      profile: { select: { rfmGroup: true, lifecycle: true } },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r
      ? [
          {
            id: r.id,
            externalId: r.externalId,
            name: r.name,
            region: r.region,
            city: r.city,
            rfmGroup: r.profile?.rfmGroup ?? null,
            lifecycle: r.profile?.lifecycle ?? null,
          },
        ]
      : [];
  });
}

/** A customer by internal id or by the shop's customer id (external id). */
export async function findCustomerRef(db: Db, ref: { id?: number; externalId?: string }) {
  const select = { id: true, externalId: true, name: true, erasedAt: true } as const;
  if (ref.id !== undefined) return db.customer.findUnique({ where: { id: ref.id }, select });
  if (ref.externalId !== undefined) return db.customer.findUnique({ where: { externalId: ref.externalId }, select });
  return null;
}

/** Customers that can be segment members (not erased). */
export function countLiveCustomers(db: Db) {
  return db.customer.count({ where: { erasedAt: null } });
}

/** The category tree with English and Chinese names, in path order. */
export function categoryTree(db: Db) {
  return db.category.findMany({
    orderBy: { path: 'asc' },
    select: { id: true, name: true, nameZh: true, parentId: true, depth: true, path: true },
  });
}

/** Products whose SKU or title (English or Chinese) contains `q`, active first, at most `limit`. */
export function searchProductRows(db: Db, q: string, limit: number) {
  return db.product.findMany({
    where: q ? { OR: [{ sku: { contains: q } }, { title: { contains: q } }, { titleZh: { contains: q } }] } : undefined,
    orderBy: [{ active: 'desc' }, { id: 'asc' }],
    take: limit,
    select: { id: true, sku: true, title: true, titleZh: true, brand: true },
  });
}

export function productTitles(db: Db, ids: readonly number[]) {
  return ids.length
    ? db.product.findMany({
        where: { id: { in: [...ids] } },
        select: { id: true, sku: true, title: true, titleZh: true },
      })
    : Promise.resolve([]);
}

export function campaignNames(db: Db, ids?: readonly number[]) {
  return db.campaign.findMany({
    where: ids ? { id: { in: [...ids] } } : undefined,
    orderBy: { id: 'desc' },
    take: ids ? undefined : 200,
    select: { id: true, name: true },
  });
}

export function tagLabels(db: Db, keys: readonly string[]) {
  return keys.length
    ? db.tag.findMany({
        where: { key: { in: [...keys] } },
        select: { key: true, label: true, labelZh: true, family: true },
      })
    : Promise.resolve([]);
}
