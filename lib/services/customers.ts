import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { getCustomerDetail, listCustomers, listRegions } from '@/lib/db/customers';
import { AppError } from '@/lib/errors';
import { authorize, type Actor } from './auth/actor';
import { parseInput } from './validate';

export const customerListSchema = z.object({
  q: z.string().trim().max(200).optional(),
  region: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(10).max(100).default(25),
  sort: z.enum(['newest', 'name', 'id']).default('newest'),
});

export async function browseCustomers(actor: Actor | null, input: unknown) {
  authorize(actor, 'customers:view');
  const query = parseInput(customerListSchema, input);
  const [list, regions] = await Promise.all([listCustomers(db, query), listRegions(db)]);
  return { query, ...list, regions };
}

export async function customerDetail(actor: Actor | null, id: unknown) {
  authorize(actor, 'customers:view');
  const customerId = parseInput(z.coerce.number().int().positive(), id);
  const detail = await getCustomerDetail(db, customerId);
  if (!detail) throw new AppError('NOT_FOUND', 'errors.customerNotFound');
  return detail;
}
