"""Independent check of lib/engine/recommendation/federated-privacy.ts (zCDP accountant of the federated trainer).

Each round: sum of client updates clipped to L2 norm C plus N(0, (z*C)^2) noise per coordinate. Per round
rho = C^2 / (2 sigma^2) = 1/(2 z^2) (Bun & Steinke 2016, Prop. 1.6), T rounds compose to T*rho (Lemma 1.7), and
rho-zCDP gives (eps, delta)-DP with eps = rho + 2 sqrt(rho ln(1/delta)) (Prop. 1.3).

Calibration is solved here numerically (scipy brentq on eps(z) - target) rather than with the closed form the
TypeScript uses, so the two agree only if both are right.

    python3 scripts/reference/recommend/zcdp_reference.py
"""
import math

from scipy.optimize import brentq


def epsilon(z, rounds, delta):
    rho = rounds / (2 * z * z)
    return rho + 2 * math.sqrt(rho * math.log(1 / delta))


def calibrate(target, rounds, delta):
    return brentq(lambda z: epsilon(z, rounds, delta) - target, 1e-3, 1e6, xtol=1e-12)


if __name__ == "__main__":
    for z, rounds, delta in [(10, 20, 1e-5), (1.5, 30, 1 / 943)]:
        print(f"epsilon z={z} T={rounds} delta={delta}: {epsilon(z, rounds, delta):.6f}")
    for target, rounds, delta in [(1, 20, 1e-5), (4, 30, 1 / 943), (8, 30, 1 / 943)]:
        print(f"calibrate eps={target} T={rounds} delta={delta}: z={calibrate(target, rounds, delta):.6f}")
