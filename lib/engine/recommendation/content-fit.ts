/**
 * Fitting the content attribute weights w_k to behaviour: maximise the NDCG@k with which the items a customer
 * went on to buy/watch ("next" pairs) or bought in the same basket ("basket" pairs) rank among all items by
 * content similarity to the anchor item. Coordinate ascent over a grid of weights (tune.ts) on validation
 * pairs; attributes missing from the catalogue are left out.
 *
 * @example
 * const pairs = itemPairs(validation, { mode: 'next' });
 * const { weights, ndcg } = fitContentWeights(content, pairs);
 * const tuned = content.withWeights(weights);
 */
import { CONTENT_ATTRIBUTES, type ContentAttribute, type ContentModel, type ContentWeights } from './content';
import { rankingMetrics } from './metrics';
import { createRng, shuffleInPlace } from './random';
import { searchParams } from './tune';
import { topK } from './top-k';
import type { Interactions } from './types';

export type ItemPair = { anchor: number; target: number };

/**
 * Item pairs from interactions: 'next' = each user's consecutive distinct items in time order;
 * 'basket' = items of the same user with the same timestamp (one invoice), every ordered pair (≤ 20 items/basket).
 *
 * @example
 * itemPairs(purchases, { mode: 'basket' }); // [{ anchor: 3, target: 7 }, { anchor: 7, target: 3 }, …]
 */
export function itemPairs(data: Interactions, options: { mode?: 'next' | 'basket' } = {}): ItemPair[] {
  const { mode = 'next' } = options;
  const n = data.users.length;
  const ts = data.timestamps;
  const order = Int32Array.from({ length: n }, (_, k) => k).sort(
    (a, b) => data.users[a]! - data.users[b]! || (ts ? ts[a]! - ts[b]! : 0) || a - b,
  );
  const pairs: ItemPair[] = [];
  let start = 0;
  for (let p = 1; p <= n; p++) {
    const boundary =
      p === n ||
      data.users[order[p]!] !== data.users[order[start]!] ||
      (mode === 'basket' && ts && ts[order[p]!] !== ts[order[start]!]);
    if (!boundary) continue;
    const group = order.subarray(start, p);
    if (mode === 'next') {
      for (let q = 1; q < group.length; q++) {
        const a = data.items[group[q - 1]!]!,
          b = data.items[group[q]!]!;
        if (a !== b) pairs.push({ anchor: a, target: b });
      }
    } else {
      const items = [...new Set(Array.from(group, (k) => data.items[k]!))].slice(0, 20);
      for (const a of items) for (const b of items) if (a !== b) pairs.push({ anchor: a, target: b });
    }
    start = p;
  }
  return pairs;
}

export type FitContentWeightsOptions = {
  /** weight values tried per attribute; default [0, 0.5, 1, 2, 4] */
  grid?: readonly number[];
  k?: number;
  /** anchors sampled (seeded) to bound the cost; default 300 */
  maxAnchors?: number;
  seed?: number;
};

/**
 * Coordinate-ascent fit of the attribute weights on item pairs.
 *
 * @example
 * fitContentWeights(content, pairs, { grid: [0, 1, 3] }); // { weights, ndcg, initialNdcg, anchors, trials }
 */
export function fitContentWeights(
  content: ContentModel,
  pairs: readonly ItemPair[],
  options: FitContentWeightsOptions = {},
) {
  const { grid = [0, 0.5, 1, 2, 4], k = 10, maxAnchors = 300, seed = 42 } = options;
  if (pairs.length === 0) throw new RangeError('fitContentWeights: no pairs to fit on');
  const targets = new Map<number, Set<number>>();
  for (const { anchor, target } of pairs) {
    if (!targets.has(anchor)) targets.set(anchor, new Set());
    targets.get(anchor)!.add(target);
  }
  const anchors = shuffleInPlace(Int32Array.from(targets.keys()).sort(), createRng(seed)).slice(0, maxAnchors);
  const n = content.nItems;
  const rows = Array.from(anchors, (a) => content.attributeRows(a));
  const present = CONTENT_ATTRIBUTES.filter((attr) => rows.some((r) => r[attr].some((v) => !Number.isNaN(v))));
  const score = new Float32Array(n);
  const ndcgFor = (weights: Record<ContentAttribute, number>) => {
    let total = 0;
    rows.forEach((r, idx) => {
      for (let j = 0; j < n; j++) {
        let num = 0,
          den = 0;
        for (const attr of present) {
          const s = r[attr][j]!,
            w = weights[attr];
          if (w > 0 && !Number.isNaN(s)) {
            num += w * s;
            den += w;
          }
        }
        score[j] = den > 0 ? num / den : 0;
      }
      score[anchors[idx]!] = -Infinity;
      total += rankingMetrics(topK(score, k), targets.get(anchors[idx]!)!, k).ndcg;
    });
    return total / rows.length;
  };
  const initial = { ...content.weights };
  const searchGrid = Object.fromEntries(present.map((a) => [a, grid])) as Record<string, readonly number[]>;
  const result = searchParams(searchGrid, (p) => ndcgFor({ ...initial, ...(p as Partial<ContentWeights>) }), {
    start: Object.fromEntries(present.map((a) => [a, grid.includes(initial[a]) ? initial[a] : grid[grid.length - 1]!])),
  });
  const weights: ContentWeights = { ...initial, ...(result.best as Partial<ContentWeights>) };
  return {
    weights,
    ndcg: result.score,
    initialNdcg: ndcgFor(initial),
    anchors: anchors.length,
    trials: result.trials.length,
    attributes: present,
  };
}
