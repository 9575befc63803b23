"""Independent numpy re-implementation of Surprise's KNNBasic / KNNWithMeans (user-based, MSD similarity, k=40,
min_k=1) and BaselineOnly (ALS, reg_u=15, reg_i=10, 10 epochs) on the official ml-100k u1 split, for
lib/engine/recommend/user-knn.test.ts and baselines.test.ts.

Run:  python3 scripts/reference/recommend/knn_reference.py /work/shared/datasets/movielens_100k

Follows surprise/similarities.pyx (msd over common items, 1/(msd+1), diagonal 1, 0 without common items) and
surprise/prediction_algorithms/knns.py (heapq.nlargest over the raters of i, only sim > 0 used, clip to [1, 5],
unknown user/item or too few neighbours -> global mean for KNNBasic). Ties in nlargest are broken by the order of
the raters; here raters are listed by ascending user index (the TypeScript implementation does the same).
"""
import gzip
import heapq
import sys

import numpy as np


def load(path):
    with gzip.open(path, "rt") as f:
        rows = [line.split("\t") for line in f if line.strip()]
    return [(int(u) - 1, int(i) - 1, float(r)) for u, i, r, _ in rows]


def main(root):
    train = load(f"{root}/splits/u1.base.gz")
    test = load(f"{root}/splits/u1.test.gz")
    n_u, n_i = 943, 1682
    R = np.zeros((n_u, n_i))
    M = np.zeros((n_u, n_i))
    for u, i, r in train:
        R[u, i] = r
        M[u, i] = 1
    freq = M @ M.T
    sqdiff = (R**2) @ M.T + M @ (R**2).T - 2 * R @ R.T
    with np.errstate(divide="ignore", invalid="ignore"):
        sim = np.where(freq > 0, 1 / (sqdiff / np.maximum(freq, 1) + 1), 0.0)
    np.fill_diagonal(sim, 1)
    mu = R[M > 0].mean()
    counts = M.sum(1)
    means = np.where(counts > 0, R.sum(1) / np.maximum(counts, 1), 0)
    raters = [np.flatnonzero(M[:, i]) for i in range(n_i)]

    def predict(u, i, centred):
        if counts[u] == 0 or len(raters[i]) == 0:
            return mu
        nb = [(sim[u, v], v) for v in raters[i]]
        top = heapq.nlargest(40, nb, key=lambda t: t[0])
        num = den = 0.0
        used = 0
        for s, v in top:
            if s > 0:
                num += s * (R[v, i] - (means[v] if centred else 0))
                den += s
                used += 1
        if used < 1:
            est = means[u] if centred else mu
        else:
            est = (means[u] if centred else 0) + num / den
        return min(5, max(1, est))

    # BaselineOnly (ALS)
    bu, bi = np.zeros(n_u), np.zeros(n_i)
    for _ in range(10):
        for i in range(n_i):
            us = raters[i]
            bi[i] = (R[us, i] - mu - bu[us]).sum() / (10 + len(us))
        for u in range(n_u):
            its = np.flatnonzero(M[u])
            bu[u] = (R[u, its] - mu - bi[its]).sum() / (15 + len(its))

    for name, fn in [
        ("KNNBasic", lambda u, i: predict(u, i, False)),
        ("KNNWithMeans", lambda u, i: predict(u, i, True)),
        ("BaselineOnly", lambda u, i: min(5, max(1, mu + bu[u] + bi[i]))),
    ]:
        pred = np.array([fn(u, i) for u, i, _ in test])
        truth = np.array([r for _, _, r in test])
        rmse = np.sqrt(((pred - truth) ** 2).mean())
        mae = np.abs(pred - truth).mean()
        first = ", ".join(f"{p:.6f}" for p in pred[:5])
        print(f"{name}: rmse {rmse:.6f} mae {mae:.6f} first5 [{first}]")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/datasets/movielens_100k")
