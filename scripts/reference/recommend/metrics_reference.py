"""Independent reference values for lib/engine/recommend/metrics.ts and metrics-beyond.ts.

Run:  /usr/bin/python3 scripts/reference/recommend/metrics_reference.py
NDCG comes from scikit-learn's ndcg_score (binary relevance, log2 discount, ideal DCG over the top-k of the
true relevances, i.e. min(|R|, k) ones); the other metrics are written out here with numpy from their textbook
definitions. The fixture is generated from a tiny LCG so the TypeScript test can rebuild it exactly.
"""
import numpy as np
from sklearn.metrics import ndcg_score


def lcg(seed):
    state = seed
    while True:
        state = (1103515245 * state + 12345) % 2**31
        yield state


def fixture(n_users=6, n_items=30, seed=7):
    g = lcg(seed)
    scores, relevant = [], []
    for _ in range(n_users):
        s = [next(g) / 2**31 for _ in range(n_items)]  # distinct with probability 1
        rel = sorted({next(g) * n_items // 2**31 for _ in range(1 + next(g) * 8 // 2**31)})
        scores.append(s)
        relevant.append(rel)
    return np.array(scores), relevant


def main():
    scores, relevant = fixture()
    k = 10
    out = {"ndcg": [], "precision": [], "recall": [], "map": [], "mrr": [], "hitRate": []}
    for s, rel in zip(scores, relevant):
        y = np.zeros_like(s)
        y[rel] = 1
        out["ndcg"].append(ndcg_score([y], [s], k=k))
        ranked = np.argsort(-s)[:k]
        hits = np.isin(ranked, rel).astype(float)
        out["precision"].append(hits.sum() / k)
        out["recall"].append(hits.sum() / len(rel))
        prec_at = np.cumsum(hits) / np.arange(1, k + 1)
        out["map"].append((prec_at * hits).sum() / min(len(rel), k))
        first = np.flatnonzero(hits)
        out["mrr"].append(1 / (first[0] + 1) if len(first) else 0.0)
        out["hitRate"].append(float(hits.any()))
    for name, values in out.items():
        print(f"{name}: [{', '.join(f'{v:.10f}' for v in values)}]")
    # Gini of exposure: items 0..9 with counts, the standard formula on the sorted vector
    x = np.sort(np.array([0, 0, 1, 1, 2, 3, 5, 8, 13, 21], dtype=float))
    n = len(x)
    print("gini:", f"{((2 * np.arange(1, n + 1) - n - 1) * x).sum() / (n * x.sum()):.10f}")


if __name__ == "__main__":
    main()
