/**
 * The on-device scorer: reads a device bundle (`export.ts` writes it) and ranks a shopper's browser-local history
 * the way the server ranks it with the neighbour model the bundle was exported from (serving-core's
 * `rankForHistory` with one item → item model), so no behaviour leaves the device.
 *   weight(j) = Σ_events eventWeight(kind) · 2^(−(ref − t) / halfLife),  ref = max(tRef, newest event)
 *   score(i)  = Σ_{j ∈ history} (weight(j) / max weight) · s_ji   over j's stored top-k neighbours (dequantised)
 * then min-max scaled over all items, items at 0 dropped, the history (unless its category is repurchasable),
 * unavailable items and items outside the category filter excluded, best first (ties: smaller index), topped up
 * from trending. Reasons are the server's: `because-you-interacted` (the history item contributing most) and
 * `trending` / `trending-favourite-category`, with `describe` giving the server's sentence in either language.
 * No imports: compiled on its own to one ES module for storefronts (`scripts/device/build-scorer.ts`).
 *
 * @example
 * const model = parseBundle(await (await fetch(url, { headers })).arrayBuffer());
 * recommend(model, [{ id: 1001, kind: 'purchase', at: Date.now() }], { n: 10 }); // { strategy, items }
 */

export type Kind = 'view' | 'click' | 'cart' | 'purchase';
export type LocalEvent = { id: number; kind: Kind; at: number };
export type ProductRef = { productId: number; sku: string; title: string };
export type CategoryRef = { categoryId: number; path: string; name: string };
export type Reason =
  | { kind: 'because-you-interacted'; data: { anchor: ProductRef; action: Kind; similarity: number } }
  | { kind: 'trending' | 'trending-favourite-category'; data: { category: CategoryRef | null; score: number } };
export type Item = { productId: number; sku: string; title: string; score: number; reasons: Reason[] };
export type Result = { strategy: 'collaborative' | 'popularity'; items: Item[] };
export type Options = { n?: number; category?: number; exclude?: readonly number[]; now?: number; lang?: string };

type Category = { id: number; path: string; name: string; nameZh: string | null };
export type Header = {
  format: 'precisa-device-bundle';
  version: 1;
  /**
   * binary: every history item weighs 1 (EASE scores the 0/1 history); signed: weights are signed integers (EASE
   * keeps each item's k largest |weights|), else unsigned
   */
  model: {
    kind: string;
    runId: number | null;
    version: number;
    k: number;
    bits: 8 | 16;
    binary: boolean;
    signed: boolean;
  };
  exportedAt: number;
  tRef: number;
  halfLifeDays: number;
  /** view, click, cart, purchase */
  eventWeights: [number, number, number, number];
  /** per item: [product id, sku, title, Chinese title or null] */
  products: [number, string, string, string | null][];
  categories: Category[];
  repurchasable: number[];
  unavailable: number[];
  messages: Record<string, Record<string, string>>;
  sections: Record<Section, [number, number]>;
};
type Section = 'category' | 'trend' | 'ptr' | 'idx' | 'w' | 'scale';

export type DeviceModel = {
  header: Header;
  nItems: number;
  index: Map<number, number>;
  category: Int32Array;
  trend: Float32Array;
  ptr: Uint32Array;
  idx: Uint16Array | Uint32Array;
  w: Uint8Array | Uint16Array | Int8Array | Int16Array;
  scale: Float32Array;
  /** category index → repurchasable */
  repurchasable: Set<number>;
  /** per-item buffers `recommend` reuses, so a call allocates only its history and result */
  work: { score: Float32Array; best: Float32Array; anchor: Int32Array; from: Int32Array };
};

const KINDS: Kind[] = ['view', 'click', 'cart', 'purchase'];
const DAY = 86_400_000;
export const MAGIC = 0x31424450; // 'PDB1' little-endian

/**
 * Fetches and reads the bundle: asks for the gzipped form and inflates it in the browser (DecompressionStream).
 *
 * @example
 * const model = await loadBundle('/api/v1/recommendations/bundle', { authorization: `Bearer ${key}` });
 */
export async function loadBundle(url: string, headers: Record<string, string> = {}): Promise<DeviceModel> {
  const res = await fetch(url, { headers: { ...headers, accept: 'application/gzip' } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(`${res.status}: ${body?.error?.message ?? res.statusText}`);
  }
  const gzip = res.headers.get('content-type')?.startsWith('application/gzip') ? res.body : null;
  const raw = gzip ? new Response(gzip.pipeThrough(new DecompressionStream('gzip'))) : res;
  return parseBundle(await raw.arrayBuffer());
}

/** Reads a bundle (the raw bytes `GET /api/v1/recommendations/bundle` answers). */
export function parseBundle(buf: ArrayBuffer): DeviceModel {
  const view = new DataView(buf);
  if (buf.byteLength < 8 || view.getUint32(0, true) !== MAGIC) throw new Error('not a Precisa device bundle');
  const len = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 8, len))) as Header;
  if (header.format !== 'precisa-device-bundle' || header.version !== 1) throw new Error('unsupported bundle version');
  const base = (8 + len + 3) & ~3;
  const n = header.products.length;
  const at = (s: Section) => base + header.sections[s][0];
  const count = (s: Section) => header.sections[s][1];
  const ptr = new Uint32Array(buf, at('ptr'), count('ptr'));
  return {
    header,
    nItems: n,
    index: new Map(header.products.map((p, i) => [p[0], i])),
    category: new Int32Array(buf, at('category'), count('category')),
    trend: new Float32Array(buf, at('trend'), count('trend')),
    ptr,
    idx: undelta(new Uint8Array(buf, at('idx'), count('idx')), ptr, n > 65536 ? Uint32Array : Uint16Array),
    w: new (WEIGHTS[`${header.model.signed ? 'i' : 'u'}${header.model.bits}`] ?? Uint8Array)(buf, at('w'), count('w')),
    scale: new Float32Array(buf, at('scale'), count('scale')),
    repurchasable: new Set(header.repurchasable),
    work: { score: new Float32Array(n), best: new Float32Array(n), anchor: new Int32Array(n), from: new Int32Array(n) },
  };
}

const WEIGHTS: Record<string, typeof Uint8Array | typeof Uint16Array | typeof Int8Array | typeof Int16Array> = {
  u8: Uint8Array,
  u16: Uint16Array,
  i8: Int8Array,
  i16: Int16Array,
};

/** Column indices from their LEB128 varints: per row the first column, then the gaps to the next. */
function undelta(bytes: Uint8Array, ptr: Uint32Array, Out: typeof Uint16Array | typeof Uint32Array) {
  const out = new Out(ptr[ptr.length - 1] ?? 0);
  let b = 0;
  for (let r = 0; r + 1 < ptr.length; r++) {
    let col = 0;
    for (let p = ptr[r]!; p < ptr[r + 1]!; p++) {
      let v = 0,
        shift = 0,
        x = 0;
      do {
        x = bytes[b++]!;
        v += (x & 127) * 2 ** shift;
        shift += 7;
      } while (x & 128);
      col = p === ptr[r] ? v : col + v;
      out[p] = col;
    }
  }
  return out;
}

type History = { items: number[]; values: number[]; kinds: number[] };

function historyOf(m: DeviceModel, events: readonly LocalEvent[]): History {
  const h = m.header;
  let newest = h.tRef;
  for (const e of events) if (e.at > newest) newest = e.at;
  const value = new Map<number, number>(),
    kind = new Map<number, number>();
  for (const e of events) {
    const i = m.index.get(e.id),
      k = KINDS.indexOf(e.kind);
    if (i === undefined || k < 0) continue;
    const decay = h.halfLifeDays > 0 && e.at < newest ? 2 ** (-(newest - e.at) / (h.halfLifeDays * DAY)) : 1;
    const w = h.eventWeights[k]! * decay;
    if (!(w > 0)) continue;
    value.set(i, (value.get(i) ?? 0) + w);
    kind.set(i, Math.max(kind.get(i) ?? 0, k));
  }
  const items = [...value.keys()].sort((a, b) => a - b);
  const values = items.map((i) => (h.model.binary ? 1 : value.get(i)!));
  return { items, values, kinds: items.map((i) => kind.get(i)!) };
}

function maxOf(values: number[]): number {
  let mx = 0;
  for (const v of values) if (v > mx) mx = v;
  return mx > 0 ? mx : 1;
}

/** Category indices under the category with id `id` (itself and descendants by path); null = no filter. */
function categoryFilter(m: DeviceModel, id: number | undefined): Set<number> | null {
  if (id === undefined) return null;
  const cats = m.header.categories;
  const root = cats.find((c) => c.id === id);
  const out = new Set<number>();
  if (root)
    cats.forEach((c, k) => {
      if (c.path === root.path || c.path.startsWith(`${root.path} > `)) out.add(k);
    });
  return out;
}

/** Best first, ties by smaller index; only scores > −∞. */
function topOf(s: Float32Array, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const v = s[i]!;
    if (!(v > -Infinity)) continue;
    let p = out.length;
    while (p > 0 && s[out[p - 1]!]! < v) p--;
    if (p < n) {
      out.splice(p, 0, i);
      if (out.length > n) out.pop();
    }
  }
  return out;
}

function productRef(m: DeviceModel, i: number, lang: string): ProductRef {
  const p = m.header.products[i]!;
  return { productId: p[0], sku: p[1], title: (lang === 'zh-CN' && p[3]) || p[2] };
}

function categoryRef(m: DeviceModel, c: number, lang: string): CategoryRef | null {
  const cat = m.header.categories[c];
  if (!cat) return null;
  return { categoryId: cat.id, path: cat.path, name: (lang === 'zh-CN' && cat.nameZh) || cat.name };
}

/** Ranks `n` items for the local history (an empty history gets trending). */
export function recommend(m: DeviceModel, events: readonly LocalEvent[], options: Options = {}): Result {
  const { n = 10, lang = 'en', now = Date.now() } = options;
  const h = historyOf(m, events);
  const N = m.nItems,
    mx = maxOf(h.values),
    bits = (m.header.model.bits === 16 ? 65535 : 255) >> (m.header.model.signed ? 1 : 0);
  const filter = categoryFilter(m, options.category);
  const blocked = (s: Float32Array) => {
    for (const i of h.items) if (!m.repurchasable.has(m.category[i]!)) s[i] = -Infinity;
    for (const i of m.header.unavailable) s[i] = -Infinity;
    for (const id of options.exclude ?? []) {
      const i = m.index.get(id);
      if (i !== undefined) s[i] = -Infinity;
    }
    if (filter) for (let i = 0; i < N; i++) if (!filter.has(m.category[i]!)) s[i] = -Infinity;
  };
  let favourite = -1;
  const share = new Map<number, number>();
  h.items.forEach((i, k) => {
    const c = m.category[i]!;
    if (c >= 0) share.set(c, (share.get(c) ?? 0) + h.values[k]!);
  });
  let most = 0;
  for (const [c, s] of share) if (s > most || (s === most && c < favourite)) [favourite, most] = [c, s];
  const age = Math.max(now, m.header.exportedAt) - m.header.exportedAt;
  const decay = m.header.halfLifeDays > 0 ? 2 ** (-age / (m.header.halfLifeDays * DAY)) : 1;
  const trending = (i: number): Reason => {
    const c = m.category[i]!;
    return {
      kind: c >= 0 && c === favourite ? 'trending-favourite-category' : 'trending',
      data: { category: c >= 0 ? categoryRef(m, c, lang) : null, score: Math.round(m.trend[i]! * decay * 100) / 100 },
    };
  };
  const items: Item[] = [];
  const strategy = h.items.length > 0 ? 'collaborative' : 'popularity';
  // per item: the history item contributing most (ties: the first in item order), as the server's bestAnchor
  const { score: s, best, anchor, from } = m.work;
  if (strategy === 'collaborative') {
    s.fill(0);
    best.fill(0);
    anchor.fill(-1);
    for (let k = 0; k < h.items.length; k++) {
      const j = h.items[k]!,
        f = (h.values[k]! / mx) * (m.scale[j]! / bits);
      for (let p = m.ptr[j]!, end = m.ptr[j + 1]!; p < end; p++) {
        const i = m.idx[p]!,
          v = f * m.w[p]!;
        s[i]! += v;
        if (v > best[i]! && i !== j) {
          best[i] = v;
          anchor[i] = j;
          from[i] = k;
        }
      }
    }
    let lo = Infinity,
      hi = -Infinity;
    for (let i = 0; i < N; i++) {
      const v = s[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    for (let i = 0; i < N; i++) s[i] = hi > lo ? (s[i]! - lo) / (hi - lo) : 0;
    blocked(s);
    for (let i = 0; i < N; i++) if (!(s[i]! > 0)) s[i] = -Infinity;
    for (const i of topOf(s, n)) items.push({ ...productRef(m, i, lang), score: s[i]!, reasons: [anchorOf(i)] });
  }
  function anchorOf(item: number): Reason {
    const j = anchor[item]!,
      k = from[item]!;
    if (j < 0) return trending(item);
    const similarity = Math.round((best[item]! / (h.values[k]! / mx)) * 1000) / 1000;
    const data = { anchor: productRef(m, j, lang), action: KINDS[h.kinds[k]!] ?? 'view', similarity };
    return { kind: 'because-you-interacted', data };
  }
  if (items.length < n) {
    s.set(m.trend);
    blocked(s);
    for (const it of items) s[m.index.get(it.productId)!] = -Infinity;
    for (const i of topOf(s, n - items.length))
      items.push({ ...productRef(m, i, lang), score: s[i]!, reasons: [trending(i)] });
  }
  return { strategy, items };
}

/** The server's sentence for a reason, in the bundle's language `lang` ('en' or 'zh-CN'). */
export function describe(m: DeviceModel, r: Reason, lang = 'en'): string {
  const t = m.header.messages[lang] ?? m.header.messages.en ?? {};
  const fill = (key: string, vars: Record<string, string>) =>
    (t[key] ?? key).replace(/\{(\w+)\}/g, (s, name: string) => vars[name] ?? s);
  if (r.kind === 'because-you-interacted')
    return fill(`because.${r.data.action}`, { title: r.data.anchor.title, similarity: r.data.similarity.toFixed(2) });
  const name = r.data.category?.name;
  if (r.kind === 'trending-favourite-category' && name) return fill('trendingFavourite', { category: name });
  return name ? fill('trendingCategory', { category: name }) : fill('trending', {});
}
