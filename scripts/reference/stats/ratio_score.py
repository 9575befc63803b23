"""Reference values for lib/stats/relative-lift.test.ts (run: python3 scripts/reference/stats/ratio_score.py).

Score interval of a rate ratio: the restricted MLE under p_t = theta * p_c is found by numerical maximisation of the
binomial likelihood (scipy, not the closed form the TypeScript uses), the bounds by brentq on S(theta) = +-z.
Fieller bounds for a Welch comparison: roots of (T - R*C)^2 = t^2 (vT + R^2 vC) with t the Welch critical value.
"""
import numpy as np
from scipy import optimize, stats


def score(xt, nt, xc, nc, th):
    def nll(p):
        return -(xt * np.log(th * p) + (nt - xt) * np.log1p(-th * p) + xc * np.log(p) + (nc - xc) * np.log1p(-p))

    p = optimize.minimize_scalar(nll, bounds=(1e-12, min(1, 1 / th) - 1e-12), method='bounded',
                                 options={'xatol': 1e-14}).x
    return (xt / nt - th * xc / nc) / np.sqrt(th * p * (1 - th * p) / nt + th * th * p * (1 - p) / nc)


z = stats.norm.ppf(0.975)
for xt, nt, xc, nc in [(250, 1000, 200, 1000), (30, 480, 45, 500), (9, 25, 3, 20), (19, 2173, 1, 236)]:
    mid = (xt / nt) / (xc / nc)
    lo = optimize.brentq(lambda t: score(xt, nt, xc, nc, t) - z, 1e-6, mid, xtol=1e-13)
    hi = optimize.brentq(lambda t: score(xt, nt, xc, nc, t) + z, mid, 1e4, xtol=1e-13)
    print('score', xt, nt, xc, nc, repr(lo - 1), repr(hi - 1))

for (nt, mt, vt), (nc, mc, vc) in [((120, 10.8, 9.0), (100, 10.0, 4.0)), ((500, 2.1, 400.0), (480, 5.7, 900.0))]:
    at, ac = vt / nt, vc / nc
    df = (at + ac) ** 2 / (at ** 2 / (nt - 1) + ac ** 2 / (nc - 1))
    t = stats.t.ppf(0.975, df)
    roots = np.sort(np.roots([mc ** 2 - t * t * ac, -2 * mt * mc, mt ** 2 - t * t * at]))
    print('fieller', nt, mt, vt, nc, mc, vc, repr(roots[0] - 1), repr(roots[1] - 1))
