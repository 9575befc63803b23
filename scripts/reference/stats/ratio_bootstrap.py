"""Bootstrap check of the delta-method variance of ratio metrics on the Hillstrom e-mail data.

Run: python3 scripts/reference/stats/ratio_bootstrap.py [path/to/hillstrom.csv]
(default path: ../shared/datasets/hillstrom_email/hillstrom.csv relative to the repo root)
For each arm and ratio (spend per visitor = sum spend / sum visit, spend per buyer = sum spend / sum conversion)
prints the ratio and the bootstrap standard error over users (10,000 resamples, numpy seed 20240501).
"""
import sys

import csv

import numpy as np

path = sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets/hillstrom_email/hillstrom.csv"
with open(path, newline="") as fh:
    rows = list(csv.DictReader(fh))
rng = np.random.default_rng(20240501)
B = 10_000
for arm in ["Mens E-Mail", "No E-Mail"]:
    d = [r for r in rows if r["segment"] == arm]
    y = np.array([float(r["spend"]) for r in d])
    for den in ["visit", "conversion"]:
        x = np.array([float(r[den]) for r in d])
        n = len(y)
        ratios = np.empty(B)
        for b in range(B):
            idx = rng.integers(0, n, n)
            ratios[b] = y[idx].sum() / x[idx].sum()
        print(f"{arm} spend/{den}: n={n} ratio={y.sum() / x.sum():.10g} bootstrap_se={ratios.std(ddof=1):.6g}")
