import { z } from 'zod';
import { db } from '@/lib/db/client';
import { findTag } from '@/lib/db/tags';
import { MS_PER_DAY } from '@/lib/engine/portrait/types';
import { AppError } from '@/lib/errors';

export const tagIdSchema = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

/** 00:00 UTC of the current day (the TagCoverage day), epoch ms. */
export const utcToday = (now = Date.now()) => Math.floor(now / MS_PER_DAY) * MS_PER_DAY;

/** A custom tag by id; NOT_FOUND, or FORBIDDEN for a system tag (those are computed, never edited). */
export async function loadCustomTag(id: number) {
  const tag = await findTag(db, id);
  if (!tag) throw new AppError('NOT_FOUND', 'errors.tags.notFound');
  if (tag.kind !== 'custom') throw new AppError('FORBIDDEN', 'errors.tags.system');
  return tag;
}
