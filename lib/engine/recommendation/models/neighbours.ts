/**
 * Models that score through item → item neighbour lists: item-kNN (co-occurrence cosine, engine `fitItemKnn`) and
 * content (attribute similarity, engine `contentNeighbours`).
 *   score(h, i) = Σ_{j ∈ history} (w_j / max w) · s_ji
 * over the stored k neighbours of each history item j (w = decayed interaction weight), so a purchase counts more
 * than a view and a recent view more than an old one. Explanation: the history item contributing most.
 */
import { CONTENT_ATTRIBUTES, contentNeighbours, type ContentWeights } from '../content';
import { fitContentWeights, itemPairs } from '../content-fit';
import { fitItemKnn } from '../item-knn';
import type { Csr } from '../types';
import { tuneParams } from './tuning';
import {
  maxOf,
  round3,
  type Fitted,
  type ModelFamily,
  type RequestHistory,
  type ServingModel,
  type SharedParts,
} from './types';

export function csrBuffers(c: Csr, prefix: string): Fitted['buffers'] {
  return { [`${prefix}RowPtr`]: c.rowPtr, [`${prefix}ColIdx`]: c.colIdx, [`${prefix}Values`]: c.values };
}

export function csrFrom(buffers: Fitted['buffers'], prefix: string, nCols: number): Csr {
  const rowPtr = buffers[`${prefix}RowPtr`],
    colIdx = buffers[`${prefix}ColIdx`],
    values = buffers[`${prefix}Values`];
  if (!(rowPtr instanceof Int32Array) || !(colIdx instanceof Int32Array) || !(values instanceof Float32Array))
    throw new RangeError(`csrFrom: buffers ${prefix}* are missing`);
  return { nRows: rowPtr.length - 1, nCols, rowPtr, colIdx, values };
}

/** Σ over history of weighted neighbour similarities into `out`. */
export function scoreByNeighbours(N: Csr, h: RequestHistory, out: Float32Array): void {
  out.fill(0);
  const m = maxOf(h.values);
  for (let k = 0; k < h.items.length; k++) {
    const j = h.items[k]!,
      w = h.values[k]! / m;
    if (j >= N.nRows) continue;
    for (let s = N.rowPtr[j]!; s < N.rowPtr[j + 1]!; s++) out[N.colIdx[s]!]! += w * N.values[s]!;
  }
}

/** The history item whose weighted similarity to `item` is largest, with the raw similarity (anchor −1 when none). */
export function bestAnchor(N: Csr, h: RequestHistory, item: number): { anchor: number; similarity: number } {
  const m = maxOf(h.values);
  let anchor = -1,
    best = 0,
    similarity = 0;
  for (let k = 0; k < h.items.length; k++) {
    const j = h.items[k]!;
    if (j === item || j >= N.nRows) continue;
    for (let s = N.rowPtr[j]!; s < N.rowPtr[j + 1]!; s++) {
      if (N.colIdx[s] !== item) continue;
      const v = (h.values[k]! / m) * N.values[s]!;
      if (v > best) {
        best = v;
        anchor = j;
        similarity = N.values[s]!;
      }
      break;
    }
  }
  return { anchor, similarity };
}

function neighbourModel(
  kind: 'item-knn' | 'content',
  N: Csr,
  shared: SharedParts,
  weights?: ContentWeights,
): ServingModel {
  const content = kind === 'content' && weights ? shared.content.withWeights(weights) : shared.content;
  return {
    kind,
    nItems: shared.nItems,
    score: (h, out) => scoreByNeighbours(N, h, out),
    explain(h, item) {
      const { anchor, similarity } = bestAnchor(N, h, item);
      if (anchor < 0) return null;
      if (kind === 'content') return { ...content.explain(anchor, item), similarity: round3(similarity) };
      return { kind: 'because-you-interacted', anchorItem: anchor, similarity: round3(similarity) };
    },
    ...(kind === 'item-knn' ? { device: { lists: () => N, binary: false, signed: false } } : {}),
  };
}

const ITEM_KNN_GRID = { k: [50, 100, 200], shrink: [0, 10, 50] } as const;

export const itemKnnFamily: ModelFamily = {
  kind: 'item-knn',
  async fit(input) {
    const build = (train: typeof input.train, p: { k: number; shrink: number }) =>
      fitItemKnn(train, { k: p.k, shrink: p.shrink }).neighbours;
    const tuned = await tuneParams(input, ITEM_KNN_GRID, { k: 100, shrink: 10 }, async (p, t) => {
      const shared = t.shared(t.train);
      return neighbourModel('item-knn', build(t.train, p), shared);
    });
    input.control.signal?.throwIfAborted();
    const N = build(input.train, tuned.best);
    return {
      buffers: csrBuffers(N, 'nb'),
      params: {
        k: tuned.best.k,
        shrink: tuned.best.shrink,
        similarity: 'cosine',
        ...(tuned.score !== undefined ? { validationNdcg: round3(tuned.score) } : {}),
      },
    };
  },
  load(fitted, shared) {
    return neighbourModel('item-knn', csrFrom(fitted.buffers, 'nb', shared.nItems), shared);
  },
};

/** Content weights chosen for a catalogue: fitted on validation "next item" pairs when there are any. */
export function fitWeights(input: Parameters<ModelFamily['fit']>[0]): { weights: ContentWeights; note: string } {
  const base = input.content.weights;
  const fixed = input.fixed ? storedContentWeights(input.fixed) : undefined;
  if (fixed) return { weights: fixed, note: String(input.fixed?.weights ?? 'fixed') };
  if (!input.tuning) return { weights: base, note: 'settings' };
  const pairs = itemPairs(input.tuning.validation, { mode: 'next' });
  if (pairs.length < 20) return { weights: base, note: 'settings (too few validation pairs to fit)' };
  const r = fitContentWeights(input.content, pairs, {
    grid: [0, 0.5, 1, 2, 4],
    maxAnchors: 200,
    seed: input.control.seed ?? 42,
  });
  return r.ndcg > r.initialNdcg
    ? { weights: r.weights, note: `fitted (pair NDCG@10 ${round3(r.initialNdcg)} → ${round3(r.ndcg)})` }
    : { weights: base, note: 'settings (fitting did not improve)' };
}

export const contentFamily: ModelFamily = {
  kind: 'content',
  async fit(input) {
    const { weights, note } = fitWeights(input);
    input.control.signal?.throwIfAborted();
    const N = contentNeighbours(input.content.withWeights(weights), 50);
    const params: Fitted['params'] = { neighbours: 50, weights: note };
    for (const a of CONTENT_ATTRIBUTES) params[`w_${a}`] = weights[a];
    return { buffers: csrBuffers(N, 'nb'), params };
  },
  load(fitted, shared) {
    return neighbourModel(
      'content',
      csrFrom(fitted.buffers, 'nb', shared.nItems),
      shared,
      storedContentWeights(fitted.params),
    );
  },
};

/** The content weights stored with a fitted content model (undefined when absent). */
export function storedContentWeights(params: Fitted['params']): ContentWeights | undefined {
  if (params.w_category === undefined) return undefined;
  return Object.fromEntries(CONTENT_ATTRIBUTES.map((a) => [a, Number(params[`w_${a}`] ?? 0)])) as ContentWeights;
}
