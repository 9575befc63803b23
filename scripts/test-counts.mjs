// Counts from the test runners' JSON reports, for the closing line of `npm test`.

/**
 * Vitest's JSON report → { passed, failed, skipped }. A file that failed outside any test (its setup, an import, a
 * hook) never ran its tests: it counts as one failure, and its tests are not reported as skipped.
 */
export function vitestCounts(report) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const file of report.testResults ?? []) {
    const statuses = (file.assertionResults ?? []).map((a) => a.status);
    const failedHere = statuses.filter((s) => s === 'failed').length;
    counts.passed += statuses.filter((s) => s === 'passed').length;
    counts.failed += failedHere;
    if (file.status === 'failed' && failedHere === 0) {
      counts.failed += 1;
      continue;
    }
    counts.skipped += statuses.filter((s) => s === 'pending' || s === 'skipped' || s === 'todo').length;
  }
  return counts;
}

/** Playwright's JSON report → { passed, failed, skipped }; errors outside tests (global setup, web server) fail too. */
export function playwrightCounts(report) {
  const s = report.stats ?? {};
  return {
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: (s.unexpected ?? 0) + (report.errors?.length ?? 0),
    skipped: s.skipped ?? 0,
  };
}
