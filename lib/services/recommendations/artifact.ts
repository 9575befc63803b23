/**
 * Stored model versions: one file per training run under <data dir>/models, in the engine's binary model format
 * (linalg-io.ts: a JSON header plus aligned typed-array buffers). The header carries the bundle's metadata (id maps
 * are buffers); component models' buffers are prefixed "c<m>.". Files are written to a temporary name and renamed,
 * so a reader never sees half a model.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ContentWeights } from '@/lib/engine/recommendation/content';
import { decodeModel, encodeModel } from '@/lib/engine/recommendation/linalg-io';
import type { Watermark } from '@/lib/db/recommendations/source';
import type { ComponentKind, Fitted, ModelKind } from '@/lib/engine/recommendation/models/types';
import type { RecommendSettings } from './settings-schema';

export const BUNDLE_FORMAT = 'precisa-recommender';

export type BundleMeta = {
  run: { id: number; model: ModelKind; version: number };
  createdAt: number;
  /** the data the model saw: rows up to these ids */
  watermark: Watermark;
  /** reference time of trending counters and time decay (the latest interaction) */
  tRef: number;
  settings: Pick<RecommendSettings, 'eventWeights' | 'halfLifeDays' | 'trendingHalfLifeDays'>;
  contentWeights: ContentWeights;
  components: { kind: ComponentKind; weight: number; params: Fitted['params'] }[];
  /** length of each training user's precomputed list (0 = none) */
  precomputedN: number;
};

/** Buffers every bundle has (besides the components' "c<m>.*"). */
export type SharedBuffers = {
  userIds: Int32Array;
  itemIds: Int32Array;
  historyRowPtr: Int32Array;
  historyColIdx: Int32Array;
  historyValues: Float32Array;
  /** strongest interaction kind per (user, item), parallel to history */
  historyKinds: Float32Array;
  seqPtr: Int32Array;
  seqItems: Int32Array;
  popTrend: Float32Array;
  popPurchases: Float32Array;
  coocRowPtr: Int32Array;
  coocColIdx: Int32Array;
  coocValues: Float32Array;
  preItems: Int32Array;
  preScores: Float32Array;
};

export type DecodedBundle = { meta: BundleMeta; shared: SharedBuffers; components: Fitted[] };

export function encodeBundle(meta: BundleMeta, shared: SharedBuffers, components: readonly Fitted[]): Uint8Array {
  const buffers: Record<string, Float32Array | Int32Array> = { ...shared };
  components.forEach((c, m) => {
    for (const [name, buf] of Object.entries(c.buffers)) buffers[`c${m}.${name}`] = buf;
  });
  const withParams = {
    ...meta,
    components: meta.components.map((c, m) => ({ ...c, params: components[m]?.params ?? c.params })),
  };
  return encodeModel({
    header: {
      format: BUNDLE_FORMAT,
      version: 1,
      name: meta.run.model,
      nUsers: shared.userIds.length,
      nItems: shared.itemIds.length,
      params: { meta: JSON.stringify(withParams) },
    },
    buffers,
  });
}

const SHARED_NAMES: (keyof SharedBuffers)[] = [
  'userIds',
  'itemIds',
  'historyRowPtr',
  'historyColIdx',
  'historyValues',
  'historyKinds',
  'seqPtr',
  'seqItems',
  'popTrend',
  'popPurchases',
  'coocRowPtr',
  'coocColIdx',
  'coocValues',
  'preItems',
  'preScores',
];

export function decodeBundle(bytes: Uint8Array): DecodedBundle {
  const model = decodeModel(bytes);
  if (model.header.format !== BUNDLE_FORMAT || model.header.version !== 1)
    throw new RangeError(`decodeBundle: not a ${BUNDLE_FORMAT} v1 file`);
  const meta = JSON.parse(String(model.header.params.meta)) as BundleMeta;
  const shared = {} as Record<string, Float32Array | Int32Array>;
  for (const name of SHARED_NAMES) {
    const buf = model.buffers[name];
    if (!buf) throw new RangeError(`decodeBundle: buffer ${name} is missing`);
    shared[name] = buf;
  }
  const components: Fitted[] = meta.components.map((c, m) => {
    const prefix = `c${m}.`;
    const buffers: Fitted['buffers'] = {};
    for (const [name, buf] of Object.entries(model.buffers))
      if (name.startsWith(prefix)) buffers[name.slice(prefix.length)] = buf;
    return { buffers, params: c.params };
  });
  return { meta, shared: shared as SharedBuffers, components };
}

/** The file name of a run's model (no directories: stored in RecModelRun.artifact). */
export function artifactName(run: { id: number; model: string; version: number }) {
  return `run-${run.id}-${run.model}-v${run.version}.prm`;
}

function resolveIn(dir: string, name: string) {
  const base = path.basename(name);
  if (base !== name || !/^[\w.-]+$/.test(base))
    throw new RangeError(`artifact name "${name}" is not a plain file name`);
  return path.join(dir, base);
}

/** Writes atomically (temporary file, fsync, rename); on failure the temporary file is removed. */
export async function writeArtifact(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  await fs.promises.mkdir(dir, { recursive: true });
  const file = resolveIn(dir, name);
  const tmp = `${file}.tmp-${process.pid}`;
  const handle = await fs.promises.open(tmp, 'w');
  try {
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(tmp, file);
  } catch (e) {
    // a full disk (or any failure) leaves no half-written file behind
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
  return file;
}

export async function readArtifact(dir: string, name: string): Promise<DecodedBundle> {
  return decodeBundle(new Uint8Array(await fs.promises.readFile(resolveIn(dir, name))));
}

export async function removeArtifact(dir: string, name: string) {
  await fs.promises.rm(resolveIn(dir, name), { force: true });
}
