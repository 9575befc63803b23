/**
 * Which models a hybrid blends. Kept apart from the registry (no model code) so the training panel can show the
 * default in the browser.
 */
import { COMPONENT_KINDS, type ComponentKind, type ModelKind } from './types';

/** What a hybrid may blend: every model but the federated one, which is compared with ALS, not blended (its privacy
 * would mean nothing inside a blend). */
export const BLEND_KINDS: ComponentKind[] = COMPONENT_KINDS.filter((k) => k !== 'federated-als');

/** The hybrid's base components: fast, explainable, and complementary (co-occurrence, neighbours, attributes, trend). */
export const DEFAULT_HYBRID: ComponentKind[] = ['item-knn', 'user-knn', 'content', 'popularity'];

/**
 * What a hybrid blends: the admin's components when chosen; otherwise DEFAULT_HYBRID plus every other model the same
 * training job trains (EASE, ALS, BPR, the neural models when ticked). Their fits are shared within the job, and the
 * weights are fitted on validation starting from the best single component, so the blend is never below that model
 * on validation. Only BLEND_KINDS join by default.
 *
 * @example
 * hybridComponents(['popularity', 'item-knn', 'ease', 'hybrid']); // ['item-knn', 'user-knn', 'content', 'popularity', 'ease']
 * hybridComponents(['ease', 'hybrid'], ['item-knn', 'popularity']); // ['item-knn', 'popularity']
 */
export function hybridComponents(jobModels: readonly ModelKind[], chosen?: readonly ComponentKind[]): ComponentKind[] {
  if (chosen?.length) return [...chosen];
  const trained = new Set<ModelKind>(jobModels);
  return [...DEFAULT_HYBRID, ...BLEND_KINDS.filter((k) => trained.has(k) && !DEFAULT_HYBRID.includes(k))];
}

/**
 * The components a blend keeps once its weights are fitted: those weighted above 0, in their order, with their index
 * among the candidates; a single one keeps weight 1 (the blend min-max scales scores, so only weight ratios count).
 *
 * @example
 * keptComponents(['item-knn', 'user-knn', 'popularity', 'ease'], [0, 0.5, 0.25, 1]);
 * // [{ kind: 'user-knn', weight: 0.5, index: 1 }, { kind: 'popularity', weight: 0.25, index: 2 }, { kind: 'ease', weight: 1, index: 3 }]
 * keptComponents(['item-knn', 'content', 'ease'], [0, 0.5, 0]); // [{ kind: 'content', weight: 1, index: 1 }]
 */
export function keptComponents(
  kinds: readonly ComponentKind[],
  weights: readonly number[],
): { kind: ComponentKind; weight: number; index: number }[] {
  const kept = kinds.flatMap((kind, index) => (weights[index]! > 0 ? [{ kind, weight: weights[index]!, index }] : []));
  return kept.length === 1 ? [{ ...kept[0]!, weight: 1 }] : kept;
}
