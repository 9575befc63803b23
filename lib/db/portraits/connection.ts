import { openRaw, type RawDb } from '../raw';
import { databaseUrl } from '../url';

/**
 * The process's raw connection for portrait and tag bulk work (one per process and database URL, like the Prisma
 * client; cached across hot reloads in development).
 */
const g = globalThis as unknown as { precisaPortraitRaw?: { url: string; raw: RawDb } };

export function portraitRaw(): RawDb {
  const url = databaseUrl();
  if (!g.precisaPortraitRaw || g.precisaPortraitRaw.url !== url) {
    const raw = openRaw(url);
    if (raw.kind === 'sqlite') {
      // Bulk upserts touch two indexes of CustomerTag in random order: a larger page cache (64 MiB, grown on demand)
      // halves their time. Portraits and tags are derived data that a re-run rebuilds (every write is idempotent),
      // so this connection skips the fsync per commit (WAL + NORMAL: a power cut can lose the latest commits, in
      // order, never corrupt); imports keep synchronous = FULL on their own connection.
      raw.conn.pragma('cache_size = -65536');
      raw.conn.pragma('synchronous = NORMAL');
    }
    g.precisaPortraitRaw = { url, raw };
  }
  return g.precisaPortraitRaw.raw;
}

/** Closes the cached connection (tests and scripts that exit). */
export async function closePortraitRaw() {
  const cached = g.precisaPortraitRaw;
  g.precisaPortraitRaw = undefined;
  if (!cached) return;
  if (cached.raw.kind === 'sqlite') cached.raw.conn.close();
  else await cached.raw.pool.end();
}
