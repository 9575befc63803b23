/** Multiple-comparison adjustment of p-values (several variants or metrics in one experiment). */
import { assertUnit } from './validate';

/** `holm` controls the family-wise error rate; `benjamini-hochberg` the false discovery rate. */
export type PValueAdjustment = 'holm' | 'benjamini-hochberg' | 'bonferroni';

/**
 * Adjusted p-values in the input order, as R `p.adjust(p, method)` with `holm`, `BH` or `bonferroni`.
 *
 * - Holm (1979): sort ascending, p̃_(i) = max_{j ≤ i} min(1, (m − j + 1)·p_(j)).
 * - Benjamini & Hochberg (1995): p̃_(i) = min_{j ≥ i} min(1, m·p_(j)/j).
 * - Bonferroni: min(1, m·p).
 * @example adjustPValues([0.01, 0.04, 0.03], { method: 'holm' }) // [0.03, 0.06, 0.06]
 */
export function adjustPValues(pValues: readonly number[], { method }: { method: PValueAdjustment }): number[] {
  pValues.forEach((p, i) => {
    assertUnit('adjustPValues', `pValues[${i}]`, p);
  });
  const m = pValues.length;
  if (method === 'bonferroni') return pValues.map((p) => Math.min(1, m * p));
  const order = pValues.map((_, i) => i).sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  const adjusted = new Array<number>(m).fill(0);
  if (method === 'holm') {
    let running = 0;
    order.forEach((idx, rank) => {
      running = Math.max(running, Math.min(1, (m - rank) * (pValues[idx] as number)));
      adjusted[idx] = running;
    });
    return adjusted;
  }
  if (method === 'benjamini-hochberg') {
    let running = 1;
    for (let rank = m - 1; rank >= 0; rank -= 1) {
      const idx = order[rank] as number;
      running = Math.min(running, (m * (pValues[idx] as number)) / (rank + 1));
      // max with the raw p only absorbs rounding (m·p/m can land one ulp below p)
      adjusted[idx] = Math.min(1, Math.max(running, pValues[idx] as number));
    }
    return adjusted;
  }
  throw new RangeError(`adjustPValues: unknown method ${String(method)}`);
}
