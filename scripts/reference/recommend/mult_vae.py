"""Independent Mult-VAE (Liang et al. 2018) in PyTorch, to check lib/engine/recommendation/mult-vae*.ts on the same
split and settings: binary rows, L2-normalised input, dropout, tanh hidden layer, (mu, log var) latent, reparameterised
z (z = mu when scoring), tanh hidden layer, logits; loss = multinomial NLL + beta * KL, beta rising linearly from 0 to
the cap over all Adam steps; Glorot-uniform weights and N(0, 0.001^2) biases as the paper's code.

Evaluation as lib/engine/recommendation/evaluate.ts: every test user with >= 1 test item, all items scored, the
user's training items removed, NDCG@10 with binary relevance, log2 discount, IDCG over min(|test items|, 10).

Usage (python 3.11 with torch CPU: pip install torch --index-url https://download.pytorch.org/whl/cpu):
  npx tsx scripts/eval/mult-vae-reference.ts export /tmp/ml100k-vae     # the split as raw int32 files
  python3 scripts/reference/recommend/mult_vae.py /tmp/ml100k-vae --epochs 100 --seed 1
  (--holdout: train on 80 % of the training part and evaluate on the other 20 %, to explore settings without test)
prints one JSON line: {"ndcg10": ..., "seconds": ..., ...}
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def load(folder, part):
    shape = json.load(open(os.path.join(folder, 'shape.json')))
    users = np.fromfile(os.path.join(folder, part + '.users.i32'), dtype='<i4')
    items = np.fromfile(os.path.join(folder, part + '.items.i32'), dtype='<i4')
    x = np.zeros((shape['nUsers'], shape['nItems']), dtype=np.float32)
    x[users, items] = 1.0
    return x


class MultVae(nn.Module):
    def __init__(self, n_items, hidden, latent, dropout):
        super().__init__()
        self.latent = latent
        self.enc = nn.Linear(n_items, hidden)
        self.stats = nn.Linear(hidden, 2 * latent)
        self.dec = nn.Linear(latent, hidden)
        self.out = nn.Linear(hidden, n_items)
        self.drop = nn.Dropout(dropout)
        for layer in (self.enc, self.stats, self.dec, self.out):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.normal_(layer.bias, 0.0, 0.001)

    def forward(self, x):
        h = self.drop(F.normalize(x, dim=1))
        h = torch.tanh(self.enc(h))
        s = self.stats(h)
        mu, logvar = s[:, :self.latent], s[:, self.latent:]
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar) if self.training else mu
        return self.out(torch.tanh(self.dec(z))), mu, logvar


def ndcg_at_10(scores, train, test):
    scores = scores.copy()
    scores[train > 0] = -np.inf
    users = np.nonzero(test.sum(axis=1) > 0)[0]
    discount = 1.0 / np.log2(np.arange(2, 12))
    total = 0.0
    for u in users:
        top = np.argpartition(-scores[u], 10)[:10]
        top = top[np.argsort(-scores[u][top], kind='stable')]
        dcg = (test[u, top] * discount).sum()
        idcg = discount[: min(int(test[u].sum()), 10)].sum()
        total += dcg / idcg
    return total / len(users)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('folder')
    ap.add_argument('--epochs', type=int, default=100)
    ap.add_argument('--batch', type=int, default=500)
    ap.add_argument('--lr', type=float, default=1e-3)
    ap.add_argument('--hidden', type=int, default=600)
    ap.add_argument('--latent', type=int, default=200)
    ap.add_argument('--dropout', type=float, default=0.5)
    ap.add_argument('--beta-cap', type=float, default=0.2)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--holdout', action='store_true', help='evaluate on a random 20%% of the training part instead of test')
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    rng = np.random.default_rng(a.seed)
    train, test = load(a.folder, 'train'), load(a.folder, 'test')
    if a.holdout:
        u, i = np.nonzero(train)
        pick = np.random.default_rng(0).random(len(u)) < 0.2
        test = np.zeros_like(train)
        test[u[pick], i[pick]] = 1.0
        train[u[pick], i[pick]] = 0.0
    active = np.nonzero(train.sum(axis=1) > 0)[0]
    x = torch.from_numpy(train)
    model = MultVae(train.shape[1], a.hidden, a.latent, a.dropout)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    total_steps = int(np.ceil(len(active) / a.batch)) * a.epochs
    step = 0
    started = time.time()
    for _ in range(a.epochs):
        model.train()
        order = rng.permutation(active)
        for s in range(0, len(order), a.batch):
            xb = x[order[s:s + a.batch]]
            beta = a.beta_cap * min(1.0, step / total_steps)
            logits, mu, logvar = model(xb)
            nll = -(F.log_softmax(logits, dim=1) * xb).sum(dim=1).mean()
            kl = (0.5 * (-logvar + torch.exp(logvar) + mu ** 2 - 1)).sum(dim=1).mean()
            opt.zero_grad()
            (nll + beta * kl).backward()
            opt.step()
            step += 1
    seconds = time.time() - started
    model.eval()
    with torch.no_grad():
        scores = model(x)[0].numpy().astype(np.float64)
    print(json.dumps({
        'ndcg10': ndcg_at_10(scores, train, test), 'seconds': seconds, 'epochs': a.epochs, 'batch': a.batch,
        'lr': a.lr, 'hidden': a.hidden, 'latent': a.latent, 'dropout': a.dropout, 'betaCap': a.beta_cap,
        'seed': a.seed, 'torch': torch.__version__, 'threads': a.threads,
    }))


if __name__ == '__main__':
    main()
