"""BPR-MF epoch time baseline (Rendle et al. 2009) in numpy: the same model, loss and uniform negative sampling as
lib/engine/recommend/bpr.ts, but vectorised over mini-batches of 1,000 (u, i, j) triples (pure-Python per-sample
SGD would be ~100x slower and no fair baseline). Mini-batch updates are applied with np.add.at, so the result is
close to, not identical with, sequential SGD.

Usage: python3 bpr.py DATA_DIR [factors] [epochs]  -> one JSON line with the seconds per epoch
"""
import sys
import time

import numpy as np

from common import load, report


def epoch(x, y, bias, rows, cols, keys, n_items, rng, lr=0.05, reg=0.002, batch=1000):
    order = rng.permutation(len(rows))
    for s in range(0, len(order), batch):
        k = order[s:s + batch]
        u, i = rows[k], cols[k]
        j = rng.integers(0, n_items, len(k))
        while True:  # resample negatives the user has seen (keys = sorted u * n_items + item)
            q = u.astype(np.int64) * n_items + j
            p = np.searchsorted(keys, q)
            seen = (p < len(keys)) & (keys[np.minimum(p, len(keys) - 1)] == q)
            if not seen.any():
                break
            j[seen] = rng.integers(0, n_items, int(seen.sum()))
        xu, yi, yj = x[u], y[i], y[j]
        xuij = bias[i] - bias[j] + np.einsum('ij,ij->i', xu, yi - yj)
        g = 1.0 / (1.0 + np.exp(xuij))
        np.add.at(x, u, lr * (g[:, None] * (yi - yj) - reg * xu))
        np.add.at(y, i, lr * (g[:, None] * xu - reg * yi))
        np.add.at(y, j, lr * (-g[:, None] * xu - reg * yj))
        np.add.at(bias, i, lr * g)
        np.add.at(bias, j, -lr * g)


def main():
    folder = sys.argv[1]
    factors = int(sys.argv[2]) if len(sys.argv) > 2 else 64
    epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    c = load(folder)
    rows = np.repeat(np.arange(c.shape[0]), np.diff(c.indptr)).astype(np.int32)
    cols = c.indices.astype(np.int32)
    keys = np.sort(rows.astype(np.int64) * c.shape[1] + cols)
    rng = np.random.default_rng(1)
    x = (rng.standard_normal((c.shape[0], factors)) * 0.1).astype(np.float32)
    y = (rng.standard_normal((c.shape[1], factors)) * 0.1).astype(np.float32)
    bias = np.zeros(c.shape[1], dtype=np.float32)
    times = []
    for _ in range(epochs):
        t0 = time.perf_counter()
        epoch(x, y, bias, rows, cols, keys, c.shape[1], rng)
        times.append(time.perf_counter() - t0)
    report({'model': 'bpr', 'factors': factors, 'batch': 1000, 'epochS': min(times), 'epochsS': times})


if __name__ == '__main__':
    main()
