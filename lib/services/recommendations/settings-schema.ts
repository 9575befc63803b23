import { z } from 'zod';
import { DEFAULT_CONTENT_WEIGHTS } from '@/lib/engine/recommendation/content';

const weight = z.coerce.number().min(0).max(100);

/**
 * Shop-wide recommendation settings (Setting "recommendations"), read by training and serving:
 * - eventWeights: what one interaction of each kind counts for (implicit feedback confidence, trending counters);
 * - halfLifeDays: interactions lose half their weight per half-life before fitting (0 = no decay);
 * - trendingHalfLifeDays: the half-life of "trending" popularity;
 * - windowDays: train on the last N days only (0 = all history);
 * - repurchasableCategoryIds: categories (with their sub-categories) whose items may be recommended again after a
 *   purchase (consumables); everything else bought is excluded;
 * - mmrLambda: diversity of served lists (1 = plain ranking, lower = more varied, Carbonell & Goldstein 1998);
 * - contentWeights: attribute weights of content similarity (the starting point when training fits them).
 */
export const recommendSettingsSchema = z.object({
  eventWeights: z
    .object({ view: weight, click: weight, cart: weight, purchase: weight })
    .default({ view: 1, click: 2, cart: 4, purchase: 8 }),
  halfLifeDays: z.coerce.number().min(0).max(3650).default(90),
  trendingHalfLifeDays: z.coerce.number().min(1).max(365).default(14),
  windowDays: z.coerce.number().int().min(0).max(3650).default(0),
  repurchasableCategoryIds: z.array(z.coerce.number().int().positive()).max(1000).default([]),
  mmrLambda: z.coerce.number().min(0).max(1).default(0.8),
  contentWeights: z
    .object({
      category: weight,
      brand: weight,
      price: weight,
      colour: weight,
      size: weight,
      material: weight,
      tags: weight,
      text: weight,
    })
    .default({ ...DEFAULT_CONTENT_WEIGHTS }),
});

export type RecommendSettings = z.infer<typeof recommendSettingsSchema>;

export const DEFAULT_RECOMMEND_SETTINGS: RecommendSettings = recommendSettingsSchema.parse({});

/** Stored settings, falling back to the defaults field by field when a stored value no longer validates. */
export function parseStoredSettings(value: unknown): RecommendSettings {
  const parsed = recommendSettingsSchema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const merged: Record<string, unknown> = { ...DEFAULT_RECOMMEND_SETTINGS };
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const one = recommendSettingsSchema.shape[key as keyof RecommendSettings]?.safeParse(v);
      if (one?.success) merged[key] = one.data;
    }
  }
  return merged as RecommendSettings;
}
