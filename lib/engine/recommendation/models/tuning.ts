import { buildCsr } from '../csr';
import { evaluateRanking } from '../evaluate';
import { searchParams, type ParamGrid, type ParamValue } from '../tune';
import type { FitInput, ServingModel } from './types';
import { rankingAdapter } from './types';

/** NDCG@10 on the validation part of a serving model fitted on the tuning part (warm users, as served). */
export function validationNdcg(
  model: ServingModel,
  tuning: NonNullable<FitInput['tuning']>,
  shared = tuning.shared(tuning.train),
): number {
  const train = buildCsr(tuning.train, { aggregate: 'binary' });
  const valid = buildCsr(tuning.validation, { aggregate: 'binary' });
  return evaluateRanking(rankingAdapter(model, shared), train, valid, { k: 10, users: 'warm' }).metrics.ndcg;
}

/**
 * Coordinate-ascent search of a small grid on validation NDCG@10 when tuning data exists; otherwise the start.
 * Yields to the event loop between trials so the job's heartbeat (progress, cancellation) keeps running.
 */
export async function tuneParams<P extends Record<string, ParamValue>>(
  input: FitInput,
  grid: ParamGrid,
  start: P,
  build: (p: P, data: NonNullable<FitInput['tuning']>) => Promise<ServingModel>,
): Promise<{ best: P; score?: number; trials: number; model?: ServingModel }> {
  if (input.fixed) {
    const best = Object.fromEntries(Object.entries(start).map(([key, v]) => [key, input.fixed?.[key] ?? v])) as P;
    return { best, trials: 0 };
  }
  const tuning = input.tuning;
  if (!tuning || tuning.validation.users.length === 0) return { best: start, trials: 0 };
  const shared = tuning.shared(tuning.train);
  // the best trial's model so far (only it and the current one stay in memory)
  let kept: { p: P; score: number; model: ServingModel } | undefined;
  const r = await searchParamsAsync(
    grid,
    async (p: P) => {
      input.control.signal?.throwIfAborted();
      await new Promise((resolve) => setImmediate(resolve));
      const model = await build(p, tuning);
      const score = validationNdcg(model, tuning, shared);
      if (!kept || score > kept.score) kept = { p, score, model };
      return score;
    },
    start,
  );
  const model = kept && Object.keys(grid).every((k) => kept!.p[k] === r.best[k]) ? kept.model : undefined;
  return { best: r.best, score: r.score, trials: r.trials, ...(model ? { model } : {}) };
}

/**
 * The engine's `searchParams` (coordinate ascent) with an asynchronous objective: the synchronous search is replayed
 * with the scores known so far until it asks for nothing new; each replay's first unknown candidate is exactly the
 * one the synchronous search would evaluate next, so the result (and the trials) are the same.
 */
export async function searchParamsAsync<P extends Record<string, ParamValue>>(
  grid: ParamGrid,
  objective: (p: P) => Promise<number>,
  start: P,
): Promise<{ best: P; score: number; trials: number }> {
  const cache = new Map<string, number>();
  const key = (p: Record<string, unknown>) => JSON.stringify(Object.keys(grid).map((k) => p[k]));
  for (let round = 0; round < 1000; round++) {
    let next: P | undefined;
    searchParams(
      grid,
      (p) => {
        const v = cache.get(key(p));
        if (v === undefined) next ??= { ...(p as P) };
        return v ?? -Infinity;
      },
      { start: start as never },
    );
    if (!next) break;
    const v = await objective(next);
    cache.set(key(next), Number.isNaN(v) ? -Infinity : v);
  }
  const result = searchParams(grid, (p) => cache.get(key(p)) ?? -Infinity, { start: start as never });
  return { best: result.best as P, score: result.score, trials: cache.size };
}
