/**
 * The eval hybrid's stacked option (lib/engine/recommendation/hybrid-stack.ts), tried after the blend's weights are
 * fitted; `registry.ts`'s hybrid entry serves it when validation prefers it.
 */
import { buildCsr } from '@/lib/engine/recommendation/csr';
import type { FitContext } from '@/lib/engine/recommendation/evaluate-models';
import { withCachedScores } from '@/lib/engine/recommendation/hybrid';
import { selectStack, stackedModel, type StackCandidate } from '@/lib/engine/recommendation/hybrid-stack';
import type { Interactions, RankingModel } from '@/lib/engine/recommendation/types';

export type HybridPart = { name: string; models: { tuning?: RankingModel; final: RankingModel } };

/**
 * The stacked alternative to the blend (hybrid-stack.ts): linear rankers over the two best single models and over
 * the blend's models, with score + rank features or all four groups, candidates from each model's top 20 or 50;
 * chosen by 2-fold cross-fitted validation NDCG@10 and served only when that beats the blend's own (in-sample)
 * validation NDCG@10.
 */
export function stackedHybrid(
  ctx: { seed: number; log: (message: string) => void },
  parts: readonly HybridPart[],
  blend: { ndcg: number; weights: number[]; singles: number[] },
  train: Interactions,
  tuning: NonNullable<FitContext['tuning']>,
  params: Record<string, unknown>,
): RankingModel | undefined {
  const bySingle = parts.map((_, m) => m).sort((a, b) => blend.singles[b]! - blend.singles[a]!);
  const sets = [
    bySingle.slice(0, 2).sort((a, b) => a - b),
    parts.map((_, m) => m).filter((m) => blend.weights[m]! > 0),
  ];
  if (sets[1]!.length < 2 || sets[1]!.join() === sets[0]!.join()) sets.pop();
  if (sets[0]!.length < 2) return undefined;
  const candidates: StackCandidate[] = sets.flatMap((models) =>
    (['score+rank', 'all'] as const).flatMap((group) =>
      [20, 50].map((depth) => ({
        models,
        features:
          group === 'all' ? (['score', 'rank', 'activity', 'popularity'] as const) : (['score', 'rank'] as const),
        depth,
      })),
    ),
  );
  const validation = buildCsr(tuning.validation, { aggregate: 'binary' });
  const users: number[] = [];
  for (let u = 0; u < validation.nRows; u++) if (validation.rowPtr[u + 1]! > validation.rowPtr[u]!) users.push(u);
  const used = new Set(sets.flat());
  const models = parts.map((p, m) => (used.has(m) ? withCachedScores(p.models.tuning!, users) : p.models.tuning!));
  const s = selectStack(models, buildCsr(tuning.train, { aggregate: 'binary' }), validation, candidates, {
    seed: ctx.seed,
  });
  const describe = (c: StackCandidate) =>
    `${c.models.map((m) => parts[m]!.name).join(' + ')}; ${c.features.join(', ')}; top ${c.depth}`;
  params.stack = {
    tried: s.tried.map((t) => ({ stack: describe(t.candidate), crossFittedNdcg: t.ndcg })),
    chosen: describe(s.candidate),
    crossFittedNdcg: s.ndcg,
    served: s.ndcg > blend.ndcg,
  };
  ctx.log(
    `  hybrid stack: ${describe(s.candidate)} (cross-fitted validation NDCG@10 ${s.ndcg.toFixed(4)} against the blend's ${blend.ndcg.toFixed(4)}; ${s.ndcg > blend.ndcg ? 'served' : 'blend served'})`,
  );
  if (!(s.ndcg > blend.ndcg)) return undefined;
  params.selected = {
    stack: describe(s.candidate),
    weights: Object.fromEntries(s.fit.names.map((n, f) => [n, Number(s.fit.weights[f]!.toFixed(3))])),
  };
  return stackedModel(
    s.candidate.models.map((m) => parts[m]!.models.final),
    s.fit,
    buildCsr(train, { aggregate: 'binary' }),
  );
}
