"""L2-penalised logistic regression reference (scikit-learn) for lib/engine/uplift/logistic-regression.ts.

Run: /usr/bin/python3 scripts/reference/stats/logistic_sklearn.py   (Debian scikit-learn 1.2)
sklearn minimises C * sum(w_i * logloss_i) + 0.5 * ||beta||^2 without penalising the intercept, i.e. our
objective sum(w_i * logloss_i) + (lambda / 2) * ||beta||^2 with lambda = 1 / C. Same 50-row fixture as logistic.R.
"""
import numpy as np
from sklearn.linear_model import LogisticRegression

x1 = [0.03, 1.36, 1.22, -0.51, -0.3, -0.53, 0.57, -0.06, 0.75, -1.85, 1.57, -0.1, 0.68, -0.14, -0.38, 0.46, 0.82, -0.2, -0.15, 0.69, -0.87, -1.51, 0.39, -0.67, -1.92, -0.81, -0.47, -1.19, -1.49, 0.04, 0.9, -0.23, -0.74, 0.38, 0.72, -0.3, 0.54, 1.04, -0.21, -0.81, 0.35, 0.25, 1.1, -1.28, -0.66, -0.84, -1.73, 0.13, 0.53, -0.74]
x2 = [1.38, 2.07, 0.16, 0.1, 2.54, 1.76, 0.93, 0.95, 0.27, 0.52, 0.07, 2.52, 1.4, 0.38, 2.22, 0.59, 0.19, 1.8, 2.69, 0.08, 2.42, 0.57, 0.28, 0.05, 0.88, 2.18, 1.48, 2.56, 0.65, 0.95, 0.77, 2.93, 2.82, 1.02, 1.31, 0.94, 2.24, 0.12, 0.2, 1.21, 0.74, 2.54, 2.23, 1.64, 1.98, 2.08, 2.34, 2.78, 0.45, 1.88]
x3 = [1, 0, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1]
y = [1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0]
w = [1.1, 0.6, 1.4, 1.2, 1.1, 1.8, 0.7, 1.4, 1.1, 1.3, 1.2, 0.7, 1.3, 1.8, 0.8, 0.5, 0.6, 1.2, 2.0, 0.6, 2.0, 1.3, 0.7, 1.1, 0.8, 1.6, 1.3, 0.9, 0.9, 1.8, 1.6, 1.2, 1.1, 1.6, 2.0, 0.6, 0.7, 1.0, 1.3, 0.6, 0.6, 0.8, 1.1, 1.6, 1.4, 0.5, 0.6, 1.2, 1.8, 1.9]
X = np.column_stack([x1, x2, x3])
# newton-cg reaches the optimum to ~1e-9 (its "failed to converge" warning only says tol=1e-10 is below what its
# line search can certify); lbfgs stops ~3e-6 away from the optimum even with tol=1e-12
for lam, sw in [(1.0, None), (5.0, None), (2.0, w)]:
    m = LogisticRegression(C=1 / lam, solver="newton-cg", tol=1e-10, max_iter=10_000).fit(X, y, sample_weight=sw)
    print(f"lambda={lam} weighted={sw is not None}:", [f"{v:.10g}" for v in [m.intercept_[0], *m.coef_[0]]])
