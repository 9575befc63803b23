/**
 * Hyper-parameter search on a validation split: exhaustive grid or coordinate ascent (one parameter at a time,
 * the others fixed, repeated until a full round brings no gain). Deterministic: candidates are tried in the
 * order given and ties keep the earlier one. The objective is any number to maximise (e.g. NDCG@10 on
 * validation, or −RMSE); the test set must never be part of it.
 *
 * @example
 * const { best } = searchParams({ k: [20, 50, 200], shrink: [0, 100] }, (p) => validationNdcg(fitItemKnn(train, p)));
 */

export type ParamValue = number | string | boolean;
export type ParamGrid = Record<string, readonly ParamValue[]>;
export type Trial<P> = { params: P; score: number };

export type SearchOptions<P> = {
  /** 'grid' tries every combination; 'coordinate' (default) is cheaper */
  strategy?: 'grid' | 'coordinate';
  /** coordinate ascent: starting point; default the first value of each list */
  start?: Partial<P>;
  /** coordinate ascent: maximum rounds; default 3 */
  rounds?: number;
};

/**
 * Maximises `objective` over the grid; returns the best parameters, its score and every trial.
 *
 * @example
 * searchParams({ x: [1, 2, 3] }, (p) => -((p.x - 2) ** 2)).best; // { x: 2 }
 */
export function searchParams<G extends ParamGrid>(
  grid: G,
  objective: (params: { [K in keyof G]: G[K][number] }) => number,
  options: SearchOptions<{ [K in keyof G]: G[K][number] }> = {},
): { best: { [K in keyof G]: G[K][number] }; score: number; trials: Trial<{ [K in keyof G]: G[K][number] }>[] } {
  type P = { [K in keyof G]: G[K][number] };
  const keys = Object.keys(grid) as (keyof G & string)[];
  for (const key of keys) if (grid[key]!.length === 0) throw new RangeError(`searchParams: no values for '${key}'`);
  const trials: Trial<P>[] = [];
  const cache = new Map<string, number>();
  const score = (p: P): number => {
    const id = JSON.stringify(keys.map((k) => p[k]));
    let s = cache.get(id);
    if (s === undefined) {
      s = objective(p);
      if (Number.isNaN(s)) s = -Infinity;
      cache.set(id, s);
      trials.push({ params: { ...p }, score: s });
    }
    return s;
  };
  let best = Object.fromEntries(keys.map((k) => [k, options.start?.[k] ?? grid[k]![0]])) as P;
  let bestScore = -Infinity;
  if ((options.strategy ?? 'coordinate') === 'grid') {
    const walk = (d: number, cur: Partial<P>) => {
      if (d === keys.length) {
        const s = score(cur as P);
        if (s > bestScore) {
          bestScore = s;
          best = { ...(cur as P) };
        }
        return;
      }
      for (const v of grid[keys[d]!]!) walk(d + 1, { ...cur, [keys[d]!]: v });
    };
    walk(0, {});
    return { best, score: bestScore, trials };
  }
  bestScore = score(best);
  for (let round = 0; round < (options.rounds ?? 3); round++) {
    let improved = false;
    for (const key of keys) {
      for (const v of grid[key]!) {
        const cand = { ...best, [key]: v } as P;
        const s = score(cand);
        if (s > bestScore) {
          bestScore = s;
          best = cand;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return { best, score: bestScore, trials };
}
