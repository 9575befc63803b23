import type { GroupedShop } from '@/lib/engine/portrait/group-columns';
import { portraitStages, type PortraitBatch } from '@/lib/engine/portrait/pipeline';
import type { PortraitModelState } from './model-state';
import { CLV_BAND_QUANTILES, portraitOptionsOf, type PortraitSettings } from './settings';

export type ModelParts = Omit<
  PortraitModelState,
  'version' | 'computedAt' | 'durationMs' | 'timings' | 'counts' | 'settings' | 'watermark'
>;

export type StageReporter = (stage: string, fraction: number) => Promise<void> | void;

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The full recompute over a grouped shop: the engine's portrait pipeline (`portraitStages`) with the shop's
 * settings, the price reference customer (dense index 0, see the engine's group-columns.ts) left out of the results, reporting each
 * stage and yielding to the event loop between stages so the job keeps heartbeating. Returns the portraits and the
 * models in the form they are stored.
 */
export async function computeFull(
  shop: GroupedShop,
  settings: PortraitSettings,
  options: { asOf: number; onStage?: StageReporter },
): Promise<{ results: PortraitBatch['customers']; models: ModelParts; timings: Record<string, number> }> {
  const value = { bandQuantiles: CLV_BAND_QUANTILES };
  const stages = portraitStages(shop, { ...portraitOptionsOf(settings), asOf: options.asOf, value });
  let step = stages.next();
  while (!step.done) {
    await options.onStage?.(step.value.stage, step.value.fraction);
    await tick();
    step = stages.next();
  }
  const batch = step.value;
  await options.onStage?.('write', 1);
  return { results: batch.customers, models: toModelParts(batch, settings), timings: batch.timings };
}

/** The fitted models as stored (Setting "portraits.model"). */
function toModelParts(batch: PortraitBatch, settings: PortraitSettings): ModelParts {
  const { bgnbd, gammaGamma, churn } = batch.models;
  if (!bgnbd || !gammaGamma || !churn || !batch.calibration)
    throw new Error('computeFull: every model stage runs in a full recompute');
  return {
    asOf: batch.asOf,
    rfm: { bands: batch.rfmBands, grid: batch.rfmGrid },
    value: {
      unitDays: batch.valueUnitDays,
      horizonDays: batch.valueHorizonDays,
      bgnbd:
        bgnbd.type === 'ok'
          ? {
              type: 'ok',
              params: bgnbd.params,
              logLikelihood: bgnbd.logLikelihood,
              customers: bgnbd.customers,
              converged: bgnbd.converged,
            }
          : bgnbd,
      gammaGamma:
        gammaGamma.type === 'ok'
          ? { type: 'ok', params: gammaGamma.params, customers: gammaGamma.customers }
          : gammaGamma,
      calibration: batch.calibration,
      clvBands: batch.clvBands,
    },
    churn:
      churn.type === 'ok'
        ? {
            type: 'ok',
            horizonDays: settings.churnHorizonDays,
            featureNames: [...churn.model.featureNames],
            intercept: churn.model.intercept,
            coefficients: [...churn.model.coefficients],
            ...churn.validation,
          }
        : { ...churn, horizonDays: settings.churnHorizonDays },
    vector: { labels: batch.layout.labels, blockWeights: batch.layout.blockWeights },
  };
}
