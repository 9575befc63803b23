/**
 * Issue 12's targets for the hybrid, written into the report from the measured rows: met, or the shortfall with
 * what was tried.
 */
import type { Section } from './report';

const ndcgOf = (section: Section, model: string) => section.rows.find((r) => r.model === model)?.metrics['ndcg@10'];

const TRIED =
  'Tried: blending every model (popularity, item-kNN tuned with both pruning directions, user-kNN, content, RP3beta, EASE, ALS, BPR) with weights by coordinate ascent on validation starting from the best single model, and min–max, z-score and reciprocal-rank fusion chosen on validation (validation NDCG moves by ±0.002 between blends whose test NDCG differs by 0.01). While developing also weights chosen on the mean validation NDCG over three 64/16 folds (test 0.4515 on the main split and 0.4426 on seed 1 against 0.4525 and 0.4444 with one validation part), ALS with 200–256 factors (validation and test below 128 factors), EASE with EDLAE dropout emphasis (Steck 2020; below plain EASE at every λ tried) and a user–user EASE (EASE on the transposed matrix; alone 0.4495 at λ 800 on the main split, with EASE at most 0.4517), none kept. Our ALS is at its reference strength: an exact-solve numpy ALS on the same split gives 0.4489 against our 0.4481 (scripts/reference/recommend/als_reference.py); the 0.4553 quoted in issue 12 was measured on another split (our ALS gives 0.4526 on our seed-42 split). ' +
  'Later attempt (main split; validation = the 16 % part, NDCG@10; test looked at once per idea): bagging five ALS fits (seeds 42–46, same parameters, raw scores averaged) gave validation 0.2681 against 0.2673–0.2695 for the single fits and test 0.4491 against 0.4481–0.4501, not kept. A stacked linear ranker (hybrid-stack.ts: per model the z-scored score, log rank and score × user activity, plus item popularity; pairwise logistic loss on validation items against candidates from the models’ top 20; compared by 2-fold cross-fitted validation NDCG): EASE + ALS 0.2706 (test 0.4545), score and rank only 0.2698 (test 0.4554), with RP3beta and item-kNN 0.2686–0.2688 (test 0.4533–0.4534), from the top 40 or 100 at most 0.2701; per-activity weights alone (EASE + ALS, score × activity) 0.2700 (test 0.4530). Mult-VAE (200/128, 100 epochs) as a component: the blend of EASE, ALS, RP3beta, item-kNN and Mult-VAE 0.2721 on validation against 0.2706 without it (test 0.4556 against 0.4538), the stack of EASE, ALS and Mult-VAE 0.2716 (test 0.4548). Kept: Mult-VAE among the blended models and the stack as an option served when its cross-fitted validation NDCG beats the blend’s. Even EASE + ALS weights fitted on the test part itself reach only 0.4557.';

/** ml-100k: hybrid NDCG@10 ≥ 0.46 on the main split and on seeds 1 and 2 (`others` from the robustness notes) */
export function ml100kTargetNote(section: Section, others: { seed: number; hybrid: number | undefined }[]): string {
  const main = ndcgOf(section, 'hybrid');
  const all = [{ seed: 1234, hybrid: main }, ...others];
  const shown = all.map((o) => `seed ${o.seed}: ${o.hybrid?.toFixed(4) ?? '–'}`).join(', ');
  const met = all.every((o) => o.hybrid !== undefined && o.hybrid >= 0.46);
  return met
    ? `Target hybrid NDCG@10 ≥ 0.46 on three splits: met (${shown}).`
    : `Target hybrid NDCG@10 ≥ 0.46 on three splits: not met (${shown}; EASE ${ndcgOf(section, 'ease')?.toFixed(4) ?? '–'}, ALS ${ndcgOf(section, 'als')?.toFixed(4) ?? '–'} on the main split). ${TRIED}`;
}

/** Online Retail: the hybrid beats EASE on the temporal protocol */
export function retailTargetNote(section: Section): string {
  const hybrid = ndcgOf(section, 'hybrid'),
    ease = ndcgOf(section, 'ease');
  if (hybrid === undefined || ease === undefined) return 'Target hybrid > EASE: not measured.';
  return hybrid > ease
    ? `Target hybrid > EASE: met (hybrid ${hybrid.toFixed(4)}, EASE ${ease.toFixed(4)}).`
    : `Target hybrid > EASE: not met (hybrid ${hybrid.toFixed(4)}, EASE ${ease.toFixed(4)}). ${TRIED}`;
}

/**
 * ml-100k: Mult-VAE tuned on validation ≥ 0.41 NDCG@10 (above tuned item-kNN), and where it stays below EASE/ALS
 * (and item-kNN) of `compareWith` (the existing report's section when only Mult-VAE ran); no note when it did not run
 */
export function multVaeNotes(section: Section, compareWith: Section = section): string[] {
  const vae = ndcgOf(section, 'mult-vae');
  if (vae === undefined) return [];
  const others = ['ease', 'als', 'item-knn (tuned)']
    .map((m) => ({ m, v: ndcgOf(compareWith, m) }))
    .filter((o): o is { m: string; v: number } => o.v !== undefined);
  const below = others.filter((o) => o.v > vae).map((o) => `${o.m} ${o.v.toFixed(4)}`);
  return [
    `Mult-VAE target NDCG@10 ≥ 0.41: ${vae >= 0.41 ? 'met' : 'not met'} (${vae.toFixed(4)}).${below.length ? ` Below ${below.join(', ')}: on a small, dense dataset the linear item–item and factor models stay ahead, as Dacrema et al. (2019) found for the neural models they re-ran.` : ''} The network, its reference check against PyTorch and its training time: lib/engine/recommendation/README.md.`,
  ];
}
