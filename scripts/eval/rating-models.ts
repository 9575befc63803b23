/**
 * Rating-prediction models of the ml-100k 5-fold CV benchmark, each with the number Surprise's documentation
 * publishes for the same algorithm and settings (benchmark table of surprise.readthedocs.io, ml-100k, 5-fold CV,
 * default parameters: k = 40, min_k = 1, sim msd, user_based True; SVD 100 factors, 20 epochs, lr 0.005, reg 0.02).
 */
import { fitBaselines } from '@/lib/engine/recommendation/baselines';
import { buildCsr } from '@/lib/engine/recommendation/csr';
import { evaluateRating } from '@/lib/engine/recommendation/evaluate';
import type { RatingModelSpec } from '@/lib/engine/recommendation/evaluate-models';
import { applySplit, randomSplit } from '@/lib/engine/recommendation/split';
import { fitSvd, type SvdOptions } from '@/lib/engine/recommendation/svd';
import { searchParams } from '@/lib/engine/recommendation/tune';
import { fitUserKnn } from '@/lib/engine/recommendation/user-knn';

export type RatingEntry = { spec: RatingModelSpec; published?: { rmse: number; mae: number; source: string } };

const SURPRISE = 'Surprise docs benchmark table (ml-100k, 5-fold CV)';
const SURPRISE_KNN = { k: 40, minK: 1, similarity: 'msd', userBased: true };

/** SVD with hyper-parameters chosen per fold on a nested 80/20 split of that fold's training data (−RMSE) */
function tunedSvd(seed: number, log: (m: string) => void): RatingModelSpec {
  const grid = {
    learningRate: [0.005, 0.01],
    regularization: [0.02, 0.05, 0.1, 0.15],
    epochs: [20, 40, 60],
    factors: [50, 100],
  };
  const params: Record<string, unknown> = {
    search: 'coordinate ascent per fold on a nested 80/20 split of the training fold (validation RMSE)',
    grid,
    selected: [] as unknown[],
  };
  return {
    kind: 'rating',
    name: 'SVD (tuned)',
    params,
    fit(train) {
      const inner = applySplit(train, randomSplit(train, { testFraction: 0.2, seed }));
      const r = searchParams(
        grid,
        (p) => -evaluateRating(fitSvd(inner.train, { ...(p as SvdOptions), seed }), inner.test).rmse,
        {
          start: { learningRate: 0.005, regularization: 0.02, epochs: 20, factors: 100 },
        },
      );
      (params.selected as unknown[]).push(r.best);
      log(`  SVD (tuned): fold selected ${JSON.stringify(r.best)} (validation RMSE ${(-r.score).toFixed(4)})`);
      return fitSvd(train, { ...(r.best as SvdOptions), seed });
    },
  };
}

export function ratingRegistry(seed: number, log: (m: string) => void): RatingEntry[] {
  return [
    {
      spec: {
        kind: 'rating',
        name: 'BaselineOnly',
        params: { method: 'als', regUser: 15, regItem: 10, epochs: 10 },
        fit: (t) => fitBaselines(buildCsr(t, { aggregate: 'last' })),
      },
      published: { rmse: 0.944, mae: 0.748, source: SURPRISE },
    },
    {
      spec: {
        kind: 'rating',
        name: 'KNNBasic (user-kNN)',
        params: SURPRISE_KNN,
        fit: (t) => fitUserKnn(t, { k: 40, minK: 1, similarity: 'msd' }),
      },
      published: { rmse: 0.98, mae: 0.774, source: SURPRISE },
    },
    {
      spec: {
        kind: 'rating',
        name: 'KNNWithMeans (user-kNN, mean-centred)',
        params: SURPRISE_KNN,
        fit: (t) => fitUserKnn(t, { k: 40, minK: 1, similarity: 'msd', centring: 'mean' }),
      },
      published: { rmse: 0.951, mae: 0.749, source: SURPRISE },
    },
    {
      spec: {
        kind: 'rating',
        name: 'KNNBaseline (user-kNN, baseline-centred)',
        params: SURPRISE_KNN,
        fit: (t) => fitUserKnn(t, { k: 40, minK: 1, similarity: 'msd', centring: 'baseline' }),
      },
      published: { rmse: 0.931, mae: 0.733, source: SURPRISE },
    },
    {
      spec: {
        kind: 'rating',
        name: 'KNNBaseline + pearson-baseline (shrinkage 100)',
        params: { ...SURPRISE_KNN, similarity: 'pearson-baseline', shrinkage: 100 },
        fit: (t) => fitUserKnn(t, { k: 40, similarity: 'pearson-baseline', centring: 'baseline' }),
      },
    },
    {
      spec: {
        kind: 'rating',
        name: 'SVD (Surprise defaults)',
        params: { factors: 100, epochs: 20, learningRate: 0.005, regularization: 0.02, order: 'by-user', seed },
        fit: (t) => fitSvd(t, { order: 'by-user', seed }),
      },
      published: { rmse: 0.934, mae: 0.737, source: SURPRISE },
    },
    { spec: tunedSvd(seed, log), published: { rmse: 0.934, mae: 0.737, source: `${SURPRISE} (SVD, defaults)` } },
  ];
}
