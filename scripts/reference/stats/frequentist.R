# Golden values for lib/stats: two-proportion z-test, Welch t-test, chi-square SRM, p.adjust, power.
# Run: Rscript scripts/reference/stats/frequentist.R   (R 4.2.2, base packages only)
options(digits = 15)
cat("## prop.test(correct = FALSE): c(treatment, control)\n")
props <- list(
  list(xt = 250, nt = 1000, xc = 200, nc = 1000),
  list(xt = 30, nt = 480, xc = 45, nc = 500),
  list(xt = 9, nt = 25, xc = 3, nc = 20),
  list(xt = 4321, nt = 50000, xc = 4100, nc = 49800)
)
for (p in props) for (alt in c("two.sided", "greater", "less")) {
  r <- prop.test(c(p$xt, p$xc), c(p$nt, p$nc), correct = FALSE, alternative = alt)
  cat(sprintf("%d/%d vs %d/%d %s: X2=%.12g p=%.12g ci=[%.12g, %.12g]\n", p$xt, p$nt, p$xc, p$nc, alt,
              r$statistic, r$p.value, r$conf.int[1], r$conf.int[2]))
}

cat("## t.test(treatment, control, var.equal = FALSE)\n")
ctrl <- c(12.1, 0, 0, 35.5, 8.2, 0, 19.9, 3.4, 0, 27.0, 5.5, 0, 14.2)
trt <- c(15.3, 0, 22.8, 41.0, 0, 9.9, 0, 31.7, 6.6, 0, 18.4)
for (alt in c("two.sided", "greater", "less")) for (cl in c(0.95, 0.9)) {
  r <- t.test(trt, ctrl, var.equal = FALSE, alternative = alt, conf.level = cl)
  cat(sprintf("%s conf=%.2f: t=%.12g df=%.12g p=%.12g ci=[%.12g, %.12g]\n", alt, cl, r$statistic, r$parameter,
              r$p.value, r$conf.int[1], r$conf.int[2]))
}
cat("## summary-statistics case: n=100 mean=10 var=4 vs n=120 mean=10.8 var=9 (same formula as t.test)\n")
se <- sqrt(4 / 100 + 9 / 120); t <- 0.8 / se
df <- (4 / 100 + 9 / 120)^2 / ((4 / 100)^2 / 99 + (9 / 120)^2 / 119)
cat(sprintf("t=%.12g df=%.12g p=%.12g\n", t, df, 2 * pt(-abs(t), df)))

cat("## chisq.test(x, p = ) goodness of fit\n")
srm <- list(list(x = c(44700, 45489), p = c(0.5, 0.5)), list(x = c(5000, 5300), p = c(0.5, 0.5)),
            list(x = c(3300, 3350, 3250), p = c(1, 1, 1) / 3), list(x = c(2100, 7900), p = c(0.2, 0.8)),
            list(x = c(10000, 10800, 9900), p = c(0.3, 0.35, 0.35)))
for (s in srm) {
  r <- chisq.test(s$x, p = s$p)
  cat(sprintf("x=%s p=%s: X2=%.12g df=%d p=%.12g\n", paste(s$x, collapse = ","), paste(round(s$p, 6), collapse = ","),
              r$statistic, r$parameter, r$p.value))
}

cat("## p.adjust\n")
pv <- c(0.01, 0.04, 0.03, 0.005, 0.5, 0.2, 0.04, 0.9)
for (m in c("holm", "BH", "bonferroni")) cat(m, ":", sprintf("%.12g", p.adjust(pv, m)), "\n")
pv2 <- c(0.001, 0.0125, 0.0201, 0.049, 0.051, 0.3)
for (m in c("holm", "BH")) cat(m, "(pv2):", sprintf("%.12g", p.adjust(pv2, m)), "\n")

cat("## power.prop.test (n per arm)\n")
for (args in list(c(0.10, 0.12, 0.05, 0.8), c(0.05, 0.055, 0.05, 0.8), c(0.2, 0.25, 0.01, 0.9),
                  c(0.5, 0.45, 0.05, 0.8))) {
  r <- power.prop.test(p1 = args[1], p2 = args[2], sig.level = args[3], power = args[4], tol = 1e-12)
  cat(sprintf("p1=%g p2=%g alpha=%g power=%g: n=%.12g\n", args[1], args[2], args[3], args[4], r$n))
}
r <- power.prop.test(p1 = 0.1, p2 = 0.12, sig.level = 0.05, power = 0.8, alternative = "one.sided", tol = 1e-12)
cat(sprintf("one.sided p1=0.1 p2=0.12: n=%.12g\n", r$n))
r <- power.prop.test(n = 3000, p1 = 0.1, p2 = 0.12, sig.level = 0.05)
cat(sprintf("power at n=3000 p1=0.1 p2=0.12: %.12g\n", r$power))

cat("## power.t.test (n per group, two-sample)\n")
for (args in list(c(1, 1, 0.05, 0.8), c(0.5, 2, 0.05, 0.9), c(3, 10, 0.01, 0.8), c(2, 1, 0.05, 0.8))) {
  r <- power.t.test(delta = args[1], sd = args[2], sig.level = args[3], power = args[4], tol = 1e-12)
  cat(sprintf("delta=%g sd=%g alpha=%g power=%g: n=%.12g\n", args[1], args[2], args[3], args[4], r$n))
}
r <- power.t.test(n = 20, delta = 1, sd = 1, sig.level = 0.05)
cat(sprintf("power at n=20 delta=1 sd=1: %.12g\n", r$power))
cat("## noncentral t upper tail pt(q, df, ncp, lower = FALSE)\n")
for (a in list(c(2, 10, 1), c(1.97, 38, 3.2), c(2.6, 120, 2), c(1.5, 3, 0.5), c(-1, 5, 1)))
  cat(sprintf("q=%g df=%g ncp=%g: %.12g\n", a[1], a[2], a[3], pt(a[1], a[2], a[3], lower.tail = FALSE)))
cat("## A/B/C with Bonferroni alpha = 0.05/2\n")
cat(sprintf("n=%.12g\n", power.prop.test(p1 = .1, p2 = .12, sig.level = .025, power = .8, tol = 1e-12)$n))
cat("## power of the fixed-horizon test in the sequential simulation (5,000 per arm, 0.10 vs 0.12)\n")
cat(sprintf("power=%.6g\n", power.prop.test(n = 5000, p1 = .1, p2 = .12)$power))
