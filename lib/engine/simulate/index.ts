export { buildShopModel, CURRENCY_RATES, DEFAULT_SHOP_OPTIONS } from './build-shop-model';
export { simulateShop, type DayBatch, type EmittedEvent } from './simulate-shop';
export {
  simulateSession,
  priceIn,
  type EventType,
  type SessionContext,
  type SessionEntry,
  type SimEvent,
  type SimOrder,
  type OrderStatus,
} from './session';
export { chooseLeaf, chooseProduct, chooseTop, cartProbability, purchaseProbability, productUtility } from './choice';
export { clickProbability, openProbability, relevance, scheduleCampaigns } from './campaigns';
export { dailyRate, isAliveOn } from './activity';
export { discountOn, seasonality, peakName } from './calendar';
export { toTruth, type ShopTruth } from './truth';
export { createRng, type Rng } from './random';
export type * from './types';
