"""EASE fit time baseline (Steck 2019), numpy/scipy, the same algorithm as lib/engine/recommend/ease.ts:
G = X^T X (scipy sparse product, densified), P = inv(G + lambda I), B = -P / diag(P), diag(B) = 0.

Usage: python3 ease.py DATA_DIR [lambda] [method]   (method: inv = np.linalg.inv, default; cho = scipy cho_factor/cho_solve)
Prints one JSON line with the timings in seconds."""
import sys
import time

import numpy as np
import scipy.linalg as sl

from common import load, report

folder = sys.argv[1]
lam = float(sys.argv[2]) if len(sys.argv) > 2 else 500.0
method = sys.argv[3] if len(sys.argv) > 3 else 'inv'
x = load(folder)
t0 = time.perf_counter()
g = (x.T @ x).toarray()
t1 = time.perf_counter()
g[np.diag_indices_from(g)] += lam
if method == 'cho':
    p = sl.cho_solve(sl.cho_factor(g, lower=True, check_finite=False), np.eye(g.shape[0]), check_finite=False)
else:
    p = np.linalg.inv(g)
t2 = time.perf_counter()
b = p / (-np.diag(p))
np.fill_diagonal(b, 0.0)
t3 = time.perf_counter()
report({'model': 'ease', 'method': method, 'gramS': t1 - t0, 'inverseS': t2 - t1, 'weightsS': t3 - t2, 'fitS': t3 - t0,
        'checksum': float(np.abs(b).sum())})
