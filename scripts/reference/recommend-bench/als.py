"""Implicit ALS with conjugate gradient (Hu, Koren & Volinsky 2008; CG as in Takacs et al. 2011 and the `implicit`
library's least_squares_cg) in numpy/scipy: the same algorithm as lib/engine/recommend/als.ts, vectorised over all
rows of a side at once (batched CG: every row runs its own CG; rows whose residual drops below 1e-20 stop).
Factors are stored as float32 between half-iterations (like the TypeScript code), arithmetic is float64.

Usage:
  python3 als.py bench DATA_DIR [factors] [iterations]  -> one JSON line with the seconds per iteration
  python3 als.py golden                                 -> the factors of the small case in als.test.ts
"""
import sys
import time

import numpy as np
import scipy.sparse as sp


def half_step(x, y, c, alpha, reg, cg_steps, chunk=200_000):
    """Solves every row of x (float32, n x f) with y fixed; c is the CSR n x m matrix of r_ui."""
    f = x.shape[1]
    xd = x.astype(np.float64)
    yd = y.astype(np.float64)
    yty = yd.T @ yd + reg * np.eye(f)
    rows = np.repeat(np.arange(c.shape[0]), np.diff(c.indptr))
    cols = c.indices
    cm1 = alpha * c.data.astype(np.float64)

    def sparse_part(p):
        # sum_i (c_ui - 1) (y_i . p_u) y_i for every row u, in chunks of stored entries to bound memory
        yp = np.empty(len(cols))
        for s in range(0, len(cols), chunk):
            e = min(len(cols), s + chunk)
            yp[s:e] = np.einsum('ij,ij->i', yd[cols[s:e]], p[rows[s:e]])
        w = sp.csr_matrix((cm1 * yp, cols, c.indptr), shape=c.shape)
        return w @ yd

    b = sp.csr_matrix((1.0 + cm1, cols, c.indptr), shape=c.shape) @ yd
    r = b - xd @ yty - sparse_part(xd)
    p = r.copy()
    rsold = np.einsum('ij,ij->i', r, r)
    active = rsold >= 1e-20
    for _ in range(cg_steps):
        if not active.any():
            break
        ap = p @ yty + sparse_part(p)
        pap = np.einsum('ij,ij->i', p, ap)
        step = np.where(active, rsold / np.where(active, pap, 1.0), 0.0)
        xd += step[:, None] * p
        r -= step[:, None] * ap
        rsnew = np.einsum('ij,ij->i', r, r)
        keep = active & (rsnew >= 1e-20)
        beta = np.where(keep, rsnew / np.where(active, rsold, 1.0), 0.0)
        p = np.where(keep[:, None], r + beta[:, None] * p, p)
        rsold = np.where(keep, rsnew, rsold)
        active = keep
    return xd.astype(np.float32)


def iterate(x, y, cu, ci, alpha, reg, cg_steps):
    x = half_step(x, y, cu, alpha, reg, cg_steps)
    y = half_step(y, x, ci, alpha, reg, cg_steps)
    return x, y


def loss(x, y, cu, alpha, reg):
    xd, yd = x.astype(np.float64), y.astype(np.float64)
    s = xd @ yd.T
    c = 1.0 + alpha * cu.toarray()
    pref = (cu.toarray() > 0).astype(np.float64)
    return float((c * (pref - s) ** 2).sum() + reg * ((xd ** 2).sum() + (yd ** 2).sum()))


def golden():
    # 5 users x 4 items, r_ui values; f = 3; deterministic start (same formula in als.test.ts)
    entries = [(0, 0, 1), (0, 1, 2), (1, 1, 1), (1, 2, 1), (2, 0, 3), (2, 3, 1), (3, 2, 2), (4, 0, 1), (4, 3, 1)]
    u, i, r = (np.array(v) for v in zip(*entries))
    cu = sp.csr_matrix((r.astype(np.float32), (u, i)), shape=(5, 4))
    ci = cu.T.tocsr()
    f = 3
    x = np.array([[0.1 * np.sin(1 + a * f + k) for k in range(f)] for a in range(5)], dtype=np.float32)
    y = np.array([[0.1 * np.cos(1 + a * f + k) for k in range(f)] for a in range(4)], dtype=np.float32)
    losses = [loss(x, y, cu, 2.0, 0.1)]
    for _ in range(3):
        x, y = iterate(x, y, cu, ci, 2.0, 0.1, 3)
        losses.append(loss(x, y, cu, 2.0, 0.1))
    print('losses', [round(v, 6) for v in losses])
    print('x', np.round(x, 6).tolist())
    print('y', np.round(y, 6).tolist())


def bench(folder, factors, iterations):
    from common import load, report
    cu = load(folder).astype(np.float32)
    ci = cu.T.tocsr()
    rng = np.random.default_rng(1)
    x = (rng.standard_normal((cu.shape[0], factors)) * 0.01).astype(np.float32)
    y = (rng.standard_normal((cu.shape[1], factors)) * 0.01).astype(np.float32)
    times = []
    for _ in range(iterations):
        t0 = time.perf_counter()
        x, y = iterate(x, y, cu, ci, 20.0, 0.1, 3)
        times.append(time.perf_counter() - t0)
    report({'model': 'als', 'factors': factors, 'cgSteps': 3, 'iterationS': min(times), 'iterationsS': times})


if __name__ == '__main__':
    if sys.argv[1] == 'golden':
        golden()
    else:
        bench(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 64, int(sys.argv[4]) if len(sys.argv) > 4 else 1)
