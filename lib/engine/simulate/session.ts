/**
 * One browsing session: an entry (search, category page, product page or a campaign click), a few product views
 * wandering through the chosen category, carts, maybe a purchase (one order, its lines = the purchase events) and,
 * days later, feedback on a delivered item.
 */
import { discountOn, DAY_MS, toSeconds } from './calendar';
import { cartProbability, chooseLeaf, chooseProduct, chooseQuantity, chooseTop, purchaseProbability } from './choice';
import { chance, geometric, logNormal, normal, pick, pickWeighted, type Rng } from './random';
import type { CampaignSpec, Currency, Customer, Leaf, Product, ShopModel, VariantSpec } from './types';

export type EventType = 'view' | 'search' | 'cart' | 'purchase' | 'click' | 'exposure' | 'open' | 'feedback';

export type SimEvent = {
  type: EventType;
  ts: number;
  customer: number;
  sessionId: string | null;
  product: number | null;
  /** category path (the product's leaf, or the browsed category) */
  category: string | null;
  query: string | null;
  quantity: number | null;
  /** unit price in `currency` */
  price: number | null;
  value: number | null;
  currency: Currency | null;
  campaignId: number | null;
  variant: string | null;
  orderId: string | null;
};

export type OrderStatus = 'completed' | 'cancelled' | 'returned';

export type SimOrder = {
  id: string;
  customer: number;
  placedAt: number;
  currency: Currency;
  status: OrderStatus;
  lines: { product: number; quantity: number; unitPrice: number }[];
  campaignId: number | null;
  variant: string | null;
};

export type SessionEntry = { kind: 'organic' } | { kind: 'campaign'; campaign: CampaignSpec; variant: VariantSpec };

export type SessionContext = {
  model: ShopModel;
  rng: Rng;
  nextSessionId(): string;
  nextOrderId(): string;
  emit(event: SimEvent): void;
  addOrder(order: SimOrder): void;
};

const CART_MOMENTUM = 4;

export type SessionResult = { sessionId: string; views: number; carts: number; order: SimOrder | null };

/** A complete event (every field present, so all events share one shape) with `fields` filled in. */
export function makeEvent(
  type: EventType,
  ts: number,
  customer: number,
  sessionId: string | null,
  fields?: Partial<SimEvent>,
): SimEvent {
  const event: SimEvent = {
    type,
    ts,
    customer,
    sessionId,
    product: null,
    category: null,
    query: null,
    quantity: null,
    price: null,
    value: null,
    currency: null,
    campaignId: null,
    variant: null,
    orderId: null,
  };
  return fields ? Object.assign(event, fields) : event;
}

/** Price in the customer's currency, 2 decimals. */
export function priceIn(model: ShopModel, cny: number, currency: Currency): number {
  return Math.round((cny / model.currencyRates[currency]) * 100) / 100;
}

function searchQuery(rng: Rng, model: ShopModel, leaf: Leaf, customer: Customer): string {
  const isZh = chance(rng, customer.profile.isOverseas ? 0.15 : 0.75);
  const base = pick(rng, isZh ? leaf.queriesZh : leaf.queries);
  if (!chance(rng, 0.2) || leaf.products.length === 0) return base;
  const brand = (model.products[pick(rng, leaf.products)] as Product).brand;
  return isZh ? `${brand}${base}` : `${brand.toLowerCase()} ${base}`;
}

function statusFor(rng: Rng, model: ShopModel, product: Product): OrderStatus {
  const returnRate = model.tops[product.top]?.name === 'Fashion' ? 0.1 : 0.03;
  const r = rng.next();
  return r < 0.04 ? 'cancelled' : r < 0.04 + returnRate ? 'returned' : 'completed';
}

/**
 * Simulates one session of `customer` starting at `start` (epoch ms) and emits its events through `ctx`.
 * `day` is the UTC midnight of the local calendar day (for the day's discount).
 */
export function simulateSession(
  ctx: SessionContext,
  customer: Customer,
  start: number,
  day: number,
  entry: SessionEntry,
): SessionResult {
  const { model, rng } = ctx;
  const sessionId = ctx.nextSessionId();
  const currency = customer.profile.currency;
  const discount = discountOn(day);
  let t = start;
  const step = (median: number) => (t += Math.max(1000, toSeconds(logNormal(rng, median, 0.8))));
  const campaign = entry.kind === 'campaign' ? entry : null;

  let top = campaign?.campaign.topCategory ?? chooseTop(rng, model, customer);
  let leaf = chooseLeaf(rng, model, top, customer);
  const r = rng.next();
  if (campaign) {
    ctx.emit(
      makeEvent('click', t, customer.index, sessionId, {
        campaignId: campaign.campaign.id,
        variant: campaign.variant.key,
      }),
    );
  } else if (r < 0.38) {
    ctx.emit(makeEvent('search', t, customer.index, sessionId, { query: searchQuery(rng, model, leaf, customer) }));
    if (chance(rng, 0.04)) return { sessionId, views: 0, carts: 0, order: null }; // nothing found, left
  } else if (r < 0.6) {
    ctx.emit(makeEvent('view', t, customer.index, sessionId, { category: leaf.path }));
  }

  const nViews = Math.min(15, geometric(rng, 0.3));
  const cart: { product: Product; quantity: number }[] = [];
  let views = 0;
  for (let k = 0; k < nViews; k++) {
    if (k > 0 || campaign || r < 0.6) step(35_000);
    if (k > 0) {
      const move = rng.next();
      if (move < 0.06) {
        top = chooseTop(rng, model, customer);
        leaf = chooseLeaf(rng, model, top, customer);
        if (chance(rng, 0.5)) {
          ctx.emit(
            makeEvent('search', t, customer.index, sessionId, { query: searchQuery(rng, model, leaf, customer) }),
          );
          step(15_000);
        }
      } else if (move < 0.26) {
        leaf = chooseLeaf(rng, model, top, customer);
      }
    }
    const product = chooseProduct(rng, model, leaf, customer, t);
    if (!product) continue;
    const price = priceIn(model, product.price * (1 - discount), currency);
    ctx.emit(
      makeEvent('view', t, customer.index, sessionId, { product: product.index, category: leaf.path, price, currency }),
    );
    views++;
    // Shopping momentum: once something is in the cart, more of what follows goes there too.
    const pCart = cartProbability(model, customer, product, discount) * (cart.length ? CART_MOMENTUM : 1);
    if (cart.some((c) => c.product === product) || !chance(rng, pCart)) continue;
    const quantity = chooseQuantity(rng, model, product);
    step(20_000);
    ctx.emit(
      makeEvent('cart', t, customer.index, sessionId, {
        product: product.index,
        category: leaf.path,
        quantity,
        price,
        currency,
      }),
    );
    cart.push({ product, quantity });
  }

  const lift = campaign ? campaign.variant.conversionLift : 0;
  if (cart.length === 0 || !chance(rng, purchaseProbability(customer, discount, lift))) {
    return { sessionId, views, carts: cart.length, order: null };
  }
  const bought =
    cart.length > 1 && chance(rng, 0.15) ? cart.slice(0, 1 + Math.floor(rng.next() * (cart.length - 1))) : cart;
  step(90_000);
  const order: SimOrder = {
    id: ctx.nextOrderId(),
    customer: customer.index,
    placedAt: t,
    currency,
    status: statusFor(rng, model, (bought[0] as { product: Product }).product),
    lines: bought.map((b) => ({
      product: b.product.index,
      quantity: b.quantity,
      unitPrice: priceIn(model, b.product.price * (1 - discount), currency),
    })),
    campaignId: campaign ? campaign.campaign.id : null,
    variant: campaign ? campaign.variant.key : null,
  };
  ctx.addOrder(order);
  for (const line of order.lines) {
    const product = model.products[line.product] as Product;
    ctx.emit(
      makeEvent('purchase', t, customer.index, sessionId, {
        product: line.product,
        category: (model.leaves[product.leaf] as Leaf).path,
        quantity: line.quantity,
        price: line.unitPrice,
        value: Math.round(line.quantity * line.unitPrice * 100) / 100,
        currency,
        campaignId: order.campaignId,
        variant: order.variant,
        orderId: order.id,
      }),
    );
  }
  if (order.status === 'completed' && chance(rng, 0.2)) {
    const line = order.lines[
      pickWeighted(
        rng,
        order.lines.map(() => 1),
      )
    ] as SimOrder['lines'][number];
    const product = model.products[line.product] as Product;
    const score = Math.min(5, Math.max(1, Math.round(product.quality + 0.9 * normal(rng))));
    const at = t + toSeconds((2 + 12 * rng.next()) * DAY_MS);
    const category = (model.leaves[product.leaf] as Leaf).path;
    ctx.emit(
      makeEvent('feedback', at, customer.index, null, {
        product: line.product,
        category,
        value: score,
        orderId: order.id,
      }),
    );
  }
  return { sessionId, views, carts: cart.length, order };
}
