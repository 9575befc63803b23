import { z } from 'zod';

/** Settings → fairness: the free customer attributes an admin marks as sensitive (reported like gender or region). */
export const fairnessSettingsSchema = z.object({
  sensitiveAttributes: z
    .array(z.string().trim().min(1).max(60, 'fairness.errors.attribute'))
    .max(10, 'fairness.errors.tooMany')
    .default([]),
});
export type FairnessSettings = z.infer<typeof fairnessSettingsSchema>;
export const DEFAULT_FAIRNESS: FairnessSettings = { sensitiveAttributes: [] };
