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

const firstLine = (text) =>
  String(text ?? '')
    .split('\n')
    .find((l) => l.trim() !== '') ?? '';
const clip = (text, n = 200) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/**
 * Vitest's JSON report → one line per failed test (or per file that failed outside its tests): file, test and the
 * first line of the error, so the end of the log says what failed even when only its tail is kept.
 */
export function vitestFailures(report, root = '') {
  const lines = [];
  for (const file of report.testResults ?? []) {
    const name = root && file.name?.startsWith(root) ? file.name.slice(root.length + 1) : (file.name ?? '?');
    const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failed)
      lines.push(clip(`${name} › ${a.fullName ?? a.title}: ${firstLine(a.failureMessages?.[0])}`));
    if (file.status === 'failed' && failed.length === 0) lines.push(clip(`${name}: ${firstLine(file.message)}`));
  }
  return lines;
}

/** Playwright's JSON report → one line per test that failed on its last try, and per error outside tests. */
export function playwrightFailures(report) {
  const lines = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? []) {
        if (t.status !== 'unexpected') continue;
        const last = t.results?.at(-1);
        lines.push(clip(`${spec.file}:${spec.line} › ${spec.title}: ${firstLine(last?.error?.message)}`));
      }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  for (const e of report.errors ?? []) lines.push(clip(firstLine(e.message)));
  return lines;
}
