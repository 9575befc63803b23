import { EVENT_TYPES, PROFILE_FIELDS, type ProfileField, type ValueType } from '@/lib/schemas/segment';
import { customValue, emailDomainOf } from '../semantics';
import {
  COMPLETED,
  type SegmentCategory,
  type SegmentCustomer,
  type SegmentOrder,
  type SegmentProduct,
  type SegmentProfile,
} from '../types';
import { EventColumns } from './event-columns';
import { Dictionary, Growable } from './growable';

/**
 * An in-memory columnar copy of what segment conditions read: one slot per customer (typed-array columns), events
 * per type grouped by day, orders with their line products, tags as (slot, score) pairs. Built from rows and kept
 * fresh by appends/upserts (the loader in lib/db/segments feeds it). Evaluated by `evaluateOnIndex`, and held equal
 * to the SQL path and the in-memory evaluator by the property tests.
 */
export const STRING_FIELDS = ['externalId', 'region', 'city', 'gender', 'emailDomain'] as const;
export type StringField = (typeof STRING_FIELDS)[number];
export const PROFILE_STRING_FIELDS = ['rfmGroup', 'lifecycle'] as const;
export const PROFILE_NUMBER_FIELDS = (Object.keys(PROFILE_FIELDS) as ProfileField[]).filter(
  (f) => PROFILE_FIELDS[f] !== 'string',
);
/** Purchases are read from orders, so purchase events are not kept. */
export const INDEXED_EVENT_TYPES = EVENT_TYPES.filter((t) => t !== 'purchase');

const CUSTOMER_ID_LIMIT = 1 << 27;

/** Customer.attributes as stored JSON text, parsed only when a custom-attribute condition first needs it. */
export class RawJson {
  constructor(readonly text: string) {}
  parse(): unknown {
    try {
      return JSON.parse(this.text) as unknown;
    } catch {
      return null;
    }
  }
}

export class CustomColumn {
  numbers: Float64Array | null;
  codes: Int32Array | null;
  readonly dict = new Dictionary();
  size = 0;
  constructor(
    readonly key: string,
    readonly type: ValueType,
  ) {
    this.numbers = type === 'number' ? new Float64Array(0) : null;
    this.codes = type === 'number' ? null : new Int32Array(0);
  }

  /** Makes room for `size` slots (new slots are set by the caller). */
  grow(size: number) {
    if (size <= this.size) return;
    const capacity = Math.max(size, Math.ceil(this.size * 1.25));
    if (this.numbers && this.numbers.length < size) {
      const next = new Float64Array(capacity).fill(NaN);
      next.set(this.numbers.subarray(0, this.size));
      this.numbers = next;
    }
    if (this.codes && this.codes.length < size) {
      const next = new Int32Array(capacity).fill(-1);
      next.set(this.codes.subarray(0, this.size));
      this.codes = next;
    }
    this.size = size;
  }

  set(slot: number, attributes: unknown) {
    const v = customValue(attributes, this.key, this.type);
    if (this.numbers) this.numbers[slot] = (v as number | null) ?? NaN;
    else this.codes![slot] = this.dict.code(v === null ? null : String(v));
  }
}

export class TagColumn {
  readonly slot = new Growable(Int32Array, 64);
  readonly score = new Growable(Float64Array, 64);
  /** later changes, by slot: a score, or NaN for a removed tag; folded into the arrays by `compact` */
  readonly overrides = new Map<number, number>();

  compact() {
    if (this.overrides.size === 0) return;
    const keep: [number, number][] = [];
    for (let k = 0; k < this.slot.length; k++)
      if (!this.overrides.has(this.slot.data[k]!)) keep.push([this.slot.data[k]!, this.score.data[k]!]);
    for (const [s, v] of this.overrides) if (!Number.isNaN(v)) keep.push([s, v]);
    this.slot.length = 0;
    this.score.length = 0;
    for (const [s, v] of keep) {
      this.slot.push(s);
      this.score.push(v);
    }
    this.overrides.clear();
  }
}

export class SegmentIndex {
  /** number of customer slots */
  size = 0;
  /** bumped whenever a customer slot is added or changed (derived masks are cached per version) */
  customerVersion = 0;
  /** bumped whenever an order is added or changed (cached order sums are kept per version) */
  ordersVersion = 0;
  /** orders were appended in placedAt order (as a live shop writes them): windows can binary-search */
  ordersTimeSorted = true;
  readonly ids = new Growable(Int32Array);
  private readonly slotById = new Growable(Int32Array, 1024, -1);
  private readonly slotByLargeId = new Map<number, number>();
  readonly erased = new Growable(Uint8Array);
  readonly consent = { email: new Growable(Uint8Array), sms: new Growable(Uint8Array), push: new Growable(Uint8Array) };
  /** has an address to send to (e-mail, phone) */
  readonly address = { email: new Growable(Uint8Array), sms: new Growable(Uint8Array) };
  readonly strings = Object.fromEntries(
    STRING_FIELDS.map((f) => [f, { codes: new Growable(Int32Array, 1024, -1), dict: new Dictionary() }]),
  ) as Record<StringField, { codes: Growable<Int32Array>; dict: Dictionary }>;
  readonly birthYear = new Growable(Float64Array, 1024, NaN);
  readonly signupAt = new Growable(Float64Array, 1024, NaN);
  readonly attributes: unknown[] = [];
  /** typed columns of custom attributes, built on first use and kept current by upsertCustomer */
  private readonly customColumns = new Map<string, CustomColumn>();
  readonly profileNumbers = Object.fromEntries(
    PROFILE_NUMBER_FIELDS.map((f) => [f, new Growable(Float64Array, 1024, NaN)]),
  ) as Record<string, Growable<Float64Array>>;
  readonly profileStrings = Object.fromEntries(
    PROFILE_STRING_FIELDS.map((f) => [f, { codes: new Growable(Int32Array, 1024, -1), dict: new Dictionary() }]),
  ) as Record<(typeof PROFILE_STRING_FIELDS)[number], { codes: Growable<Int32Array>; dict: Dictionary }>;
  readonly tags = new Map<string, TagColumn>();
  readonly events = new Map<string, EventColumns>(INDEXED_EVENT_TYPES.map((t) => [t, new EventColumns()]));
  readonly orders = {
    customer: new Growable(Int32Array),
    placedAt: new Growable(Float64Array),
    total: new Growable(Float64Array),
    completed: new Growable(Uint8Array),
    campaign: new Growable(Int32Array),
    lineStart: new Growable(Int32Array),
    lineProduct: new Growable(Int32Array),
    slotById: new Growable(Int32Array, 1024, -1),
  };
  readonly productCategory = new Growable(Int32Array, 1024, -1);
  readonly productBrand = new Growable(Int32Array, 1024, -1);
  /** The categories a product is listed in (ProductCategory), for the few products that have such links. */
  readonly productLinks = new Map<number, readonly number[]>();
  readonly brands = new Dictionary();
  categories: SegmentCategory[] = [];

  constructor() {
    this.orders.lineStart.push(0);
  }

  private readonly perCustomer: Growable<Int32Array | Float64Array | Uint8Array>[] = [
    this.ids,
    this.erased,
    this.consent.email,
    this.consent.sms,
    this.consent.push,
    this.address.email,
    this.address.sms,
    this.birthYear,
    this.signupAt,
    ...STRING_FIELDS.map((f) => this.strings[f].codes),
    ...Object.values(this.profileNumbers),
    ...PROFILE_STRING_FIELDS.map((f) => this.profileStrings[f].codes),
  ];

  /** The slot of a customer id, allocating an empty one for an id not seen yet (filled by a later upsert). */
  slot(id: number): number {
    const known =
      id >= 0 && id < CUSTOMER_ID_LIMIT
        ? id < this.slotById.length
          ? this.slotById.data[id]!
          : -1
        : (this.slotByLargeId.get(id) ?? -1);
    if (known >= 0) return known;
    const s = this.size++;
    this.customerVersion++;
    for (const g of this.perCustomer) g.extendTo(this.size);
    this.ids.data[s] = id;
    this.attributes.push(null);
    if (id >= 0 && id < CUSTOMER_ID_LIMIT) {
      this.slotById.extendTo(id + 1);
      this.slotById.data[id] = s;
    } else this.slotByLargeId.set(id, s);
    return s;
  }

  upsertCustomer(c: SegmentCustomer) {
    const s = this.slot(c.id);
    this.customerVersion++;
    this.erased.data[s] = c.erasedAt === null ? 0 : 1;
    this.consent.email.data[s] = c.consentEmail ? 1 : 0;
    this.consent.sms.data[s] = c.consentSms ? 1 : 0;
    this.consent.push.data[s] = c.consentPush ? 1 : 0;
    this.address.email.data[s] = c.email ? 1 : 0;
    this.address.sms.data[s] = c.phone ? 1 : 0;
    this.birthYear.data[s] = c.birthYear ?? NaN;
    this.signupAt.data[s] = c.signupAt ?? NaN;
    const values: Record<StringField, string | null> = {
      externalId: c.externalId,
      region: c.region,
      city: c.city,
      gender: c.gender,
      emailDomain: emailDomainOf(c.email),
    };
    for (const f of STRING_FIELDS) this.strings[f].codes.data[s] = this.strings[f].dict.code(values[f]);
    this.attributes[s] = c.attributes;
    for (const col of this.customColumns.values())
      if (s < col.size) col.set(s, c.attributes instanceof RawJson ? c.attributes.parse() : c.attributes);
  }

  /** A custom attribute as a typed column (numbers with NaN for empty, or dictionary codes), for every slot. */
  customColumn(key: string, type: ValueType): CustomColumn {
    const id = `${key}\u0000${type}`;
    let col = this.customColumns.get(id);
    if (!col) {
      col = new CustomColumn(key, type);
      this.customColumns.set(id, col);
    }
    if (col.size < this.size) {
      const from = col.size;
      col.grow(this.size);
      const attrs = this.attributes;
      for (let i = from; i < this.size; i++) {
        if (attrs[i] instanceof RawJson) attrs[i] = (attrs[i] as RawJson).parse();
        col.set(i, attrs[i]);
      }
    }
    return col;
  }

  upsertProfile(p: SegmentProfile) {
    const s = this.slot(p.customerId);
    for (const f of PROFILE_NUMBER_FIELDS) this.profileNumbers[f]!.data[s] = (p[f] as number | null | undefined) ?? NaN;
    for (const f of PROFILE_STRING_FIELDS)
      this.profileStrings[f].codes.data[s] = this.profileStrings[f].dict.code(p[f] as string | null | undefined);
  }

  private tag(key: string) {
    let t = this.tags.get(key);
    if (!t) {
      t = new TagColumn();
      this.tags.set(key, t);
    }
    return t;
  }

  /** Adds tag rows during a build (no duplicates per customer and key). */
  appendTag(customerId: number, key: string, score: number) {
    const t = this.tag(key);
    t.slot.push(this.slot(customerId));
    t.score.push(score);
  }

  /** Sets (or, with null, removes) one customer's tag after the build. */
  setTag(customerId: number, key: string, score: number | null) {
    const t = this.tag(key);
    t.overrides.set(this.slot(customerId), score ?? NaN);
    if (t.overrides.size > 4096 && t.overrides.size > t.slot.length / 8) t.compact();
  }

  /** Replaces every row of a tag (after the tag was recomputed). */
  replaceTag(key: string, rows: readonly { customerId: number; score: number }[]) {
    this.tags.delete(key);
    for (const r of rows) this.appendTag(r.customerId, key, r.score);
  }

  appendEvent(
    customerId: number,
    type: string,
    ts: number,
    productId: number | null,
    categoryId: number | null,
    campaignId: number | null,
  ) {
    const cols = this.events.get(type);
    if (cols) cols.append(this.slot(customerId), ts, productId ?? -1, categoryId ?? -1, campaignId ?? -1);
  }

  /** The same with the type as an index into INDEXED_EVENT_TYPES (bulk loads); −1 ids stand for null. */
  appendEventCoded(
    customerId: number,
    typeIndex: number,
    ts: number,
    productId: number,
    categoryId: number,
    campaignId: number,
  ) {
    this.eventsByIndex[typeIndex]?.append(this.slot(customerId), ts, productId, categoryId, campaignId);
  }

  private readonly eventsByIndex = INDEXED_EVENT_TYPES.map((t) => this.events.get(t)!);

  appendOrder(o: SegmentOrder, lineProducts: readonly (number | null)[]) {
    this.appendOrderCoded(o.id, o.customerId, o.placedAt, o.status === COMPLETED ? 1 : 0, o.total, o.campaignId ?? -1);
    for (const p of lineProducts) this.orders.lineProduct.push(p ?? -1);
    this.orders.lineStart.push(this.orders.lineProduct.length);
  }

  /**
   * Bulk form: the order's line products must follow with `appendOrderLine`, before the next order; −1 for null.
   * (`appendOrder` does both.)
   */
  appendOrderCoded(
    id: number,
    customerId: number,
    placedAt: number,
    completed: number,
    total: number,
    campaignId: number,
  ) {
    const k = this.orders;
    const slot = k.placedAt.length;
    if (slot > 0 && placedAt < k.placedAt.data[slot - 1]!) this.ordersTimeSorted = false;
    this.ordersVersion++;
    k.customer.push(this.slot(customerId));
    k.placedAt.push(placedAt);
    k.total.push(total);
    k.completed.push(completed);
    k.campaign.push(campaignId);
    k.slotById.extendTo(id + 1);
    k.slotById.data[id] = slot;
  }

  /** Closes the bulk-appended order's line list. */
  endOrderLines(productIds: readonly number[], from: number, to: number) {
    for (let k = from; k < to; k++) this.orders.lineProduct.push(productIds[k]!);
    this.orders.lineStart.push(this.orders.lineProduct.length);
  }

  /** A later change of an order's status (cancelled, returned) or total. */
  updateOrder(orderId: number, status: string, total: number) {
    const slot = orderId < this.orders.slotById.length ? this.orders.slotById.data[orderId]! : -1;
    if (slot < 0) return false;
    this.ordersVersion++;
    this.orders.completed.data[slot] = status === COMPLETED ? 1 : 0;
    this.orders.total.data[slot] = total;
    return true;
  }

  upsertProduct(p: SegmentProduct) {
    this.productCategory.extendTo(p.id + 1);
    this.productBrand.extendTo(p.id + 1);
    this.productCategory.data[p.id] = p.categoryId ?? -1;
    this.productBrand.data[p.id] = this.brands.code(p.brand);
    if (p.categoryIds?.length) this.productLinks.set(p.id, p.categoryIds);
    else this.productLinks.delete(p.id);
  }

  /** Groups the event tails by day and folds tag changes in: call after a build and now and then after appends. */
  compact() {
    for (const cols of this.events.values()) cols.compact();
    for (const t of this.tags.values()) {
      t.compact();
      t.slot.trim();
      t.score.trim();
    }
    for (const g of [...this.perCustomer, this.slotById, ...Object.values(this.orders)]) g.trim();
  }

  /** Bytes held by the typed arrays (attributes objects not included; see `attributeCount`). */
  get bytes() {
    let b = this.ids.bytes + this.slotById.bytes + this.perCustomer.reduce((s, g) => s + g.bytes, 0);
    for (const e of this.events.values()) b += e.bytes;
    for (const g of Object.values(this.orders)) b += g.bytes;
    for (const t of this.tags.values()) b += t.slot.bytes + t.score.bytes;
    return b + this.productBrand.bytes + this.productCategory.bytes;
  }

  get eventCount() {
    let n = 0;
    for (const e of this.events.values()) n += e.length;
    return n;
  }
}
