"""Golden values for lib/stats/sequential.ts: the normal-mixture likelihood ratio computed by numerical
integration (not the closed form), and the confidence-sequence bounds by root finding on it.

Run: python3 scripts/reference/stats/msprt.py   (scipy 1.17)
Lambda(theta0) = int N(est; theta, v) / N(est; theta0, v) * N(theta; theta0, tau2) dtheta
"""
import numpy as np
from scipy import integrate, optimize, stats


def mixture_lr(est, v, tau2, theta0=0.0):
    sd = np.sqrt(v)
    f = lambda th: np.exp(stats.norm.logpdf(est, th, sd) - stats.norm.logpdf(est, theta0, sd)) * \
        stats.norm.pdf(th, theta0, np.sqrt(tau2))
    width = 12 * np.sqrt(tau2)
    return integrate.quad(f, theta0 - width, theta0 + width, points=[est], epsabs=0, epsrel=1e-12, limit=1000)[0]


alpha = 0.05
for est, v, tau2 in [(0.012, 4e-5, 1.8e-4), (0.0, 4e-5, 1.8e-4), (-0.3, 0.02, 0.05), (1.1, 0.25, 2.0)]:
    lr = mixture_lr(est, v, tau2)
    g = lambda th0: np.log(mixture_lr(est, v, tau2, th0)) - np.log(1 / alpha)
    half = np.sqrt(2 * v * (v + tau2) / tau2 * (np.log(1 / alpha) + 0.5 * np.log1p(tau2 / v)))  # bracket only
    lo = optimize.brentq(g, est - 3 * half, est, xtol=1e-14)
    hi = optimize.brentq(g, est, est + 3 * half, xtol=1e-14)
    print(f"est={est} v={v} tau2={tau2}: LR={lr:.12g} p={min(1, 1 / lr):.12g} cs=[{lo:.12g}, {hi:.12g}]")

print("## optimal r = tau2/v_H minimising (1 + 1/r)(2 ln(1/a) + ln(1 + r))")
for a in [0.05, 0.01, 0.1]:
    res = optimize.minimize_scalar(lambda lr: (1 + np.exp(-lr)) * (2 * np.log(1 / a) + np.log1p(np.exp(lr))),
                                   bounds=(-10, 10), method="bounded", options={"xatol": 1e-12})
    L2 = 2 * np.log(1 / a)
    print(f"alpha={a}: r*={np.exp(res.x):.10g} (Howard approx {L2 + np.log(1 + L2):.10g})")
