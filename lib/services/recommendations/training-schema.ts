import { z } from 'zod';
import { COMPONENT_KINDS, MODEL_KINDS } from '@/lib/engine/recommendation/models/types';

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

/** What an admin chooses when starting a training (stored with every run it creates). */
export const trainingOptionsSchema = z.object({
  models: z.preprocess(
    (v) => (typeof v === 'string' ? [v] : v),
    z.array(z.enum(MODEL_KINDS)).min(1, 'errors.recommendations.chooseModel').max(MODEL_KINDS.length),
  ),
  components: z
    .preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.enum(COMPONENT_KINDS)).max(COMPONENT_KINDS.length))
    .optional(),
  split: z.enum(['temporal', 'random', 'leave-last-out']).default('temporal'),
  testFraction: z.coerce.number().min(0.05).max(0.5).default(0.2),
  k: z.coerce.number().int().min(1).max(100).default(10),
  relevance: z.enum(['any', 'cart', 'purchase']).default('any'),
  /** federated ALS only: ε of its differential privacy, or none (no clipping, no noise) */
  federatedEpsilon: z.enum(['none', '8', '4', '1']).default('none'),
  serve: checkbox.default(false),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(42),
});

export type TrainingOptions = z.infer<typeof trainingOptionsSchema>;

export const trainingPayloadSchema = z.object({ runIds: z.array(z.number().int().positive()).min(1) });
export type TrainingPayload = z.infer<typeof trainingPayloadSchema>;

/** Stored run parameters (RecModelRun.params): the options, then what training found. */
export const runParamsSchema = z.object({ options: trainingOptionsSchema }).passthrough();
