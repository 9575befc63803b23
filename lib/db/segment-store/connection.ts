import { openRaw, type RawDb } from '../raw';
import { databaseUrl } from '../url';

/**
 * The process's raw connection for the segment pages (live counts through the columnar index, member pages, exports,
 * explanations): one per process and database URL, cached across hot reloads in development, so the in-memory
 * index (`segmentIndexStore`, keyed by connection) is built once per process.
 */
const g = globalThis as unknown as { precisaSegmentRaw?: { url: string; raw: RawDb } };

export function segmentRaw(): RawDb {
  const url = databaseUrl();
  if (!g.precisaSegmentRaw || g.precisaSegmentRaw.url !== url) g.precisaSegmentRaw = { url, raw: openRaw(url) };
  return g.precisaSegmentRaw.raw;
}

/** Closes the cached connection (tests and scripts that exit). */
export async function closeSegmentRaw() {
  const cached = g.precisaSegmentRaw;
  g.precisaSegmentRaw = undefined;
  if (!cached) return;
  if (cached.raw.kind === 'sqlite') cached.raw.conn.close();
  else await cached.raw.pool.end();
}
