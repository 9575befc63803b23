import { buildCsr, columnCounts } from '../recommendation/csr';
import { evaluateRanking } from '../recommendation/evaluate';
import { applySplit, type Split, VALIDATION } from '../recommendation/split';
import type { Interactions, RankingModel } from '../recommendation/types';
import { computeExposureReport, type ExposureReport, ndcgByGroup } from './recommendation';

export type GroupNdcg = { group: string; users: number; ndcg: number };
export type ModelFairness = ExposureReport & { ndcg: number; byGroup: Record<string, GroupNdcg[]> };
export type RecommendationFairness = { k: number; model: ModelFairness; baseline: ModelFairness };

/** The popularity baseline: every customer gets the items most interacted with in training. */
function popularityModel(popularity: Int32Array): RankingModel {
  return {
    name: 'popularity',
    nItems: popularity.length,
    scoreUser: (_u, out) => {
      for (let i = 0; i < popularity.length; i++) out[i] = popularity[i]!;
    },
  };
}

/**
 * Exposure (Gini, ARP, APLT, coverage) and NDCG@k per customer group of a model on the holdout of `split`, beside the
 * popularity baseline on the same users. Same protocol as the training evaluation: train = train ∪ validation,
 * the user's training items masked, customers with training history only, relevant = test interactions of value
 * ≥ minRelevance the customer did not already have. `groupsOf(u)` names user u's group per dimension.
 */
export function evaluateGroupFairness(
  model: RankingModel,
  data: Interactions,
  split: Split,
  options: { k: number; minRelevance: number; groupsOf: (user: number) => Record<string, string> },
): RecommendationFairness {
  const { k, minRelevance, groupsOf } = options;
  const merged = split.part.map((p) => (p === VALIDATION ? 0 : p));
  const parts = applySplit(data, { ...split, part: merged });
  const train = buildCsr(parts.train, { aggregate: 'binary' });
  const test = buildCsr(parts.test, { aggregate: 'max' });
  const popularity = columnCounts(train);
  const evaluate = (m: RankingModel): ModelFairness => {
    const r = evaluateRanking(m, train, test, { k, users: 'warm', minRelevance, keepLists: true });
    const lists = r.lists ?? [];
    const users = Array.from(r.userIds ?? []);
    const relevant = users.map((u) => {
      const owned = new Set<number>();
      for (let t = train.rowPtr[u]!; t < train.rowPtr[u + 1]!; t++) owned.add(train.colIdx[t]!);
      const rel = new Set<number>();
      for (let t = test.rowPtr[u]!; t < test.rowPtr[u + 1]!; t++) {
        const i = test.colIdx[t]!;
        if (test.values[t]! >= minRelevance && !owned.has(i)) rel.add(i);
      }
      return rel;
    });
    const labels = users.map(groupsOf);
    const dimensions = [...new Set(labels.flatMap((l) => Object.keys(l)))];
    const byGroup = Object.fromEntries(
      dimensions.map((d) => [
        d,
        ndcgByGroup(
          lists,
          relevant,
          labels.map((l) => l[d] ?? 'unknown'),
          k,
        ),
      ]),
    );
    return { ...computeExposureReport(lists, popularity), ndcg: r.metrics.ndcg, byGroup };
  };
  return { k, model: evaluate(model), baseline: evaluate(popularityModel(popularity)) };
}
