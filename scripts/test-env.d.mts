// Types for test-env.mjs (a plain .mjs so `npm test` prepares the machine before any TypeScript tooling runs).
/** A connection string to a local, disposable PostgreSQL database (started and configured here), or null. */
export function ensurePostgres(): string | null;
/** The path of a Chromium binary (Debian's package installed when missing), or null. */
export function ensureChromium(): string | null;
