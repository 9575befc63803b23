import 'server-only';
import { db } from '@/lib/db/client';
import { snapshotsSince } from '@/lib/db/segments';
import { AppError } from '@/lib/errors';
import { authorize, type Actor } from '../auth/actor';
import { loadSegment } from '../segments/common';
import { type ReleaseRequest, cachedRelease, releasePrivately } from './release';
import { getBudgetMeter } from './reports';
import { getPrivacySettings } from './settings';

/** A manager's size history has at most this many points (the noise grows with √points). */
export const HISTORY_POINTS = 52;
const HISTORY_DAYS = 365;

/**
 * At most `max` points spread evenly over the series, the first and the newest always among them.
 * @example thinPoints([1, 2, 3, 4, 5], 3) // [1, 3, 5]
 */
export function thinPoints<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  if (max === 1) return [points[points.length - 1]!];
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)]!);
}

/**
 * The size history as one vector: one customer is counted at most once in each snapshot, so they move the k points
 * by at most 1 each — L2 sensitivity √k (L1 would be k). Released with discrete Gaussian noise for the report's ε.
 */
async function historyRequest(segmentId: number): Promise<ReleaseRequest | null> {
  const rows = await snapshotsSince(db, segmentId, new Date(Date.now() - HISTORY_DAYS * 86_400_000));
  const points = thinPoints(rows, HISTORY_POINTS);
  if (points.length === 0) return null;
  return {
    kind: 'segment-history',
    query: {
      report: 'segment size history',
      segmentId,
      points: points.length,
      from: points[0]!.at.toISOString(),
      to: points[points.length - 1]!.at.toISOString(),
    },
    // snapshots never change once written: the points themselves fingerprint the data
    dataStamp: points.map((p) => p.at.getTime()).join(','),
    compute: async () => points.map((p) => ({ key: String(p.at.getTime()), value: p.size, sensitivity: 1 })),
    vector: { l2Sensitivity: Math.sqrt(points.length) },
  };
}

/** The released size history of a segment (cached: no cost) or null until released, with the meter. */
export async function getPrivateSegmentHistory(actor: Actor | null, id: unknown) {
  authorize(actor, 'segments:view');
  const row = await loadSegment(id);
  const settings = await getPrivacySettings();
  const request = await historyRequest(row.id);
  const [release, meter] = await Promise.all([
    request ? cachedRelease(request, settings) : null,
    getBudgetMeter(settings),
  ]);
  const points = (release?.values ?? []).map((v) => ({ at: Number(v.key), size: v.value, value: v }));
  const planned = request ? Number(request.query.points) : 0;
  return { hasHistory: request !== null, planned, release, points, meter, settings };
}

/** Releases a segment's size history (spends ε unless cached). */
export async function releaseSegmentHistory(actor: Actor | null, id: unknown) {
  const user = authorize(actor, 'segments:view');
  const row = await loadSegment(id);
  const settings = await getPrivacySettings();
  if (!settings.enabled) throw new AppError('CONFLICT', 'privacy.errors.off');
  const request = await historyRequest(row.id);
  if (!request) throw new AppError('INSUFFICIENT_DATA', 'privacy.errors.nothingToRelease');
  return releasePrivately(user, settings, request);
}
