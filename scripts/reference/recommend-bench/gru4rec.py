"""GRU4Rec epoch-time baseline in numpy: the same network, loss and training loop as
lib/engine/recommend/gru4rec.ts + gru4rec-cell.ts (GRU with PyTorch gate order r, z, n; softmax cross-entropy of
the next item over the batch's targets plus uniform negatives with the -log q correction, or over all items; Adam),
vectorised over the batch with float64 matrix products.

Usage: python3 gru4rec.py bench DATA_DIR USERS [negatives]  -> one JSON line with the seconds for one epoch on the
       sequences of users 0..USERS-1 (the raw files are in time order within each user, see bench/recommend-data.ts)
"""
import sys
import time

import numpy as np

from common import load, report


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


class Gru:
    def __init__(self, n_items, d, rng):
        s = 1.0 / np.sqrt(d)
        self.p = {
            'emb': rng.normal(0, 0.05, (n_items, d)), 'wx': rng.uniform(-s, s, (3 * d, d)), 'wh': rng.uniform(-s, s, (3 * d, d)),
            'bx': np.zeros(3 * d), 'bh': np.zeros(3 * d), 'out': rng.normal(0, 0.05, (n_items, d)), 'ob': np.zeros(n_items),
        }
        self.m = {k: np.zeros_like(v) for k, v in self.p.items()}
        self.v = {k: np.zeros_like(v) for k, v in self.p.items()}
        self.step = 0

    def loss_and_grad(self, inputs, targets, cand, offsets):
        """inputs/targets: T x B item ids, -1 = padding / no target."""
        p, (T, B), d = self.p, inputs.shape, self.p['emb'].shape[1]
        mask = inputs >= 0
        x = np.where(mask[..., None], p['emb'][np.maximum(inputs, 0)], 0.0)
        gx = x @ p['wx'].T + p['bx']
        h = np.zeros((T + 1, B, d))
        cache = []
        for t in range(T):
            gh = h[t] @ p['wh'].T + p['bh']
            r = sigmoid(gx[t, :, :d] + gh[:, :d])
            z = sigmoid(gx[t, :, d:2 * d] + gh[:, d:2 * d])
            n = np.tanh(gx[t, :, 2 * d:] + r * gh[:, 2 * d:])
            hn = (1 - z) * n + z * h[t]
            h[t + 1] = np.where(mask[t][:, None], hn, h[t])
            cache.append((r, z, n, gh[:, 2 * d:]))
        rows = np.nonzero(targets.reshape(-1) >= 0)[0]
        hv = h[1:].reshape(-1, d)[rows]
        pos = {c: k for k, c in enumerate(cand)}
        tp = np.array([pos[c] for c in targets.reshape(-1)[rows]])
        oc = p['out'][cand]
        logits = hv @ oc.T + p['ob'][cand] + offsets
        logits -= logits.max(axis=1, keepdims=True)
        prob = np.exp(logits)
        prob /= prob.sum(axis=1, keepdims=True)
        N = len(rows)
        loss = -np.log(prob[np.arange(N), tp]).mean()
        dl = prob / N
        dl[np.arange(N), tp] -= 1.0 / N
        g = {k: np.zeros_like(v) for k, v in p.items()}
        np.add.at(g['out'], cand, dl.T @ hv)
        np.add.at(g['ob'], cand, dl.sum(axis=0))
        dH = np.zeros((T * B, d))
        dH[rows] = dl @ oc
        dH = dH.reshape(T, B, d)
        dgx, dgh = np.zeros((T, B, 3 * d)), np.zeros((T, B, 3 * d))
        dh = np.zeros((B, d))
        for t in range(T - 1, -1, -1):
            dh = dh + dH[t]
            r, z, n, ghn = cache[t]
            dan = dh * (1 - z) * (1 - n * n)
            dar = dan * ghn * r * (1 - r)
            daz = dh * (h[t] - n) * z * (1 - z)
            m = mask[t][:, None]
            dgx[t] = np.where(m, np.concatenate([dar, daz, dan], axis=1), 0.0)
            dgh[t] = np.where(m, np.concatenate([dar, daz, dan * r], axis=1), 0.0)
            dh = np.where(m, dh * z, dh) + dgh[t] @ p['wh']
        g['wx'] = dgx.reshape(-1, 3 * d).T @ x.reshape(-1, d)
        g['wh'] = dgh.reshape(-1, 3 * d).T @ h[:-1].reshape(-1, d)
        g['bx'] = dgx.reshape(-1, 3 * d).sum(axis=0)
        g['bh'] = dgh.reshape(-1, 3 * d).sum(axis=0)
        dx = dgx.reshape(-1, 3 * d) @ p['wx']
        flat = inputs.reshape(-1)
        np.add.at(g['emb'], flat[flat >= 0], dx[flat >= 0])
        return loss, g

    def adam(self, g, lr):
        self.step += 1
        b1, b2 = 0.9, 0.999
        a = lr * np.sqrt(1 - b2 ** self.step) / (1 - b1 ** self.step)
        for k in self.p:
            self.m[k] = b1 * self.m[k] + (1 - b1) * g[k]
            self.v[k] = b2 * self.v[k] + (1 - b2) * g[k] ** 2
            self.p[k] -= a * self.m[k] / (np.sqrt(self.v[k]) + 1e-8)


def epoch(model, seqs, n_items, rng, B=32, T=32, negatives=1024, lr=0.002):
    windows = [(s, e) for s, e in seqs for e in range(e, s + 1, -T) if e - s >= 2]
    pop = np.bincount(np.concatenate([items[s + 1:e] for s, e in seqs]), minlength=n_items) / sum(e - s - 1 for s, e in seqs)
    order = rng.permutation(len(windows))
    for w0 in range(0, len(order), B):
        batch = [windows[k] for k in order[w0:w0 + B]]
        nb = len(batch)
        inputs, targets = -np.ones((T, nb), dtype=np.int64), -np.ones((T, nb), dtype=np.int64)
        for b, (s, e) in enumerate(batch):
            w = max(s, e - T - 1)
            seg = items[w:e]
            inputs[:len(seg) - 1, b] = seg[:-1]
            targets[:len(seg) - 1, b] = seg[1:]
        full = negatives >= n_items
        if full:
            cand, offsets = np.arange(n_items), 0.0
        else:
            cand = np.unique(np.concatenate([targets[targets >= 0], rng.integers(0, n_items, negatives)]))
            rows = int((targets >= 0).sum())
            offsets = -np.log(np.minimum(1.0, 1 - (1 - pop[cand]) ** rows + negatives / n_items))
        _, g = model.loss_and_grad(inputs, targets, cand, offsets)
        model.adam(g, lr)


if __name__ == '__main__':
    folder, n_users = sys.argv[2], int(sys.argv[3])
    x = load(folder)
    users = np.fromfile(folder + '/users.i32', dtype='<i4')
    items = np.fromfile(folder + '/items.i32', dtype='<i4')
    keep = users < n_users
    users, items = users[keep], items[keep]
    n_items = x.shape[1]
    negatives = int(sys.argv[4]) if len(sys.argv) > 4 else (n_items if n_items <= 2048 else 1024)
    bounds = np.searchsorted(users, np.arange(n_users + 1))
    seqs = [(int(bounds[u]), int(bounds[u + 1])) for u in range(n_users)]
    rng = np.random.default_rng(1)
    model = Gru(n_items, 64, rng)
    t0 = time.perf_counter()
    epoch(model, seqs, n_items, rng, negatives=negatives)
    report({'model': 'gru4rec', 'users': n_users, 'interactions': int(len(users)), 'negatives': negatives, 'epochS': time.perf_counter() - t0})
