/**
 * Beyond-accuracy metrics over the recommendation lists of many users (`lists[u]` = ranked item indices).
 *
 *   catalogue coverage  = |∪_u L_u| / nItems                                    (Ge, Delgado-Battenfeld & Jannach 2010)
 *   novelty             = mean over all recommended slots of −log2 p(i),  p(i) = pop(i) / nUsers
 *                         (mean self-information, Zhou et al. 2010, PNAS 107(10)); an item nobody had counts as 1
 *   intra-list diversity= mean over lists of 2/(n(n−1)) Σ_{a<b} (1 − sim(l_a, l_b))   (Ziegler et al. 2005)
 *   ARP (avg. rec. popularity) = mean over lists of mean pop(i) of its items     (Abdollahpouri et al. 2019)
 *   Gini of exposure    = Σ_{j=1}^{n} (2j − n − 1)·x_(j) / (n Σ x), x_(j) the ascending exposure counts of all
 *                         nItems items (0 = perfectly even exposure, → 1 = one item gets everything)
 *
 * `pop(i)` is the number of users who interacted with i in the training data (`columnCounts(train)`).
 *
 * @example
 * catalogueCoverage([[0, 1], [1, 2]], 10); // 0.3
 * giniOfExposure([[0], [0]], 2);            // 0.5 (item 0 shown twice, item 1 never)
 */

type Lists = ReadonlyArray<ArrayLike<number>>;

/** Share of the catalogue that appears in at least one list. */
export function catalogueCoverage(lists: Lists, nItems: number): number {
  if (!(nItems > 0)) throw new RangeError(`catalogueCoverage: nItems must be positive, got ${nItems}`);
  const seen = new Uint8Array(nItems);
  let n = 0;
  for (const list of lists) {
    for (let r = 0; r < list.length; r++) {
      const i = list[r]!;
      if (!seen[i]) {
        seen[i] = 1;
        n++;
      }
    }
  }
  return n / nItems;
}

/**
 * Mean self-information −log2(pop(i)/nUsers) of the recommended items (higher = less obvious).
 *
 * @example
 * novelty([[0]], Int32Array.of(25), 100); // −log2(0.25) = 2
 */
export function novelty(lists: Lists, popularity: ArrayLike<number>, nUsers: number): number {
  if (!(nUsers > 0)) throw new RangeError(`novelty: nUsers must be positive, got ${nUsers}`);
  let s = 0,
    n = 0;
  for (const list of lists) {
    for (let r = 0; r < list.length; r++) {
      const p = Math.max(1, popularity[list[r]!] ?? 0) / nUsers;
      s += -Math.log2(p);
      n++;
    }
  }
  return n === 0 ? 0 : s / n;
}

/** An item–item similarity in [0, 1] (e.g. item-kNN cosine, or content similarity). */
export type ItemSimilarity = (a: number, b: number) => number;

/**
 * Mean pairwise dissimilarity 1 − sim inside each list, averaged over lists with at least two items.
 *
 * @example
 * intraListDiversity([[0, 1]], (a, b) => (a === b ? 1 : 0.25)); // 0.75
 */
export function intraListDiversity(lists: Lists, similarity: ItemSimilarity): number {
  let total = 0,
    counted = 0;
  for (const list of lists) {
    const n = list.length;
    if (n < 2) continue;
    let s = 0;
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) s += 1 - similarity(list[a]!, list[b]!);
    total += (2 * s) / (n * (n - 1));
    counted++;
  }
  return counted === 0 ? 0 : total / counted;
}

/**
 * Average recommendation popularity: mean over non-empty lists of the mean pop(i) of the list.
 *
 * @example
 * averageRecommendationPopularity([[0, 1]], Int32Array.of(10, 30)); // 20
 */
export function averageRecommendationPopularity(lists: Lists, popularity: ArrayLike<number>): number {
  let total = 0,
    counted = 0;
  for (const list of lists) {
    if (list.length === 0) continue;
    let s = 0;
    for (let r = 0; r < list.length; r++) s += popularity[list[r]!] ?? 0;
    total += s / list.length;
    counted++;
  }
  return counted === 0 ? 0 : total / counted;
}

/**
 * Gini coefficient of how often each of the nItems items is recommended (exposure), zeros included.
 *
 * @example
 * giniOfExposure([[0, 1], [1, 0]], 2); // 0 (even)
 */
export function giniOfExposure(lists: Lists, nItems: number): number {
  if (!(nItems > 0)) throw new RangeError(`giniOfExposure: nItems must be positive, got ${nItems}`);
  const exposure = new Float64Array(nItems);
  for (const list of lists) for (let r = 0; r < list.length; r++) exposure[list[r]!]!++;
  return gini(exposure);
}

/**
 * Gini coefficient of non-negative values: Σ_j (2j − n − 1)·x_(j) / (n Σ x), ascending order, j = 1..n.
 *
 * @example
 * gini([0, 0, 0, 1]); // 0.75
 */
export function gini(values: ArrayLike<number>): number {
  const x = Float64Array.from(values as ArrayLike<number>).sort();
  const n = x.length;
  if (n === 0) throw new RangeError('gini: needs at least one value');
  if (x[0]! < 0) throw new RangeError('gini: values must be non-negative');
  let num = 0,
    sum = 0;
  for (let j = 0; j < n; j++) {
    num += (2 * (j + 1) - n - 1) * x[j]!;
    sum += x[j]!;
  }
  return sum === 0 ? 0 : num / (n * sum);
}
