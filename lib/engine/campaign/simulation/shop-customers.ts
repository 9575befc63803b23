/**
 * Shop-model customers for the members of a real audience: the demo shop's own customer when the ids match (its hidden
 * traits), otherwise a "behavioural twin" — a living model customer chosen by hashing the id — so any shop can be
 * simulated. Money is kept in the base currency.
 */
import type { Customer, ShopModel } from '../../simulate/types';

export type TwinSource = { model: ShopModel; byId: Map<string, Customer>; living: Customer[] };

export function twinSource(model: ShopModel): TwinSource {
  const byId = new Map(model.customers.map((c) => [c.id, c]));
  const living = model.customers.filter((c) => c.traits.churnAt === null);
  return { model, byId, living: living.length ? living : model.customers };
}

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The model customer standing in for `key` in a campaign starting at `startAt`, re-indexed as `index`. Twins are
 * signed up before the start and never churn during the test; returning customers (with past orders) of a twin get
 * a higher purchase propensity, so the pre-period metric predicts the outcome as it does in real shops.
 */
export function modelCustomerFor(
  source: TwinSource,
  { key, index, startAt, priorOrders }: { key: string; index: number; startAt: number; priorOrders: number },
): { customer: Customer; isTwin: boolean } {
  const own = source.byId.get(key);
  const base = own ?? source.living[fnv(key) % source.living.length]!;
  const traits = { ...base.traits };
  if (!own) {
    traits.signupAt = Math.min(traits.signupAt, startAt - 30 * 86_400_000);
    traits.churnAt = null;
    traits.purchasePropensity *= priorOrders > 0 ? 1 + Math.min(2, 0.4 * priorOrders) : 0.8;
  }
  return { customer: { index, id: key, profile: { ...base.profile, currency: 'CNY' }, traits }, isTwin: !own };
}
