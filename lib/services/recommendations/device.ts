/**
 * The on-device bundle of the serving model (`lib/engine/recommendation/device`): the model's item → item lists
 * (item-kNN as served; EASE as each item's top-k positive weights; a blend's heaviest such component; before any
 * training the fallback's "bought together" item-kNN; any other model the "bought together" lists), quantised to 8
 * bits, with trending, categories, availability and the reason sentences in English and Chinese; as many neighbours
 * a list as fit 500 KB gzipped (`fitDeviceBundle`: the largest k in 20–200, searched once per loaded version and
 * kept while it still fits). Built once per loaded version and availability/counter state, with its gzip form and
 * an ETag (a hash of the bytes; the gzip form's ends in -gz), so storefronts revalidate with If-None-Match.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import {
  DEVICE_BUNDLE_BUDGET,
  DEVICE_K_RANGE,
  type ExportInput,
  fitDeviceBundle,
} from '@/lib/engine/recommendation/device/export';
import type { Csr } from '@/lib/engine/recommendation/types';
import { LOCALES } from '@/lib/i18n/translate';
import type { Actor } from '../auth/actor';
import { sentence } from './explain';
import { authorizeRead } from './recommend';
import type { Bundle } from './serving/bundle';
import { servingBundle } from './serving/state';

export type DeviceBundleFile = {
  bytes: Uint8Array;
  gzip: Uint8Array;
  etag: string;
  model: { kind: string; source: string; runId: number | null; version: number };
  nItems: number;
  /** neighbours kept per item */
  k: number;
};

const REASONS = [
  'because.view',
  'because.click',
  'because.cart',
  'because.purchase',
  'trending',
  'trendingCategory',
  'trendingFavourite',
] as const;

/** Which lists represent the served model: its own, a blend's heaviest listed component, else bought-together. */
export function deviceLists(bundle: Bundle): {
  lists: Csr;
  binary: boolean;
  signed: boolean;
  kind: string;
  source: string;
} {
  const listed = bundle.components.filter((c) => c.weight > 0 && c.model.device).sort((a, b) => b.weight - a.weight)[0];
  if (listed?.model.device) {
    const source =
      bundle.model === 'fallback' ? 'fallback' : bundle.model === listed.model.kind ? 'model' : 'blend-component';
    const lists = listed.model.device.lists(DEVICE_K_RANGE[1]);
    return { ...listed.model.device, lists, kind: listed.model.kind, source };
  }
  return { lists: bundle.cooc, binary: false, signed: false, kind: 'bought-together', source: 'bought-together' };
}

/** The lists at the top of the k range, per loaded version (EASE's take seconds to sort for ~4k items). */
const listsCache = new WeakMap<Bundle, ReturnType<typeof deviceLists>>();
const gzip = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 });

/** The bundle file at the largest k that fits the budget, or at `previous` (this version's k) while it still fits. */
function build(bundle: Bundle, previous?: number): DeviceBundleFile {
  const listed = listsCache.get(bundle) ?? deviceLists(bundle);
  listsCache.set(bundle, listed);
  const { lists, binary, signed, kind, source } = listed;
  const categories = [...bundle.categories.values()].sort((a, b) => a.id - b.id);
  const catIndex = new Map(categories.map((c, k) => [c.id, k]));
  const messages = Object.fromEntries(
    LOCALES.map((l) => [
      l,
      Object.fromEntries(REASONS.map((key) => [key, sentence(l, `recommendations.reasons.${key}`)])),
    ]),
  );
  const unavailable: number[] = [];
  bundle.unavailable.forEach((u, i) => {
    if (u) unavailable.push(i);
  });
  const input: Omit<ExportInput, 'k'> = {
    model: { kind, runId: bundle.runId, version: bundle.version, binary, signed },
    neighbours: lists,
    bits: 8,
    exportedAt: bundle.popularity.tRef,
    tRef: bundle.meta.tRef,
    halfLifeDays: bundle.meta.settings.halfLifeDays,
    eventWeights: (['view', 'click', 'cart', 'purchase'] as const).map((k) => bundle.meta.settings.eventWeights[k]) as [
      number,
      number,
      number,
      number,
    ],
    products: bundle.products.map((p) => [p.id, p.sku, p.title, p.titleZh]),
    categories: categories.map((c) => ({ id: c.id, path: c.path, name: c.name, nameZh: c.nameZh })),
    itemCategory: Int32Array.from(bundle.itemCategory, (c) => catIndex.get(c) ?? -1),
    repurchasable: [...bundle.repurchasable].flatMap((id) => (catIndex.has(id) ? [catIndex.get(id)!] : [])),
    unavailable,
    trend: bundle.popularity.scores,
    messages,
  };
  const packed = new Map<Uint8Array, Uint8Array>();
  const fitted = fitDeviceBundle(
    input,
    (b) => {
      packed.set(b, gzip(b));
      return packed.get(b)!.length;
    },
    DEVICE_BUNDLE_BUDGET,
    previous,
  );
  const { bytes } = fitted;
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
  return {
    bytes,
    gzip: packed.get(bytes)!,
    etag,
    model: { kind, source, runId: bundle.runId, version: bundle.version },
    nItems: bundle.nItems,
    k: fitted.k,
  };
}

const cache = new WeakMap<Bundle, { key: string; file: DeviceBundleFile }>();

/** The current bundle file (rebuilt when the loaded version, availability or trending counters changed). */
export async function deviceBundle(actor: Actor | null): Promise<DeviceBundleFile> {
  authorizeRead(actor);
  const bundle = await servingBundle();
  const w = bundle.live.watermark;
  const key = `${bundle.live.version}:${w.eventId}:${w.lineId}`;
  const hit = cache.get(bundle);
  if (hit?.key === key) return hit.file;
  const file = build(bundle, hit?.file.k);
  cache.set(bundle, { key, file });
  return file;
}

/**
 * The representation an Accept header asks for: the gzipped bundle (`application/gzip`, its own ETag) or the raw
 * bytes (`application/octet-stream`, the default).
 */
export function bundleVariant(file: DeviceBundleFile, accept: string | null) {
  const gzip = /(^|,)\s*application\/gzip\s*(;|,|$)/i.test(accept ?? '');
  return gzip
    ? { body: file.gzip, contentType: 'application/gzip', etag: `${file.etag.slice(0, -1)}-gz"` }
    : { body: file.bytes, contentType: 'application/octet-stream', etag: file.etag };
}

/** Whether an If-None-Match header names this ETag (a list, weak validators and `*` included). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}

export type DeviceBundleSummary = {
  bytes: number;
  gzipBytes: number;
  nItems: number;
  k: number;
  /** the served model's kind, and where the lists come from */
  served: string;
  model: DeviceBundleFile['model'];
};

/** Size and origin of the current bundle, for the Recommendations page. */
export async function deviceBundleSummary(actor: Actor | null): Promise<DeviceBundleSummary> {
  const file = await deviceBundle(actor);
  const served = (await servingBundle()).model;
  return {
    bytes: file.bytes.length,
    gzipBytes: file.gzip.length,
    nItems: file.nItems,
    k: file.k,
    served,
    model: file.model,
  };
}
