# Reference figures on the shared datasets, for lib/stats/datasets/*.test.ts.
# Run: Rscript scripts/reference/stats/datasets.R [datasets folder]   (default ../shared/datasets)
args <- commandArgs(trailingOnly = TRUE)
root <- if (length(args) > 0) args[1] else "../shared/datasets"
options(digits = 15)

cc <- read.csv(file.path(root, "cookie_cats_ab/cookie_cats.csv"))
for (col in c("retention_1", "retention_7")) {
  x <- as.logical(toupper(cc[[col]]))
  s <- tapply(x, cc$version, sum); n <- tapply(x, cc$version, length)
  r <- prop.test(c(s["gate_40"], s["gate_30"]), c(n["gate_40"], n["gate_30"]), correct = FALSE)
  cat(sprintf("cookie %s gate_40 - gate_30: X2=%.10g p=%.10g ci=[%.10g, %.10g]\n", col, r$statistic, r$p.value,
              r$conf.int[1], r$conf.int[2]))
}
r <- t.test(cc$sum_gamerounds[cc$version == "gate_40"], cc$sum_gamerounds[cc$version == "gate_30"])
cat(sprintf("cookie sum_gamerounds Welch: t=%.10g df=%.10g p=%.10g\n", r$statistic, r$parameter, r$p.value))
r <- chisq.test(table(cc$version), p = c(0.5, 0.5))
cat(sprintf("cookie SRM: X2=%.10g p=%.10g\n", r$statistic, r$p.value))

ab <- read.csv(gzfile(file.path(root, "ab_test_landing_page/ab_data.csv.gz")))
ok <- (ab$group == "treatment" & ab$landing_page == "new_page") | (ab$group == "control" & ab$landing_page == "old_page")
ab <- ab[ok, ]; ab <- ab[!duplicated(ab$user_id), ]
s <- tapply(ab$converted, ab$group, sum); n <- tapply(ab$converted, ab$group, length)
cat(sprintf("landing control %d/%d treatment %d/%d\n", s["control"], n["control"], s["treatment"], n["treatment"]))
for (alt in c("two.sided", "greater")) {
  r <- prop.test(c(s["treatment"], s["control"]), c(n["treatment"], n["control"]), correct = FALSE, alternative = alt)
  cat(sprintf("landing %s: z=%.10g p=%.10g\n", alt, -sqrt(r$statistic), r$p.value))
}

hs <- read.csv(file.path(root, "hillstrom_email/hillstrom.csv"))
for (arm in c("Mens E-Mail", "Womens E-Mail")) for (y in c("visit", "conversion", "spend")) {
  r <- t.test(hs[[y]][hs$segment == arm], hs[[y]][hs$segment == "No E-Mail"])
  cat(sprintf("hillstrom %s %s: diff=%.10g t=%.10g df=%.10g p=%.10g\n", arm, y, diff(rev(r$estimate)), r$statistic,
              r$parameter, r$p.value))
}
r <- chisq.test(table(hs$segment), p = rep(1 / 3, 3))
cat(sprintf("hillstrom SRM: X2=%.10g p=%.10g\n", r$statistic, r$p.value))
