// Types for test-counts.mjs (a plain .mjs so `npm test` runs before any TypeScript tooling is installed).
export type Counts = { passed: number; failed: number; skipped: number };
export type VitestReport = {
  testResults?: {
    name?: string;
    status?: string;
    message?: string;
    assertionResults?: { status: string; title?: string; fullName?: string; failureMessages?: string[] }[];
  }[];
};
export type PlaywrightReport = {
  stats?: { expected?: number; flaky?: number; unexpected?: number; skipped?: number };
  errors?: { message?: string }[];
  suites?: PlaywrightSuite[];
};
export type PlaywrightSuite = {
  specs?: {
    title: string;
    file: string;
    line: number;
    tests?: { status: string; results?: { error?: { message?: string } }[] }[];
  }[];
  suites?: PlaywrightSuite[];
};
export function vitestCounts(report: VitestReport): Counts;
export function playwrightCounts(report: PlaywrightReport): Counts;
export function vitestFailures(report: VitestReport, root?: string): string[];
export function playwrightFailures(report: PlaywrightReport): string[];
