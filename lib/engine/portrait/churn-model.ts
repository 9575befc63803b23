import { computeAuc } from './auc';
import { buildCustomerIndex, groupOrders, type GroupedOrders } from './customer-index';
import { buildChurnFeatures, CHURN_FEATURES, churnLabels } from './churn-features';
import { groupEvents, type GroupedEvents } from './event-columns';
import { fitLogisticRegression, predictLogistic } from './logistic-regression';
import { MS_PER_DAY, type EventRecord, type InsufficientData, type OrderRecord } from './types';

export type ChurnModelOptions = {
  /** reference time, epoch ms (default: the latest order) */
  asOf?: number;
  /** churn = no order in the next horizonDays (default 90) */
  horizonDays?: number;
  /** L2 penalty of the logistic regression on standardised features (default 1) */
  l2?: number;
  /** minimum rows in each of the training and validation windows (default 50) */
  minRows?: number;
  /** minimum churned and retained rows in each window (default 10) */
  minClassCount?: number;
};

export type ChurnModel = { featureNames: readonly string[]; intercept: number; coefficients: Float64Array };

export type ChurnModelResult =
  | {
      type: 'ok';
      /** refitted on the training and validation windows together; use it to score at asOf */
      model: ChurnModel;
      validation: {
        /** AUC on the hold-out window of the model fitted on the earlier window only */
        auc: number;
        trainCut: number;
        validationCut: number;
        trainRows: number;
        validationRows: number;
        trainChurnRate: number;
        validationChurnRate: number;
      };
      /** P(churn in the next horizonDays) at asOf for every customer with an order (dense customer index → probability) */
      scores: { rows: Int32Array; probability: Float64Array };
    }
  | InsufficientData;

/**
 * Trains and validates a churn model on the shop's own history, time-based so the hold-out is genuinely later:
 *
 *   train:       features at τ₁ = asOf − 2h, labels "no order in (τ₁, τ₁ + h]"
 *   validation:  features at τ₂ = asOf − h,  labels "no order in (τ₂, asOf]"   → AUC
 *   scoring:     the model refitted on both windows, applied to features at asOf
 *
 * with h = horizonDays, the features of `buildChurnFeatures`, and an L2 logistic regression (`fitLogisticRegression`,
 * standardised features). Returns insufficient-data when a window has too few rows or too few of either class.
 *
 * @example
 * const res = trainChurnModelFromGrouped(groupedOrders, groupedEvents, { asOf, horizonDays: 90 });
 * // res.validation.auc ≈ 0.8; res.scores.probability[i] is the churn probability of customer res.scores.rows[i]
 */
export function trainChurnModelFromGrouped(
  orders: GroupedOrders,
  events: GroupedEvents | null,
  options: ChurnModelOptions = {},
): ChurnModelResult {
  const { horizonDays = 90, l2 = 1, minRows = 50, minClassCount = 10 } = options;
  if (!(horizonDays > 0)) throw new RangeError(`trainChurnModel: horizonDays must be > 0, got ${horizonDays}`);
  let asOf = options.asOf;
  if (asOf === undefined) {
    asOf = -Infinity;
    for (let i = 0; i < orders.placedAt.length; i++) asOf = Math.max(asOf, orders.placedAt[i]!);
  }
  if (!Number.isFinite(asOf)) return { type: 'insufficient-data', reason: 'noOrders' };
  const h = horizonDays * MS_PER_DAY;
  const validationCut = asOf - h;
  const trainCut = validationCut - h;
  const train = buildChurnFeatures(orders, events, trainCut);
  const valid = buildChurnFeatures(orders, events, validationCut);
  const yTrain = churnLabels(orders, train.rows, trainCut, horizonDays);
  const yValid = churnLabels(orders, valid.rows, validationCut, horizonDays);
  for (const [name, y] of [
    ['Training', yTrain],
    ['Validation', yValid],
  ] as const) {
    const churned = y.reduce((s, v) => s + v, 0);
    if (y.length < minRows)
      return { type: 'insufficient-data', reason: `fewIn${name}`, params: { count: y.length, min: minRows } };
    if (churned < minClassCount || y.length - churned < minClassCount) {
      return {
        type: 'insufficient-data',
        reason: `oneClassIn${name}`,
        params: { churned, retained: y.length - churned, min: minClassCount },
      };
    }
  }
  const d = train.d;
  const early = fitLogisticRegression(train.x, d, yTrain, { l2 });
  const auc = computeAuc(predictLogistic(early, valid.x, d), yValid);
  if (auc.type !== 'ok') return auc;
  const stackedX = new Float64Array(train.x.length + valid.x.length);
  stackedX.set(train.x);
  stackedX.set(valid.x, train.x.length);
  const stackedY = new Uint8Array(yTrain.length + yValid.length);
  stackedY.set(yTrain);
  stackedY.set(yValid, yTrain.length);
  const final = fitLogisticRegression(stackedX, d, stackedY, { l2 });
  const now = buildChurnFeatures(orders, events, asOf);
  const mean = (y: Uint8Array) => y.reduce((s, v) => s + v, 0) / y.length;
  return {
    type: 'ok',
    model: { featureNames: CHURN_FEATURES, intercept: final.intercept, coefficients: final.coefficients },
    validation: {
      auc: auc.auc,
      trainCut,
      validationCut,
      trainRows: yTrain.length,
      validationRows: yValid.length,
      trainChurnRate: mean(yTrain),
      validationChurnRate: mean(yValid),
    },
    scores: { rows: now.rows, probability: predictLogistic(final, now.x, d) },
  };
}

/**
 * `trainChurnModelFromGrouped` from plain records; scores come back keyed by customer id.
 *
 * @example
 * const res = trainChurnModel({ orders, events }, { horizonDays: 90 });
 * if (res.type === 'ok') res.probabilityByCustomer.get(42); // 0.31
 */
export function trainChurnModel(
  input: { orders: readonly OrderRecord[]; events?: readonly EventRecord[]; customerIds?: readonly number[] },
  options: ChurnModelOptions = {},
): (Extract<ChurnModelResult, { type: 'ok' }> & { probabilityByCustomer: Map<number, number> }) | InsufficientData {
  const events = input.events ?? [];
  const index = buildCustomerIndex([input.customerIds ?? [], input.orders, events]);
  const res = trainChurnModelFromGrouped(
    groupOrders(input.orders, index),
    events.length > 0 ? groupEvents(events, index) : null,
    options,
  );
  if (res.type !== 'ok') return res;
  const probabilityByCustomer = new Map<number, number>();
  res.scores.rows.forEach((k, i) => {
    probabilityByCustomer.set(index.ids[k]!, res.scores.probability[i]!);
  });
  return { ...res, probabilityByCustomer };
}
