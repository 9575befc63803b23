import { z } from 'zod';
import { portraitSettingsSchema } from './settings';

/**
 * What a full recompute leaves behind for the incremental refresh and the models page (Setting "portraits.model"):
 * the RFM bands (shop-wide quintile cut points), the fitted BG/NBD, Gamma-Gamma and churn model parameters, the CLV
 * band cut points, the portrait-vector layout, and the charts' data. Parsed again on every read.
 */
const band = z.object({ score: z.number(), min: z.number(), max: z.number(), count: z.number() });
/** `reason`: a code (portraits.models.shortfall) with its `params`; states stored before hold English words. */
const insufficient = z.object({
  type: z.literal('insufficient-data'),
  reason: z.string(),
  params: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
});
const bgnbdParams = z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number() });
const ggParams = z.object({ p: z.number(), q: z.number(), gamma: z.number() });

export const portraitModelStateSchema = z.object({
  version: z.literal(1),
  computedAt: z.number(),
  asOf: z.number(),
  durationMs: z.number(),
  timings: z.record(z.string(), z.number()),
  counts: z.object({
    customers: z.number(),
    withOrders: z.number(),
    withEvents: z.number(),
    orders: z.number(),
    events: z.number(),
    tagAssignments: z.number(),
  }),
  settings: portraitSettingsSchema,
  rfm: z.object({
    bands: z.object({ recencyDays: z.array(band), frequency: z.array(band), monetary: z.array(band) }),
    grid: z.object({
      cells: z.array(z.object({ r: z.number(), f: z.number(), customers: z.number(), revenue: z.number() })),
      groups: z.array(
        z.object({
          group: z.string(),
          customers: z.number(),
          revenue: z.number(),
          shareOfCustomers: z.number(),
          shareOfRevenue: z.number(),
        }),
      ),
      scoredCustomers: z.number(),
      customersWithoutOrders: z.number(),
      totalRevenue: z.number(),
    }),
  }),
  value: z.object({
    unitDays: z.number(),
    horizonDays: z.number(),
    bgnbd: z.union([
      z.object({
        type: z.literal('ok'),
        params: bgnbdParams,
        logLikelihood: z.number(),
        customers: z.number(),
        converged: z.boolean(),
      }),
      insufficient,
    ]),
    gammaGamma: z.union([z.object({ type: z.literal('ok'), params: ggParams, customers: z.number() }), insufficient]),
    calibration: z.union([
      z.object({
        type: z.literal('ok'),
        calibrationEnd: z.number(),
        holdoutEnd: z.number(),
        holdoutDays: z.number(),
        customers: z.number(),
        params: bgnbdParams,
        rows: z.array(
          z.object({
            x: z.number(),
            label: z.string(),
            customers: z.number(),
            actual: z.number(),
            predicted: z.number(),
          }),
        ),
        totalActual: z.number(),
        totalPredicted: z.number(),
      }),
      insufficient,
    ]),
    /** CLV at the 50th and 80th percentiles: low < medium ≤ high */
    clvBands: z.object({ medium: z.number(), high: z.number() }).nullable(),
  }),
  churn: z.union([
    z.object({
      type: z.literal('ok'),
      horizonDays: z.number(),
      featureNames: z.array(z.string()),
      intercept: z.number(),
      coefficients: z.array(z.number()),
      auc: z.number(),
      trainCut: z.number(),
      validationCut: z.number(),
      trainRows: z.number(),
      validationRows: z.number(),
      trainChurnRate: z.number(),
      validationChurnRate: z.number(),
    }),
    insufficient.extend({ horizonDays: z.number() }),
  ]),
  vector: z.object({
    labels: z.array(z.string()),
    blockWeights: z.object({ categories: z.number(), brands: z.number(), priceBands: z.number(), rfm: z.number() }),
  }),
  watermark: z.object({ eventId: z.number(), orderId: z.number() }),
});

export type PortraitModelState = z.infer<typeof portraitModelStateSchema>;

export function parseModelState(value: unknown): PortraitModelState | null {
  if (value === null || value === undefined) return null;
  const parsed = portraitModelStateSchema.safeParse(value);
  if (!parsed.success)
    console.error(
      '[portraits] the stored model state is unreadable; the next full recompute rewrites it',
      parsed.error.issues.slice(0, 3),
    );
  return parsed.success ? parsed.data : null;
}

export const SETTINGS_KEY = 'portraits.settings';
export const MODEL_KEY = 'portraits.model';
