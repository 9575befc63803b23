import type { Product } from '@/lib/engine/domain';
import type { RawDb } from '../raw';
import { idOrMinus1 } from '../columns';
import { msOf, reader, strOrNull, type Reader } from './query';

/** What recommendations need to know about a product: content attributes, display fields and availability. */
export type CatalogueProduct = Omit<Product, 'categoryId' | 'attributes'> & {
  /** −1: none */
  categoryId: number;
  /** the category's full path ("Sports > Running > Shoes") */
  categoryPath: string | null;
  /** the other categories the product is listed in (ProductCategory), ids and full paths; empty for most */
  otherCategories: { id: number; path: string }[];
};

export type CatalogueCategory = { id: number; path: string; name: string; nameZh: string | null; parentId: number };

const PRODUCT_COLUMNS = (r: Reader) =>
  `p."id", p."sku", p."title", p."titleZh", p."description", p."categoryId", c."path", p."brand", p."price", p."color", p."size", p."material", p."stock", p."active", p."imageUrl", ${msOf(r, 'p."updatedAt"')}`;

function toProduct(row: unknown[]): CatalogueProduct {
  return {
    id: Number(row[0]),
    sku: String(row[1]),
    title: String(row[2]),
    titleZh: strOrNull(row[3]),
    description: strOrNull(row[4]),
    categoryId: idOrMinus1(row[5]),
    categoryPath: strOrNull(row[6]),
    brand: strOrNull(row[7]),
    price: Number(row[8]),
    color: strOrNull(row[9]),
    size: strOrNull(row[10]),
    material: strOrNull(row[11]),
    stock: row[12] === null || row[12] === undefined ? null : Number(row[12]),
    active: row[13] === true || row[13] === 1 || row[13] === 1n,
    imageUrl: strOrNull(row[14]),
    updatedAt: Number(row[15]),
    otherCategories: [],
  };
}

/** Every product (ascending id) and category. */
export async function loadCatalogue(
  raw: RawDb | Reader,
): Promise<{ products: CatalogueProduct[]; categories: CatalogueCategory[] }> {
  const r = 'all' in raw ? raw : reader(raw);
  const products: CatalogueProduct[] = [];
  await r.each(
    `SELECT ${PRODUCT_COLUMNS(r)} FROM "Product" p LEFT JOIN "Category" c ON c."id" = p."categoryId" ORDER BY p."id"`,
    [],
    (row) => products.push(toProduct(row)),
  );
  const byId = new Map(products.map((p) => [p.id, p]));
  await r.each(
    `SELECT pc."productId", c."id", c."path" FROM "ProductCategory" pc JOIN "Category" c ON c."id" = pc."categoryId"
     JOIN "Product" p ON p."id" = pc."productId" WHERE p."categoryId" IS NULL OR pc."categoryId" <> p."categoryId"
     ORDER BY pc."productId", c."path"`,
    [],
    (row) => byId.get(Number(row[0]))?.otherCategories.push({ id: Number(row[1]), path: String(row[2]) }),
  );
  const categories = (
    await r.all(`SELECT "id", "path", "name", "nameZh", "parentId" FROM "Category" ORDER BY "path"`)
  ).map((row) => ({
    id: Number(row[0]),
    path: String(row[1]),
    name: String(row[2]),
    nameZh: strOrNull(row[3]),
    parentId: idOrMinus1(row[4]),
  }));
  return { products, categories };
}

/** Products changed after `sinceMs` (stock, active, prices…), for the serving process's availability masks. */
export async function productsChangedSince(r: Reader, sinceMs: number): Promise<CatalogueProduct[]> {
  const since = r.dialect === 'postgresql' ? new Date(sinceMs) : sinceMs;
  const rows = await r.all(
    `SELECT ${PRODUCT_COLUMNS(r)} FROM "Product" p LEFT JOIN "Category" c ON c."id" = p."categoryId" WHERE p."updatedAt" > ?`,
    [since],
  );
  return rows.map(toProduct);
}

export async function productById(r: Reader, id: number): Promise<CatalogueProduct | null> {
  const [row] = await r.all(
    `SELECT ${PRODUCT_COLUMNS(r)} FROM "Product" p LEFT JOIN "Category" c ON c."id" = p."categoryId" WHERE p."id" = ?`,
    [id],
  );
  return row ? toProduct(row) : null;
}
