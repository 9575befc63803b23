"""Independent reference values for lib/engine/portrait (BG/NBD, Gamma-Gamma, CLV, calibration check).

Written straight from the papers with scipy (hyp2f1 in its original, untransformed form; scipy's optimiser), so it
shares no code with the TypeScript engine. Run from the repo root:

    python3 scripts/reference/portrait/btyd_reference.py

(pyenv python 3.11 with numpy, scipy 1.17 and mpmath; the BG/NBD and Gamma-Gamma lines agree with Debian's /usr/bin/python3 + scipy 1.10 to 5 decimals). Reads the shared CDNOW sample; prints the values the tests embed.
"""
import os
import numpy as np
from datetime import date
from scipy.special import gammaln, hyp2f1, betaln
from scipy.optimize import minimize

D = os.environ.get("PRECISA_DATASETS", os.path.join(os.path.dirname(__file__), "../../../../shared/datasets"))
CD = os.path.join(D, "cdnow_sample")


def load_summary():
    a = np.loadtxt(os.path.join(CD, "cdnow_customers_summary_with_transactions.csv"), delimiter=",", skiprows=1)
    return a[:, 1], a[:, 2], a[:, 3], a[:, 4]


def bgnbd_ll(params, x, tx, T):
    r, alpha, a, b = params
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = betaln(a, b + x) - betaln(a, b)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return np.sum(a1 + a2 + np.logaddexp(a3, a4))


def fit_bgnbd(x, tx, T):
    f = lambda v: -bgnbd_ll(np.exp(v), x, tx, T)
    res = minimize(f, np.zeros(4), method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 20000, "maxfev": 40000})
    res = minimize(f, res.x, method="BFGS", options={"gtol": 1e-9})
    return np.exp(res.x), -res.fun


def p_alive(p, x, tx, T):
    r, alpha, a, b = p
    return 1.0 if x == 0 else 1.0 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x))


def cond_exp(p, x, tx, T, t):
    r, alpha, a, b = p
    hyp = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))
    num = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp)
    den = 1 + (x > 0) * (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x)
    return num / den


def uncond_exp(p, t):
    r, alpha, a, b = p
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))


def gg_ll(params, x, m):
    p, q, g = params
    return np.sum(gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(g) + (p * x - 1) * np.log(m) + p * x * np.log(x) - (p * x + q) * np.log(g + m * x))


def fit_gg(x, m):
    f = lambda v: -gg_ll(np.exp(v), x, m)
    res = minimize(f, np.zeros(3), method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-10, "maxiter": 20000, "maxfev": 40000})
    res = minimize(f, res.x, method="BFGS", options={"gtol": 1e-9})
    return np.exp(res.x), -res.fun


def gg_spend(p, x, m):
    pp, q, g = p
    return pp * g / (q - 1) if x == 0 else pp * (g + x * m) / (pp * x + q - 1)


def elog_summary():
    """(x, t_x, T) and hold-out counts from CDNOW_sample.txt, merging same-day purchases (FHL 2005)."""
    rows = {}
    with open(os.path.join(CD, "CDNOW_sample.txt")) as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                continue
            d = parts[2]
            day = date(int(d[:4]), int(d[4:6]), int(d[6:])).toordinal()
            rows.setdefault(int(parts[0]), []).append(day)
    cal_end = date(1997, 9, 30).toordinal()
    hold_end = date(1998, 6, 30).toordinal()
    out = []
    for cid in sorted(rows):
        days = sorted(set(rows[cid]))
        first = days[0]
        cal = [d for d in days if d <= cal_end]
        hold = [d for d in days if cal_end < d <= hold_end]
        out.append((len(cal) - 1, (cal[-1] - first) / 7, (cal_end - first) / 7, len(hold)))
    a = np.array(out, dtype=float)
    return a[:, 0], a[:, 1], a[:, 2], a[:, 3], (hold_end - cal_end) / 7


def clv(pb, pg, x, tx, T, m, horizon_days=365, unit_days=7, periods=12, annual=0.10):
    d = (1 + annual) ** (horizon_days / 365 / periods) - 1
    step = horizon_days / unit_days / periods
    prev, tot = 0.0, 0.0
    for i in range(1, periods + 1):
        c = cond_exp(pb, x, tx, T, i * step)
        tot += (c - prev) / (1 + d) ** i
        prev = c
    return gg_spend(pg, x, m) * tot, prev


if __name__ == "__main__":
    x, tx, T, zbar = load_summary()
    pb, ll = fit_bgnbd(x, tx, T)
    print("BG/NBD MLE (summary file): r=%.6f alpha=%.6f a=%.6f b=%.6f LL=%.4f" % (*pb, ll))
    pub = (0.243, 4.414, 0.793, 2.426)
    print("LL at published params: %.4f" % bgnbd_ll(pub, x, tx, T))
    print("cond exp x=2 tx=30.43 T=38.86 t=39 (MLE): %.6f  P(alive): %.6f" % (cond_exp(pb, 2, 30.43, 38.86, 39), p_alive(pb, 2, 30.43, 38.86)))
    print("cond exp same, published params: %.6f  P(alive): %.6f" % (cond_exp(pub, 2, 30.43, 38.86, 39), p_alive(pub, 2, 30.43, 38.86)))
    print("cond exp published params x=50 tx=38 T=38.86 t=39: %.6f; x=0 T=38.86 t=39: %.6f; x=7 tx=20 T=30 t=100: %.6f"
          % (cond_exp(pub, 50, 38, 38.86, 39), cond_exp(pub, 0, 0, 38.86, 39), cond_exp(pub, 7, 20, 30, 100)))
    print("E[X(t)] published params:", ["%.6f" % uncond_exp(pub, t) for t in (0.1429, 1, 3, 31.8571, 32, 78)])
    print("E[X(t)] MLE params:", ["%.6f" % uncond_exp(pb, t) for t in (0.1429, 1, 3, 31.8571, 32, 78)])
    print("population E[Y(39)] published params: %.4f, mean P(alive) %.6f" % (
        sum(cond_exp(pub, *c, 39) for c in zip(x, tx, T)), np.mean([p_alive(pub, *c) for c in zip(x, tx, T)])))
    rep = x > 0
    pg, llg = fit_gg(x[rep], zbar[rep])
    print("Gamma-Gamma MLE (zbar file, %d repeaters): p=%.6f q=%.6f gamma=%.6f LL=%.4f" % (rep.sum(), *pg, llg))
    print("GG LL at published (6.25, 3.74, 15.44): %.4f" % gg_ll((6.25, 3.74, 15.44), x[rep], zbar[rep]))
    print("GG spend customers 1-10 (MLE):", ["%.4f" % gg_spend(pg, x[i], zbar[i]) for i in range(10)])
    pubg = (6.25, 3.74, 15.44)
    print("CLV 365 d, monthly, 10%%/yr, published params, customer 1 (x=2, tx=30.43, T=38.86, m=22.35): clv=%.6f E[Y]=%.6f"
          % clv(pub, pubg, 2, 30.43, 38.86, 22.35))
    print("CLV no discount, 1 period: clv=%.6f" % clv(pub, pubg, 2, 30.43, 38.86, 22.35, periods=1, annual=0.0)[0])
    ex, etx, eT, eh, hl = elog_summary()
    pe, lle = fit_bgnbd(ex, etx, eT)
    print("BG/NBD MLE (from elog): r=%.6f alpha=%.6f a=%.6f b=%.6f LL=%.4f; holdout length %.4f weeks, %d holdout repeat purchases" % (*pe, lle, hl, eh.sum()))
    print("calibration check (elog MLE params), x bucket: n, actual mean, predicted mean")
    for b in range(8):
        sel = (ex >= 7) if b == 7 else (ex == b)
        pred = np.mean([cond_exp(pe, a1, a2, a3, hl) for a1, a2, a3 in zip(ex[sel], etx[sel], eT[sel])])
        print("  %d%s: %d, %.6f, %.6f" % (b, "+" if b == 7 else "", sel.sum(), eh[sel].mean(), pred))

    # Conditional expectations in the regimes where one closed form overflows (large a, b or large x, t > α + T):
    # the textbook formula at high precision with mpmath (dps 400 so the 1 − tiny·huge cancellation is exact), summing
    # the hypergeometric series term by term (mpmath's own hyp2f1 returns a wrong value for a = b = 10⁴).
    import mpmath as mp
    mp.mp.dps = 400

    def series_2f1(A, B, C, z):
        term, total, n = mp.mpf(1), mp.mpf(1), 0
        while abs(term) > mp.mpf(10) ** -60 * abs(total) or n < 10:
            term *= (A + n) * (B + n) / ((C + n) * (n + 1)) * z
            total += term
            n += 1
        return total

    print("mpmath conditional expectations (a, b, r, x, alpha, T, t -> E[Y(t)] without the P(alive) factor):")
    for a, b, r, x, al, T_, t in [[2780, 10000, 1.29, 2, 9.8, 5, 52.14], [10000, 10000, 1.29, 0, 9.8, 1, 52.14],
                                  [10000, 10000, 1.29, 300, 9.8, 40, 52.14], [0.8, 2.4, 0.24, 800, 4.4, 3, 52], [5, 20, 0.5, 30, 2, 3, 52],
                                  # a − 1 − r − x an integer (scipy's and stdlib's hyp2f1 return NaN there)
                                  [114, 10000, 2, 0, 5, 0, 52.14], [20, 50, 3, 5, 2, 30, 52], [7, 3, 2, 0, 1, 0, 10]]:
        a, b, r, al, T_, t = (mp.mpf(str(v)) for v in (a, b, r, al, T_, t))
        z = t / (al + T_ + t)
        v = (a + b + x - 1) / (a - 1) * (1 - ((al + T_) / (al + T_ + t)) ** (r + x) * series_2f1(r + x, b + x, a + b + x - 1, z))
        # the same quantity without any ₂F₁, as a check independent of the series: given alive, λ ~ Gamma(r+x, α+T) and
        # p ~ Beta(a, b+x), and E[Y(t) | λ, p] = (1 − e^{−λpt})/p, so E[Y(t)] = ∫ (1 − ((α+T)/(α+T+pt))^{r+x})/p dBeta(p)
        mp.mp.dps = 30
        dens = lambda q: (1 - ((al + T_) / (al + T_ + q * t)) ** (r + x)) / q * q ** (a - 1) * (1 - q) ** (b + x - 1) / mp.beta(a, b + x)
        m = a / (a + b + x)
        check = mp.quad(dens, [0, m / 10, m, min(3 * m, (1 + m) / 2), 1])
        mp.mp.dps = 400
        print("  ", [float(a), float(b), float(r), x, float(al), float(T_), float(t)], mp.nstr(v, 15), "mixture integral:", mp.nstr(check, 15))
