// Types for test-counts.mjs (a plain .mjs so `npm test` runs before any TypeScript tooling is installed).
export type Counts = { passed: number; failed: number; skipped: number };
export type VitestReport = {
  testResults?: { status?: string; message?: string; assertionResults?: { status: string }[] }[];
};
export type PlaywrightReport = {
  stats?: { expected?: number; flaky?: number; unexpected?: number; skipped?: number };
  errors?: unknown[];
};
export function vitestCounts(report: VitestReport): Counts;
export function playwrightCounts(report: PlaywrightReport): Counts;
