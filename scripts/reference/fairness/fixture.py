"""Independent reference values for lib/engine/fairness tests (numpy only; Fairlearn is not installable here).

Run: python3 scripts/reference/fairness/fixture.py
Selection parity follows Fairlearn's demographic_parity_difference/ratio (method 'between_groups'): max − min and
min / max of the group selection rates. Recommendation metrics follow RecBole's GiniIndex, ARP, APLT (long tail =
items outside the ceil(20%) most popular), item coverage and NDCG@10 with binary gains.
"""
import numpy as np

# Selection: (group, n, selected)
groups = [("F", 120, 48), ("M", 90, 27), ("X", 45, 9)]
rates = np.array([s / n for _, n, s in groups])
print("selection rates", [repr(r) for r in rates])
print("parity difference", repr(rates.max() - rates.min()))
print("parity ratio", repr(rates.min() / rates.max()))

# Recommendations: 12 items, popularity = training interaction counts
pop = np.array([40, 25, 18, 12, 9, 7, 5, 3, 2, 1, 0, 0])
lists = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [0, 1, 2, 4, 3, 6, 5, 8, 7, 10],
    [1, 0, 3, 2, 5, 4, 7, 6, 9, 8],
    [0, 2, 1, 3, 9, 4, 5, 6, 7, 8],
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
]
relevant = [{2, 9}, {10}, {0, 5, 11}, {11, 1}, set()]
group_of = ["a", "a", "b", "b", "b"]
n = len(pop)
mat = np.array(lists)
counts = np.bincount(mat.flatten(), minlength=n).astype(float)
x = np.sort(counts)
j = np.arange(1, n + 1)
print("gini", repr(np.sum((2 * j - n - 1) * x) / (n * x.sum())))
print("arp", repr(np.mean([pop[l].mean() for l in mat])))
order = sorted(range(n), key=lambda i: (-pop[i], i))
head = set(order[: int(np.ceil(0.2 * n))])
print("aplt", repr(np.mean([np.mean([0 if i in head else 1 for i in l]) for l in lists])))
print("coverage", repr(len(set(mat.flatten())) / n))


def ndcg(l, rel, k=10):
    if not rel:
        return None
    dcg = sum(1 / np.log2(r + 2) for r, i in enumerate(l[:k]) if i in rel)
    idcg = sum(1 / np.log2(r + 2) for r in range(min(k, len(rel))))
    return dcg / idcg


for g in ("a", "b"):
    vals = [ndcg(l, r) for l, r, gg in zip(lists, relevant, group_of) if gg == g and r]
    print("ndcg", g, len(vals), repr(float(np.mean(vals))))
