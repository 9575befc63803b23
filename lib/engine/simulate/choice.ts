/**
 * How a customer chooses: a top category from their preference vector, a leaf by its weight (and audience), a
 * product by a multinomial logit over popularity, favourite brand and price, and whether to cart and to buy.
 * Shared by the demo generator and the campaign simulator so both draw from the same hidden model.
 */
import { chance, pickWeighted, type Rng } from './random';
import type { Customer, Leaf, Product, ShopModel } from './types';

/** Share of category choices made at random (by shop-wide weight) rather than by preference. */
export const EXPLORATION = 0.1;
const FAVOURITE_BRAND_BONUS = 1.2;
const FAVOURITE_BRAND_WEIGHT = Math.exp(FAVOURITE_BRAND_BONUS);
const BASE_CART = 0.022;
const BASE_PURCHASE = 0.3;

export function chooseTop(rng: Rng, model: ShopModel, customer: Customer): number {
  if (chance(rng, EXPLORATION))
    return pickWeighted(
      rng,
      model.tops.map((t) => t.weight),
    );
  return pickWeighted(rng, customer.traits.preferences);
}

const leavesByTop = new WeakMap<ShopModel, Leaf[][]>();

function leavesOf(model: ShopModel, top: number): Leaf[] {
  let byTop = leavesByTop.get(model);
  if (!byTop) {
    byTop = model.tops.map((t) => model.leaves.filter((l) => l.top === t.index && l.products.length > 0));
    leavesByTop.set(model, byTop);
  }
  return byTop[top] ?? [];
}

export function chooseLeaf(rng: Rng, model: ShopModel, top: number, customer: Customer): Leaf {
  const leaves = leavesOf(model, top);
  const gender = customer.profile.gender;
  const weights = leaves.map((l) => l.weight * (!l.audience || !gender ? 1 : l.audience === gender ? 3 : 0.25));
  return leaves[pickWeighted(rng, weights)] as Leaf;
}

/**
 * Logit utility of a product for a customer: log popularity + favourite-brand bonus − priceSensitivity ·
 * log(price / leaf median).
 */
export function productUtility(model: ShopModel, customer: Customer, product: Product): number {
  const leaf = model.leaves[product.leaf] as Leaf;
  const brand = customer.traits.favouriteBrands.includes(product.brand) ? FAVOURITE_BRAND_BONUS : 0;
  return (
    Math.log(product.popularity) + brand - customer.traits.priceSensitivity * Math.log(product.price / leaf.medianPrice)
  );
}

const relPriceCache = new WeakMap<ShopModel, Float64Array>();

/** log(price / leaf median) per product, cached per model. */
function relativePrices(model: ShopModel): Float64Array {
  let rel = relPriceCache.get(model);
  if (!rel) {
    rel = Float64Array.from(model.products, (p) => Math.log(p.price / (model.leaves[p.leaf] as Leaf).medianPrice));
    relPriceCache.set(model, rel);
  }
  return rel;
}

export function isAvailable(product: Product, at: number): boolean {
  return product.deactivatedAt === null || at < product.deactivatedAt;
}

/** A product of `leaf` available at `at`, drawn with probability ∝ exp(utility); null if none is on sale. */
export function chooseProduct(rng: Rng, model: ShopModel, leaf: Leaf, customer: Customer, at: number): Product | null {
  const candidates: Product[] = [];
  const weights: number[] = [];
  const { favouriteBrands, priceSensitivity } = customer.traits;
  const relPrice = relativePrices(model);
  for (const i of leaf.products) {
    const p = model.products[i] as Product;
    if (!isAvailable(p, at)) continue;
    candidates.push(p);
    // exp(productUtility), without recomputing the logarithms
    const brand = favouriteBrands.includes(p.brand) ? FAVOURITE_BRAND_WEIGHT : 1;
    weights.push(p.popularity * brand * Math.exp(-priceSensitivity * (relPrice[i] as number)));
  }
  return candidates.length ? (candidates[pickWeighted(rng, weights)] as Product) : null;
}

/** Probability that a viewed product goes to the cart (discount = fraction off list price that day). */
export function cartProbability(model: ShopModel, customer: Customer, product: Product, discount: number): number {
  const t = customer.traits;
  const leaf = model.leaves[product.leaf] as Leaf;
  const priceFactor = Math.exp(-0.5 * t.priceSensitivity * Math.log(product.price / leaf.medianPrice));
  return Math.min(0.6, BASE_CART * t.purchasePropensity * priceFactor * (1 + 2 * t.priceSensitivity * discount));
}

/** Probability that a session with a filled cart ends in a purchase; `lift` is a campaign's conversion lift. */
export function purchaseProbability(customer: Customer, discount: number, lift = 0): number {
  const t = customer.traits;
  return Math.min(
    0.9,
    BASE_PURCHASE * Math.sqrt(t.purchasePropensity) * (1 + 1.5 * t.priceSensitivity * discount) * (1 + lift),
  );
}

/** Units per line: consumables come in multiples more often. */
export function chooseQuantity(rng: Rng, model: ShopModel, product: Product): number {
  const top = model.tops[product.top]?.name;
  const isConsumable = top === 'Food' || top === 'Baby' || top === 'Beauty';
  return 1 + pickWeighted(rng, isConsumable ? [0.62, 0.24, 0.09, 0.05] : [0.9, 0.08, 0.02]);
}
