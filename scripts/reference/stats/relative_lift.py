"""Fieller interval for the relative lift pt/pc - 1 (independent arms), 250/1000 vs 200/1000.

Run: python3 scripts/reference/stats/relative_lift.py
Fieller (1954): the set of R with (pt - R pc)^2 <= z^2 (vt + R^2 vc); solved here with numpy.roots as an
independent route from the closed form in lib/stats/relative-lift.ts.
"""
import numpy as np
from scipy.stats import norm

pt, pc, n = 0.25, 0.2, 1000
vt, vc = pt * (1 - pt) / n, pc * (1 - pc) / n
z = norm.ppf(0.975)
roots = np.sort(np.roots([pc**2 - z**2 * vc, -2 * pt * pc, pt**2 - z**2 * vt]).real)
print("delta se", np.sqrt(vt / pc**2 + pt**2 * vc / pc**4))
print("fieller", [f"{r - 1:.10f}" for r in roots])
