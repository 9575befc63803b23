import { z } from 'zod';
import type { PortraitOptions } from '@/lib/engine/portrait/pipeline';

/**
 * Portrait settings an admin can change on the portrait models page (Setting "portraits.settings"). Saving them
 * queues a full recompute. Defaults are the engine's.
 */
const weight = z.coerce.number().min(0).max(100);
const days = (min: number, max: number) =>
  z.coerce.number().int('errors.input.whole').min(min, 'errors.input.minDays').max(max, 'errors.input.maxDays');

export const portraitSettingsSchema = z
  .object({
    /** interest decay: an event's weight halves every halfLifeDays */
    halfLifeDays: z.coerce.number().min(1, 'errors.input.minDays').max(365, 'errors.input.maxDays'),
    /** events older than this carry no interest */
    lookbackDays: days(7, 730),
    /** interest weight per event type */
    weights: z.object({ purchase: weight, cart: weight, click: weight, view: weight, search: weight }),
    /** lifecycle windows (days) */
    lifecycle: z.object({
      newDays: days(1, 365),
      atRiskDays: days(7, 730),
      churnDays: days(14, 1095),
      reactivatedDays: days(1, 365),
    }),
    /** churn = no order in the next horizonDays */
    churnHorizonDays: days(14, 365),
  })
  .refine((s) => s.lifecycle.atRiskDays < s.lifecycle.churnDays, {
    message: 'errors.portraits.atRiskBeforeChurn',
    path: ['lifecycle', 'churnDays'],
  })
  .refine((s) => Object.values(s.weights).some((w) => w > 0), {
    message: 'errors.portraits.needWeight',
    path: ['weights', 'purchase'],
  });

export type PortraitSettings = z.infer<typeof portraitSettingsSchema>;

export const DEFAULT_PORTRAIT_SETTINGS: PortraitSettings = {
  halfLifeDays: 30,
  lookbackDays: 180,
  weights: { purchase: 8, cart: 4, click: 2, view: 1, search: 0.5 },
  lifecycle: { newDays: 30, atRiskDays: 90, churnDays: 180, reactivatedDays: 60 },
  churnHorizonDays: 90,
};

/** Settings as stored, falling back to the defaults when missing or no longer valid. */
export function parsePortraitSettings(value: unknown): PortraitSettings {
  const parsed = portraitSettingsSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_PORTRAIT_SETTINGS;
}

/** Tag bands on model outputs (documented on the models page). */
export const CHURN_BANDS = { high: 0.7, medium: 0.4 } as const;
/** CLV bands by the shop's own distribution: top 20 % high, next 30 % medium, the rest low. */
export const CLV_BAND_QUANTILES = { high: 0.8, medium: 0.5 } as const;

/** The engine's options for these settings (the full recompute and the incremental refresh use the same). */
export function portraitOptionsOf(
  settings: PortraitSettings,
): Pick<PortraitOptions, 'lifecycle' | 'affinity' | 'churn'> {
  return {
    lifecycle: settings.lifecycle,
    affinity: { halfLifeDays: settings.halfLifeDays, lookbackDays: settings.lookbackDays, weights: settings.weights },
    churn: { horizonDays: settings.churnHorizonDays },
  };
}
