# Unpenalised logistic regression on the formula fixture of logistic_auc_reference.py, with R's glm.
# Rscript scripts/reference/portrait/logistic_glm_reference.R
i <- 0:199
x1 <- sin(i); x2 <- 2 * cos(1.3 * i); x3 <- ((i * 37) %% 11) / 10
y <- as.integer(0.8 * x1 - 1.2 * x2 + 0.5 * x3 + sin(3.7 * i) > 0)
m <- glm(y ~ x1 + x2 + x3, family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100))
print(sprintf("%.8f", coef(m)))
