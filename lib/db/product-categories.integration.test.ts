import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { topCategories } from './analytics/overview';
import { db } from './client';
import { closeConnections, rawDb } from './connections';
import { listProducts, type ProductListQuery } from './products';
import { loadCatalogue } from './recommendations/catalogue';

// A product listed in several categories (ProductCategory): the catalogue filter and the recommendation catalogue
// read every category; revenue by category attributes to the main category only (the dashboard says so).
const DAY = 86_400_000;
const AT = Date.UTC(2025, 5, 1);
let ids: Record<'sports' | 'running' | 'home' | 'kitchen', number>;
let mug: number;
let shoe: number;

beforeAll(async () => {
  const category = (path: string, parentId: number | null, depth: number) =>
    db.category.create({ data: { path, name: path.split(' > ').at(-1)!, parentId, depth }, select: { id: true } });
  const sports = (await category('Sports', null, 0)).id;
  const running = (await category('Sports > Running', sports, 1)).id;
  const home = (await category('Home', null, 0)).id;
  const kitchen = (await category('Home > Kitchen', home, 1)).id;
  ids = { sports, running, home, kitchen };
  // a kitchen mug also listed under Running (a marathon mug); a shoe only in Running
  mug = (await db.product.create({ data: { sku: 'MUG', title: 'Marathon mug', price: 10, categoryId: kitchen } })).id;
  shoe = (await db.product.create({ data: { sku: 'SHOE', title: 'Shoe', price: 90, categoryId: running } })).id;
  await db.productCategory.createMany({
    data: [
      { productId: mug, categoryId: kitchen },
      { productId: mug, categoryId: running },
      { productId: shoe, categoryId: running },
    ],
  });
  const customer = await db.customer.create({ data: { externalId: 'C1' }, select: { id: true } });
  await db.order.create({
    data: {
      externalId: 'O1',
      customerId: customer.id,
      placedAt: new Date(AT),
      currency: 'USD',
      total: 100,
      itemCount: 2,
      lines: {
        create: [
          { lineNo: 1, productId: mug, sku: 'MUG', quantity: 1, unitPrice: 10, total: 10 },
          { lineNo: 2, productId: shoe, sku: 'SHOE', quantity: 1, unitPrice: 90, total: 90 },
        ],
      },
    },
  });
});

afterAll(async () => {
  await closeConnections();
  await db.$disconnect();
});

const query = (categoryId: number): ProductListQuery => ({ categoryId, sort: 'title', page: 1, pageSize: 50 });
const skus = async (categoryId: number) => (await listProducts(db, query(categoryId))).rows.map((r) => r.sku).sort();

describe('products in several categories', () => {
  test('the catalogue filter finds a product by any of its categories, sub-categories included', async () => {
    expect(await skus(ids.running)).toEqual(['MUG', 'SHOE']);
    expect(await skus(ids.sports)).toEqual(['MUG', 'SHOE']);
    expect(await skus(ids.kitchen)).toEqual(['MUG']);
    expect(await skus(ids.home)).toEqual(['MUG']);
    expect((await listProducts(db, query(ids.running))).total).toBe(2);
  });

  test('the recommendation catalogue carries the other categories with their paths', async () => {
    const { products } = await loadCatalogue(rawDb());
    const byId = new Map(products.map((p) => [p.id, p]));
    expect(byId.get(mug)).toMatchObject({
      categoryId: ids.kitchen,
      categoryPath: 'Home > Kitchen',
      otherCategories: [{ id: ids.running, path: 'Sports > Running' }],
    });
    expect(byId.get(shoe)!.otherCategories).toEqual([]);
  });

  test('revenue by category counts each line once, in its main category', async () => {
    const rows = await topCategories(db, { from: AT - DAY, to: AT + DAY });
    expect(rows).toEqual([
      { category: 'Sports', revenue: 90, units: 1 },
      { category: 'Home', revenue: 10, units: 1 },
    ]);
  });
});
