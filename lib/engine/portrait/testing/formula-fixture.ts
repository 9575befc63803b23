/** Formula-built fixture shared with scripts/reference/portrait/logistic_auc_reference.py (and the R glm script). */
export function formulaFixture() {
  const i = Array.from({ length: 200 }, (_, k) => k);
  const x = new Float64Array(200 * 3);
  const y = new Uint8Array(200);
  for (const k of i) {
    const x1 = Math.sin(k);
    const x2 = 2 * Math.cos(1.3 * k);
    const x3 = ((k * 37) % 11) / 10;
    x.set([x1, x2, x3], k * 3);
    y[k] = 0.8 * x1 - 1.2 * x2 + 0.5 * x3 + Math.sin(3.7 * k) > 0 ? 1 : 0;
  }
  return { i, x, y };
}
