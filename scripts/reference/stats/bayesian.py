"""Golden values for lib/stats Bayesian functions, by numerical integration with scipy (independent of the
closed forms used in TypeScript).

Run: python3 scripts/reference/stats/bayesian.py   (scipy 1.17)
"""
import numpy as np
from scipy import integrate, stats


def p_beat(a, b):
    """P(X_b > X_a) = int f_b(x) F_a(x) dx."""
    fa, fb = stats.beta(*a), stats.beta(*b)
    lo, hi = fb.ppf(1e-14), fb.isf(1e-14)
    return integrate.quad(lambda x: fb.pdf(x) * fa.cdf(x), lo, hi, epsabs=1e-14, epsrel=1e-12, limit=500)[0]


def loss(a, b):
    """E[max(X_a - X_b, 0)] = int f_b(y) int_y^1 (x - y) f_a(x) dx dy; inner = E[(X_a - y)+]."""
    fa, fb = stats.beta(*a), stats.beta(*b)
    ma = fa.mean()

    def inner(y):
        # E[(X_a - y)+] = ma * (1 - F_{a+1}(y)) - y * (1 - F_a(y))
        return ma * stats.beta(a[0] + 1, a[1]).sf(y) - y * fa.sf(y)

    lo, hi = fb.ppf(1e-14), fb.isf(1e-14)
    return integrate.quad(lambda y: fb.pdf(y) * inner(y), lo, hi, epsabs=1e-15, epsrel=1e-12, limit=500)[0]


cases = [((201, 801), (251, 751)), ((3, 5), (4, 4)), ((1.5, 20.5), (3.2, 18.1)), ((45.5, 455.5), (31, 451)),
         ((20001, 180001), (20301, 179701))]
print("## P(X_b > X_a), E[max(X_a - X_b, 0)]")
for a, b in cases:
    print(f"a={a} b={b}: p={p_beat(a, b):.12g} loss={loss(a, b):.12g}")

print("## three arms: P(best) = int f_i prod_{j!=i} F_j; E[max] - mean_i")
arms = [(101, 901), (111, 891), (121, 881)]
d = [stats.beta(*p) for p in arms]
for i, fi in enumerate(d):
    pb = integrate.quad(lambda x: fi.pdf(x) * np.prod([dj.cdf(x) for j, dj in enumerate(d) if j != i]), 0, 1,
                        points=[0.1, 0.12], limit=500)[0]
    print(f"arm {i}: p_best={pb:.10g}")
emax = integrate.quad(lambda x: 1 - np.prod([dj.cdf(x) for dj in d]), 0, 1, points=[0.1, 0.12], limit=500)[0]
print("losses", [f"{emax - dj.mean():.10g}" for dj in d])

print("## normal model: P(B > A) and E[max(A - B, 0)] by quadrature over the difference")
for ma, va, mb, vb in [(5, 400 / 1000, 6.5, 450 / 1000), (10, 0.04, 9.9, 0.09)]:
    diff = stats.norm(mb - ma, np.sqrt(va + vb))
    p = diff.sf(0)
    lo = integrate.quad(lambda x: -x * diff.pdf(x), -np.inf, 0)[0]  # E[max(A - B, 0)] = E[(-(B - A))+]
    hi = integrate.quad(lambda x: x * diff.pdf(x), 0, np.inf)[0]
    print(f"ma={ma} va={va} mb={mb} vb={vb}: p={p:.12g} lossB={lo:.12g} lossA={hi:.12g}")
arms = [(5, 0.4), (6.5, 0.45), (6.2, 0.5)]
d = [stats.norm(m, np.sqrt(v)) for m, v in arms]
for i, fi in enumerate(d):
    pb = integrate.quad(lambda x: fi.pdf(x) * np.prod([dj.cdf(x) for j, dj in enumerate(d) if j != i]), -10, 20,
                        limit=500)[0]
    print(f"normal arm {i}: p_best={pb:.10g}")
# E[max] = int_0^inf (1 - prod F) dx - int_-inf^0 prod F dx
emax = integrate.quad(lambda x: 1 - np.prod([dj.cdf(x) for dj in d]), 0, 30, limit=500)[0] - \
    integrate.quad(lambda x: np.prod([dj.cdf(x) for dj in d]), -30, 0, limit=500)[0]
print("normal losses", [f"{emax - m:.10g}" for m, _ in arms])

print("## credible interval Beta(251, 751)", [f"{v:.12g}" for v in stats.beta(251, 751).ppf([0.025, 0.975])])
