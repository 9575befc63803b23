import { describe, expect, test } from 'vitest';
import { pairsShop, PAIRS_SHOP } from '@/lib/testing/pairs-shop';
import { fitContent } from '../content';
import { buildCsr } from '../csr';
import { fitBlendWeights } from '../hybrid';
import { BLEND_KINDS, DEFAULT_HYBRID, hybridComponents, keptComponents } from './components';
import { FAMILIES } from './registry';
import { makeSplit, partTools, splitParts } from './training-parts';
import { COMPONENT_KINDS, rankingAdapter, type ComponentKind } from './types';

describe('hybridComponents', () => {
  test('a blend may hold every model but the federated one (the training panel offers exactly these)', () => {
    expect(BLEND_KINDS).toEqual(COMPONENT_KINDS.filter((k) => k !== 'federated-als'));
    expect(BLEND_KINDS).toContain('sasrec');
    expect(BLEND_KINDS).not.toContain('federated-als');
  });

  test('the default blend adds every other model the job trains (EASE, ALS, neural), never the federated one', () => {
    expect(hybridComponents(['popularity', 'item-knn', 'ease', 'hybrid'])).toEqual([
      'item-knn',
      'user-knn',
      'content',
      'popularity',
      'ease',
    ]);
    expect(hybridComponents(['hybrid', 'mult-vae', 'federated-als', 'als'])).toEqual([
      ...DEFAULT_HYBRID,
      'als',
      'mult-vae',
    ]);
    expect(hybridComponents(['hybrid'])).toEqual(DEFAULT_HYBRID);
  });

  test("the admin's components win over the default, also when EASE is trained in the same job", () => {
    expect(hybridComponents(['ease', 'hybrid'], ['item-knn', 'popularity'])).toEqual(['item-knn', 'popularity']);
    expect(hybridComponents(['ease', 'hybrid'], [])).toEqual([...DEFAULT_HYBRID, 'ease']);
  });
});

describe('keptComponents', () => {
  test('a blend keeps the components weighted above 0, in order, with their index among the candidates', () => {
    expect(keptComponents(['item-knn', 'user-knn', 'popularity', 'ease'], [0, 0.5, 0.25, 1])).toEqual([
      { kind: 'user-knn', weight: 0.5, index: 1 },
      { kind: 'popularity', weight: 0.25, index: 2 },
      { kind: 'ease', weight: 1, index: 3 },
    ]);
  });

  test('a single component left is the blend, with weight 1', () => {
    expect(keptComponents(['item-knn', 'content', 'ease'], [0, 0.5, 0])).toEqual([
      { kind: 'content', weight: 1, index: 1 },
    ]);
  });
});

describe('the default blend on a shop where EASE is best', () => {
  test('EASE leads on validation, and the fitted blend is not below any of its components', async () => {
    const rows = pairsShop();
    const order = rows.map((_, k) => k).sort((a, b) => rows[a]!.day - rows[b]!.day);
    const interactions = {
      nUsers: PAIRS_SHOP.customers,
      nItems: PAIRS_SHOP.products,
      users: Int32Array.from(order, (k) => rows[k]!.customer),
      items: Int32Array.from(order, (k) => rows[k]!.product),
      values: new Float32Array(order.length).fill(1),
      timestamps: Float64Array.from(order, (k) => Date.UTC(2026, 0, 1) + rows[k]!.day * 86_400_000),
    };
    const split = makeSplit(interactions, { split: 'temporal', testFraction: 0.2, seed: 42 });
    const parts = splitParts({ interactions, kinds: new Uint8Array(order.length).fill(3) }, split);
    const category = Int32Array.from({ length: PAIRS_SHOP.products }, (_, i) => i % 3);
    const content = fitContent(Array.from(category, (c, i) => ({ categoryPath: ['Shop', `C${c}`], price: 10 + i })));
    const tools = partTools({ halfLifeDays: 60, trendingHalfLifeDays: 14 }, category, () => content);
    // as the training job does: tune on train → validation while fitting train ∪ validation, refit on train with
    // those parameters, and fit the blend's weights on validation
    const kinds = hybridComponents(['popularity', 'item-knn', 'ease', 'hybrid']);
    const shared = tools.sharedOf(parts.train);
    const models = [];
    for (const kind of kinds) {
      const control = { seed: 42 };
      const tuned = await FAMILIES[kind].fit({
        train: tools.decayedOf(parts.fitTrain),
        history: tools.sharedOf(parts.fitTrain).history,
        content,
        tuning: {
          train: tools.decayedOf(parts.train),
          validation: parts.validation.data,
          shared: tools.sharedOfDecayed,
        },
        control,
      });
      const fitted = await FAMILIES[kind].fit({
        train: tools.decayedOf(parts.train),
        history: shared.history,
        content,
        fixed: tuned.params,
        control,
      });
      // EASE keeps the fit on the tuning part with the chosen λ: the very weights the refit gives (the job reuses it)
      if (kind === 'ease') expect(tuned.tuned?.buffers.weights).toEqual(fitted.buffers.weights);
      models.push(rankingAdapter(FAMILIES[kind].load(fitted, shared), shared));
    }
    const r = fitBlendWeights(
      models,
      buildCsr(parts.train.data, { aggregate: 'binary' }),
      buildCsr(parts.validation.data, { aggregate: 'binary' }),
      { grid: [0, 0.25, 0.5, 1] },
    );
    const single = (kind: ComponentKind) => r.singles[kinds.indexOf(kind)]!;
    const others = kinds.filter((k) => k !== 'ease').map(single);
    expect(single('ease')).toBeGreaterThan(Math.max(...others) + 0.05);
    for (const s of r.singles) expect(r.ndcg).toBeGreaterThanOrEqual(s);
    // no weighting of the others raises EASE's validation NDCG: the blend keeps EASE alone
    expect(keptComponents(kinds, r.weights)).toEqual([{ kind: 'ease', weight: 1, index: kinds.indexOf('ease') }]);
  });
});
