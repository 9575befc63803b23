/**
 * Popularity bias and group accuracy of a recommender's top-K lists (`lists[u]` = ranked item indices):
 *
 *   exposure Gini (RecBole GiniIndex) = Σ_{j=1}^{n} (2j − n − 1)·P_(j) / (n Σ P), P_(j) the ascending counts of
 *                                       how often each of all n items is recommended (zeros included)
 *   ARP  = (1/|U|) Σ_u (1/|L_u|) Σ_{i∈L_u} pop(i)                     (Abdollahpouri et al. 2019)
 *   APLT = (1/|U|) Σ_u |L_u ∩ T| / |L_u|, T the long tail: every item outside the short head, the short head
 *          being the ⌈20%⌉ most popular items of the catalogue (ties broken by lower index)   (ibid.)
 *   item coverage = |∪_u L_u| / n
 *   NDCG@K = (1/|U_g|) Σ_{u∈U_g} DCG_u / IDCG_u with binary gains, DCG = Σ_r rel_r / log2(r + 1),
 *            IDCG over min(|R_u|, K) hits — per customer group g
 *
 * `pop(i)` is the number of training interactions of item i.
 */

type Lists = ReadonlyArray<ArrayLike<number>>;

export type ExposureReport = { gini: number; arp: number; aplt: number; coverage: number; users: number };

/** The long tail: items outside the ⌈shortHead·n⌉ most popular (by `popularity`, ties → lower index first). */
export function longTail(popularity: ArrayLike<number>, shortHead = 0.2): Uint8Array {
  const n = popularity.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => popularity[b]! - popularity[a]! || a - b);
  const tail = new Uint8Array(n).fill(1);
  for (const i of order.slice(0, Math.ceil(shortHead * n))) tail[i] = 0;
  return tail;
}

/**
 * @example
 * computeExposureReport([[0, 1], [0, 2]], [5, 3, 1, 0]) // { gini: 0.375, arp: 3.5, aplt: 0.5, coverage: 0.75, users: 2 }
 */
export function computeExposureReport(lists: Lists, popularity: ArrayLike<number>): ExposureReport {
  const n = popularity.length;
  if (n === 0) throw new RangeError('computeExposureReport: the catalogue is empty');
  const exposure = new Float64Array(n);
  const tail = longTail(popularity);
  let arp = 0,
    aplt = 0,
    users = 0;
  for (const list of lists) {
    if (list.length === 0) continue;
    let pop = 0,
      inTail = 0;
    for (let r = 0; r < list.length; r++) {
      const i = list[r]!;
      if (!(i >= 0 && i < n)) throw new RangeError(`computeExposureReport: item ${i} is outside the catalogue`);
      exposure[i]!++;
      pop += popularity[i]!;
      inTail += tail[i]!;
    }
    arp += pop / list.length;
    aplt += inTail / list.length;
    users++;
  }
  const sorted = exposure.slice().sort();
  let num = 0,
    sum = 0,
    covered = 0;
  for (let j = 0; j < n; j++) {
    num += (2 * (j + 1) - n - 1) * sorted[j]!;
    sum += sorted[j]!;
    if (sorted[j]! > 0) covered++;
  }
  return {
    gini: sum === 0 ? 0 : num / (n * sum),
    arp: users ? arp / users : 0,
    aplt: users ? aplt / users : 0,
    coverage: covered / n,
    users,
  };
}

/** NDCG@k of one list against a set of relevant items (binary gains). */
export function ndcgAt(list: ArrayLike<number>, relevant: ReadonlySet<number>, k = 10): number {
  if (relevant.size === 0) return 0;
  let dcg = 0,
    idcg = 0;
  for (let r = 0; r < Math.min(k, list.length); r++) if (relevant.has(list[r]!)) dcg += 1 / Math.log2(r + 2);
  for (let r = 0; r < Math.min(k, relevant.size); r++) idcg += 1 / Math.log2(r + 2);
  return dcg / idcg;
}

/** Mean NDCG@k per customer group (`groups[u]` is list u's group); users without relevant items are skipped. */
export function ndcgByGroup(
  lists: Lists,
  relevant: ReadonlyArray<ReadonlySet<number>>,
  groups: readonly string[],
  k = 10,
): { group: string; users: number; ndcg: number }[] {
  const acc = new Map<string, { users: number; sum: number }>();
  lists.forEach((list, u) => {
    const rel = relevant[u];
    if (!rel || rel.size === 0) return;
    const g = groups[u] ?? 'unknown';
    const a = acc.get(g) ?? { users: 0, sum: 0 };
    a.users++;
    a.sum += ndcgAt(list, rel, k);
    acc.set(g, a);
  });
  return [...acc.entries()]
    .map(([group, a]) => ({ group, users: a.users, ndcg: a.sum / a.users }))
    .sort((a, b) => a.group.localeCompare(b.group));
}
