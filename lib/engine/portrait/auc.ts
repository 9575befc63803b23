import type { InsufficientData } from './types';

export type AucResult = { type: 'ok'; auc: number; positives: number; negatives: number } | InsufficientData;

/**
 * Area under the ROC curve by the Mann–Whitney U statistic with mid-ranks for ties:
 * AUC = (Σ ranks of positives − n₊(n₊+1)/2) / (n₊ n₋), which equals the probability that a random positive scores
 * higher than a random negative, counting ties as ½ (same as scikit-learn's `roc_auc_score`). O(n log n).
 *
 * @example
 * computeAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]); // { type: 'ok', auc: 0.75, positives: 2, negatives: 2 }
 */
export function computeAuc(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>): AucResult {
  const n = scores.length;
  if (labels.length !== n)
    throw new RangeError(`computeAuc: scores (${n}) and labels (${labels.length}) differ in length`);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(scores[i]!)) throw new RangeError(`computeAuc: score ${i} is not finite`);
  order.sort((i, j) => scores[i]! - scores[j]!);
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const midRank = (i + j + 2) / 2; // ranks are 1-based
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!]) {
        positives++;
        rankSum += midRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return { type: 'insufficient-data', reason: 'oneClass' };
  return {
    type: 'ok',
    auc: (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives),
    positives,
    negatives,
  };
}
