import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { getCustomerDetail } from '@/lib/db/customers';
import { AppError } from '@/lib/errors';
import { authorize, type Actor } from './auth/actor';
import { parseInput } from './validate';

export async function customerDetail(actor: Actor | null, id: unknown) {
  authorize(actor, 'customers:view');
  const customerId = parseInput(z.coerce.number().int().positive(), id);
  const detail = await getCustomerDetail(db, customerId);
  if (!detail) throw new AppError('NOT_FOUND', 'errors.customerNotFound');
  return detail;
}
