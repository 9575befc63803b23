import { openRaw, type RawDb } from '../raw';
import { databaseUrl } from '../url';

/**
 * The process's raw connection for recommendation reads: the training snapshot in the worker, and the request-time
 * reads of the serving path in the web process (a customer's recent history, new events since the model's
 * watermark). One per process and database URL, cached across hot reloads in development.
 */
const g = globalThis as unknown as { precisaRecommendRaw?: { url: string; raw: RawDb } };

export function recommendRaw(): RawDb {
  const url = databaseUrl();
  if (!g.precisaRecommendRaw || g.precisaRecommendRaw.url !== url) g.precisaRecommendRaw = { url, raw: openRaw(url) };
  return g.precisaRecommendRaw.raw;
}

/** Closes the cached connection (tests and scripts that exit). */
export async function closeRecommendRaw() {
  const cached = g.precisaRecommendRaw;
  g.precisaRecommendRaw = undefined;
  if (!cached) return;
  if (cached.raw.kind === 'sqlite') cached.raw.conn.close();
  else await cached.raw.pool.end();
}
