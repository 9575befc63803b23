/**
 * Shared shapes of the portrait (用户画像) engine. Everything is plain data: the service layer maps database rows to
 * these records (or straight to the columnar forms) and stores what comes back.
 *
 * Times are epoch milliseconds throughout; money is in the shop's base currency.
 */

/** One completed order. Cancelled/returned orders should be left out by the caller. */
export type OrderRecord = {
  customerId: number;
  /** epoch ms */
  placedAt: number;
  /** order total, base currency */
  total: number;
};

/** Event types the engine knows; anything else is accepted and ignored by the affinity scorer (weight 0). */
export type EventType = 'view' | 'search' | 'cart' | 'purchase' | 'click' | 'exposure' | 'open' | 'feedback';

/** One behaviour event, as stored in the events table. */
export type EventRecord = {
  customerId: number;
  type: EventType | (string & {});
  /** epoch ms */
  ts: number;
  productId?: number | null;
  categoryId?: number | null;
  brand?: string | null;
  /** unit price, base currency */
  price?: number | null;
  /** search text for `search` events */
  query?: string | null;
};

/** A node of the category tree. `path` is the list of names from the root to this node (inclusive). */
export type CategoryNode = {
  id: number;
  /** e.g. ['Sports', 'Running', 'Shoes'] for "Sports > Running > Shoes" */
  path: string[];
  name: string;
  nameZh?: string | null;
};

/**
 * Why a portrait model cannot be fitted, as a code the UI words through the catalogue (portraits.models.shortfall),
 * with the numbers it names in `params`: no orders; a churn training or validation window with too few customers
 * (`count`, `min`) or too few of either class (`churned`, `retained`, `min`); an order history too short for the hold-out
 * check (`days`, `min`); too few customers or repeat buyers for BG/NBD (`count`, `min`); too few repeat buyers with
 * spend for Gamma-Gamma (`count`, `min`); labels of one class only (AUC).
 */
export const PORTRAIT_SHORTFALLS = [
  'noOrders',
  'fewInTraining',
  'fewInValidation',
  'oneClassInTraining',
  'oneClassInValidation',
  'shortHistory',
  'fewCustomers',
  'fewRepeaters',
  'fewSpenders',
  'oneClass',
] as const;
export type PortraitShortfall = (typeof PORTRAIT_SHORTFALLS)[number];

/** A ready result of "cannot compute", the house-wide convention: a code and the numbers it names. */
export type InsufficientData = {
  type: 'insufficient-data';
  reason: PortraitShortfall;
  params?: Record<string, number | string>;
};

export type { Bilingual } from '@/lib/i18n/bilingual';

export const MS_PER_DAY = 86_400_000;
