/** Segment and SegmentSnapshot rows (Prisma). No rules here: the services decide what may change. */
import type { DbOrTx } from '../transaction';
import type { Prisma } from '../generated/sqlite/client';

export type { Tx } from '../transaction';
type Client = DbOrTx;

export const segmentSelect = {
  id: true,
  name: true,
  description: true,
  definition: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
  createdById: true,
  createdBy: { select: { name: true, email: true } },
} satisfies Prisma.SegmentSelect;

export type SegmentRow = Prisma.SegmentGetPayload<{ select: typeof segmentSelect }>;

export const snapshotSelect = {
  at: true,
  size: true,
  reachableEmail: true,
  reachableSms: true,
  reachablePush: true,
} satisfies Prisma.SegmentSnapshotSelect;
export type SnapshotRow = Prisma.SegmentSnapshotGetPayload<{ select: typeof snapshotSelect }>;

export function findSegmentRow(db: Client, id: number): Promise<SegmentRow | null> {
  return db.segment.findUnique({ where: { id }, select: segmentSelect });
}

/** Saved segments, newest first; archived ones only when asked. */
export function listSegmentRows(db: Client, { archived }: { archived: boolean }): Promise<SegmentRow[]> {
  return db.segment.findMany({
    where: { archivedAt: archived ? { not: null } : null },
    orderBy: { id: 'desc' },
    select: segmentSelect,
  });
}

export function countArchived(db: Client) {
  return db.segment.count({ where: { archivedAt: { not: null } } });
}

export type NewSegment = { name: string; description: string | null; definition: object; createdById: string };

export function createSegmentRow(db: Client, data: NewSegment) {
  return db.segment.create({ data, select: { id: true } });
}

export function updateSegmentRow(
  db: Client,
  id: number,
  data: { name: string; description: string | null; definition: object },
) {
  return db.segment.update({ where: { id }, data, select: { id: true } });
}

export function setArchived(db: Client, id: number, archivedAt: Date | null) {
  return db.segment.update({ where: { id }, data: { archivedAt }, select: { id: true } });
}

/** Id and name of segments (for pickers and for naming references), archived ones marked. */
export function segmentNames(db: Client, ids?: readonly number[]) {
  return db.segment.findMany({
    where: ids ? { id: { in: [...ids] } } : undefined,
    orderBy: { name: 'asc' },
    select: { id: true, name: true, archivedAt: true },
  });
}

/** Ids of the saved segments whose stored definition mentions `segmentId` (a quick text filter; the caller parses). */
export async function segmentsReferencing(db: Client, segmentId: number) {
  const rows = await db.segment.findMany({
    where: { id: { not: segmentId } },
    select: { id: true, name: true, definition: true, archivedAt: true },
  });
  return rows.filter((r) => JSON.stringify(r.definition).includes(`"segmentId":${segmentId}`));
}

/** Campaigns that still need the segment as their audience (not finished). */
export function activeCampaignsUsing(db: Client, segmentId: number) {
  return db.campaign.findMany({
    where: { segmentId, status: { in: ['draft', 'scheduled', 'running'] } },
    select: { id: true, name: true, status: true },
  });
}

export function insertSnapshot(
  db: Client,
  row: {
    segmentId: number;
    at: Date;
    size: number;
    reachableEmail: number;
    reachableSms: number;
    reachablePush: number;
  },
) {
  return db.segmentSnapshot.create({ data: row, select: { id: true } });
}

/** A segment's size history since `since`, oldest first. */
export function snapshotsSince(db: Client, segmentId: number, since: Date): Promise<SnapshotRow[]> {
  return db.segmentSnapshot.findMany({
    where: { segmentId, at: { gte: since } },
    orderBy: { at: 'asc' },
    select: snapshotSelect,
  });
}

/** The latest snapshot of each of these segments. */
export async function latestSnapshots(db: Client, segmentIds: readonly number[]): Promise<Map<number, SnapshotRow>> {
  if (segmentIds.length === 0) return new Map();
  const latest = await db.segmentSnapshot.groupBy({
    by: ['segmentId'],
    where: { segmentId: { in: [...segmentIds] } },
    _max: { id: true },
  });
  const ids = latest.map((l) => l._max.id).filter((x): x is number => x !== null);
  const rows = await db.segmentSnapshot.findMany({
    where: { id: { in: ids } },
    select: { segmentId: true, ...snapshotSelect },
  });
  return new Map(rows.map(({ segmentId, ...r }) => [segmentId, r]));
}

/** The segments that already have a snapshot at exactly `at`. */
export async function segmentIdsWithSnapshotAt(db: Client, at: Date) {
  return new Set(
    (await db.segmentSnapshot.findMany({ where: { at }, select: { segmentId: true } })).map((s) => s.segmentId),
  );
}

/** Active segments, most recently updated first (id and name, for pickers). */
export function listSegmentChoices(db: Client, take: number) {
  return db.segment.findMany({
    where: { archivedAt: null },
    orderBy: { updatedAt: 'desc' },
    take,
    select: { id: true, name: true },
  });
}
