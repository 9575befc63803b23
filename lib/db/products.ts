import type { Db } from './create-client';
import type { Prisma } from './generated/sqlite/client';
import { containsText } from './customers';
import { REAL_EVENTS } from './real-events';

export type ProductListQuery = {
  q?: string;
  categoryId?: number;
  brand?: string;
  priceMin?: number;
  priceMax?: number;
  onlyActive?: boolean;
  stock?: 'in' | 'out';
  sort: 'title' | 'priceAsc' | 'priceDesc' | 'newest';
  page: number;
  pageSize: number;
};

const ORDER_BY: Record<ProductListQuery['sort'], Prisma.ProductOrderByWithRelationInput[]> = {
  title: [{ title: 'asc' }],
  priceAsc: [{ price: 'asc' }, { id: 'asc' }],
  priceDesc: [{ price: 'desc' }, { id: 'asc' }],
  newest: [{ updatedAt: 'desc' }, { id: 'desc' }],
};

export async function listProducts(db: Db, query: ProductListQuery) {
  const q = query.q?.trim();
  let categoryFilter: Prisma.ProductWhereInput = {};
  if (query.categoryId) {
    const category = await db.category.findUnique({ where: { id: query.categoryId }, select: { path: true } });
    // A category includes its descendants: every path that starts with "<path> > ". A product is in it by its primary
    // category or by any other it is listed in (ProductCategory).
    const inTree: Prisma.CategoryWhereInput = {
      OR: [{ id: query.categoryId }, { path: { startsWith: `${category?.path} > ` } }],
    };
    categoryFilter = category
      ? { OR: [{ category: inTree }, { categories: { some: { category: inTree } } }] }
      : { id: -1 };
  }
  const filters: Prisma.ProductWhereInput[] = [categoryFilter];
  if (q)
    filters.push({
      OR: [
        { sku: containsText(q) },
        { title: containsText(q) },
        { titleZh: { contains: q } },
        { brand: containsText(q) },
      ],
    });
  if (query.brand) filters.push({ brand: query.brand });
  if (query.priceMin !== undefined || query.priceMax !== undefined)
    filters.push({ price: { gte: query.priceMin, lte: query.priceMax } });
  if (query.onlyActive) filters.push({ active: true });
  if (query.stock === 'in') filters.push({ OR: [{ stock: null }, { stock: { gt: 0 } }] });
  if (query.stock === 'out') filters.push({ stock: { lte: 0 } });
  const where: Prisma.ProductWhereInput = { AND: filters };
  const [total, rows] = await Promise.all([
    db.product.count({ where }),
    db.product.findMany({
      where,
      orderBy: ORDER_BY[query.sort],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: {
        id: true,
        sku: true,
        title: true,
        titleZh: true,
        brand: true,
        price: true,
        stock: true,
        active: true,
        imageUrl: true,
        category: { select: { path: true, nameZh: true } },
      },
    }),
  ]);
  return { total, rows };
}

export function listCategories(db: Db) {
  return db.category.findMany({
    orderBy: { path: 'asc' },
    select: { id: true, path: true, name: true, nameZh: true, depth: true },
  });
}

/** How many products exist, and how many were added after `since`. */
export async function countProductsAddedSince(db: Db, since: Date) {
  const [total, added] = await Promise.all([
    db.product.count(),
    db.product.count({ where: { createdAt: { gt: since } } }),
  ]);
  return { total, added };
}

export async function listBrands(db: Db) {
  const rows = await db.product.groupBy({
    by: ['brand'],
    where: { brand: { not: null } },
    _count: { _all: true },
    orderBy: { brand: 'asc' },
  });
  return rows.map((r) => ({ brand: r.brand!, count: r._count._all }));
}

/** The path with each level's Chinese name where the catalogue gave one; null when no level has one. */
async function chinesePath(db: Db, path: string | null): Promise<string | null> {
  if (!path) return null;
  const segs = path.split(' > ');
  const prefixes = segs.map((_, i) => segs.slice(0, i + 1).join(' > '));
  const names = new Map(
    (await db.category.findMany({ where: { path: { in: prefixes } }, select: { path: true, nameZh: true } })).map(
      (c) => [c.path, c.nameZh],
    ),
  );
  if (!prefixes.some((p) => names.get(p))) return null;
  return prefixes.map((p, i) => names.get(p) || segs[i]).join(' > ');
}

export async function getProductDetail(db: Db, id: number, since: Date) {
  const product = await db.product.findUnique({
    where: { id },
    include: { category: { select: { id: true, path: true, nameZh: true } } },
  });
  if (!product) return null;
  const [events, sales] = await Promise.all([
    db.event.groupBy({
      by: ['type'],
      where: { productId: id, ts: { gte: since }, ...REAL_EVENTS },
      _count: { _all: true },
    }),
    db.orderLine.aggregate({
      where: { productId: id, order: { status: 'completed', placedAt: { gte: since } } },
      _sum: { quantity: true, total: true },
    }),
  ]);
  const count = (type: string) => events.find((e) => e.type === type)?._count._all ?? 0;
  return {
    product,
    categoryPathZh: await chinesePath(db, product.category?.path ?? null),
    stats: {
      views: count('view'),
      carts: count('cart'),
      units: sales._sum.quantity ?? 0,
      revenue: sales._sum.total ?? 0,
    },
  };
}

/** English and Chinese names of these categories. */
export function listCategoryNames(db: Db, ids: number[]) {
  return db.category.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, nameZh: true } });
}

/** English and Chinese names of the top-level categories. */
export function listTopCategoryNames(db: Db) {
  return db.category.findMany({ where: { depth: 0 }, select: { name: true, nameZh: true } });
}

export async function findCategoryIdByPath(db: Db, path: string) {
  return (await db.category.findFirst({ where: { path }, select: { id: true } }))?.id ?? null;
}
