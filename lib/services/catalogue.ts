import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { latestDataTime } from '@/lib/db/analytics/overview';
import { getProductDetail, listBrands, listCategories, listProducts } from '@/lib/db/products';
import { AppError } from '@/lib/errors';
import { authorize, type Actor } from './auth/actor';
import { parseInput } from './validate';
import { FUTURE_TOLERANCE_MS } from '@/lib/import/dates';

const optionalNumber = z.preprocess(
  (v) => (v === '' || v === undefined ? undefined : v),
  z.coerce.number().min(0).max(1e9).optional(),
);

export const productListSchema = z.object({
  q: z.string().trim().max(200).optional(),
  category: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().optional()),
  brand: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  priceMin: optionalNumber,
  priceMax: optionalNumber,
  active: z.enum(['1', '0']).optional(),
  stock: z
    .enum(['in', 'out', ''])
    .optional()
    .transform((v) => v || undefined),
  sort: z.enum(['title', 'priceAsc', 'priceDesc', 'newest']).default('title'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(12).max(96).default(24),
});

export async function browseCatalogue(actor: Actor | null, input: unknown) {
  authorize(actor, 'catalogue:view');
  const query = parseInput(productListSchema, input);
  const [list, categories, brands] = await Promise.all([
    listProducts(db, { ...query, categoryId: query.category, onlyActive: query.active === '1' }),
    listCategories(db),
    listBrands(db),
  ]);
  return { query, ...list, categories, brands };
}

export async function productDetail(actor: Actor | null, id: unknown) {
  authorize(actor, 'catalogue:view');
  const productId = parseInput(z.coerce.number().int().positive(), id);
  // The 90 days up to the shop's newest data, so an imported history is not shown as all zeros.
  const latest = Math.min((await latestDataTime(db, Date.now() + FUTURE_TOLERANCE_MS)) ?? Date.now(), Date.now());
  const since = new Date(latest - 90 * 86_400_000);
  const detail = await getProductDetail(db, productId, since);
  if (!detail) throw new AppError('NOT_FOUND', 'errors.productNotFound');
  return detail;
}
