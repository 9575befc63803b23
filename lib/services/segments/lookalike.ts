import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { withTransaction } from '@/lib/db/transaction';
import { writeAudit } from '@/lib/db/audit';
import { snapshotCoverage } from '@/lib/db/portraits/write';
import {
  createLookalikeTag,
  createSegmentRow,
  customerCards,
  loadPortraitVectors,
  tagKeyExists,
  type CustomerCard,
} from '@/lib/db/segments';
import { streamSegmentMembers } from '@/lib/db/segments';
import { findLookalikes } from '@/lib/engine/portrait/portrait-vector';
import type { ResolveSegment } from '@/lib/engine/segment/inline';
import { AppError } from '@/lib/errors';
import { translator } from '@/lib/i18n/translate';
import type { SegmentDefinition } from '@/lib/schemas/segment';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';
import { liveStore, loadSegment, requireDefinition, resolveReferences } from './common';
import { recordSnapshot } from './snapshots';
import { rawDb } from '@/lib/db/connections';

export const LOOKALIKE_MAX = 10_000;
const SHOWN = 50;

const sizeSchema = z.coerce.number().int('errors.input.whole').min(1).max(LOOKALIKE_MAX);
const previewSchema = z.object({ segmentId: z.coerce.number().int().positive(), size: sizeSchema });
const saveSchema = previewSchema.extend({
  name: z.string({ error: 'errors.input.name' }).trim().min(1, 'errors.input.name').max(100),
  includeSeed: z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === '1', z.boolean()).default(true),
});

export async function memberIds(definition: SegmentDefinition, resolve: ResolveSegment | undefined): Promise<number[]> {
  const fromIndex = await liveStore().memberIds(definition, { resolveSegment: resolve });
  if (fromIndex) return fromIndex;
  const ids: number[] = [];
  for await (const m of streamSegmentMembers(rawDb(), definition, { resolveSegment: resolve, batchSize: 5000 }))
    ids.push(m.id);
  return ids;
}

/** Row of a customer id in the sorted id list, or -1. */
function rowOf(ids: Int32Array, id: number) {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid]! === id) return mid;
    if (ids[mid]! < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The `size` customers outside the segment whose portrait vectors are most similar (cosine) to the centroid of its
 * members' vectors (`findLookalikes`, lib/engine/portrait). Erased customers and customers without a portrait are never
 * candidates; members are never returned.
 */
async function computeLookalikes(segmentId: number, size: number) {
  const row = await loadSegment(segmentId);
  const definition = requireDefinition(row);
  const refs = await resolveReferences(definition, row.id);
  if (!refs.ok) throw new AppError('CONFLICT', 'segments.errors.invalidDefinition');
  const [members, portraits] = await Promise.all([memberIds(definition, refs.resolve), loadPortraitVectors(rawDb())]);
  const seedRows = members.map((id) => rowOf(portraits.customerIds, id)).filter((r) => r >= 0);
  if (seedRows.length === 0 || portraits.dim === 0)
    throw new AppError('INSUFFICIENT_DATA', 'segments.errors.noPortraits');
  const found = findLookalikes(portraits.vectors, portraits.dim, seedRows, { topN: size }).map((l) => ({
    customerId: portraits.customerIds[l.row]!,
    similarity: l.similarity,
  }));
  return {
    row,
    definition,
    members: members.length,
    withPortrait: seedRows.length,
    candidates: portraits.customerIds.length - seedRows.length,
    found,
  };
}

export type LookalikePreview = {
  segment: { id: number; name: string };
  members: number;
  withPortrait: number;
  candidates: number;
  count: number;
  maxSimilarity: number | null;
  minSimilarity: number | null;
  shown: (CustomerCard & { similarity: number })[];
};

/** Lookalikes of a segment for the page: how many were compared, the similarity range, and the first 50 with their similarity. */
export async function previewLookalikes(actor: Actor | null, input: unknown): Promise<LookalikePreview> {
  authorize(actor, 'segments:edit');
  const { segmentId, size } = parseInput(previewSchema, input);
  const r = await computeLookalikes(segmentId, size);
  const top = r.found.slice(0, SHOWN);
  const cards = await customerCards(
    db,
    top.map((f) => f.customerId),
  );
  const similarity = new Map(top.map((f) => [f.customerId, f.similarity]));
  return {
    segment: { id: r.row.id, name: r.row.name },
    members: r.members,
    withPortrait: r.withPortrait,
    candidates: r.candidates,
    count: r.found.length,
    maxSimilarity: r.found[0]?.similarity ?? null,
    minSimilarity: r.found.at(-1)?.similarity ?? null,
    shown: cards.map((c) => ({ ...c, similarity: similarity.get(c.id)! })),
  };
}

const EN = translator('en');
const ZH = translator('zh-CN');

/**
 * Saves a lookalike expansion as a new segment. Decision: the lookalikes are frozen into a new custom tag
 * (`custom:lookalike-<seed id>-<n>`, one CustomerTag per customer, score = similarity, reason in both languages) and the
 * new segment is `member of the seed OR has that tag` (or just the tag without the seed). The language has no
 * customer-id list condition that scales (an `in` list holds at most 500 ids, and an explanation would print them);
 * a tag is visible on the Tags page and the portrait, can be refined by score in the builder, and campaigns and
 * exports use it like any other condition. The seed part stays live; the lookalikes are a snapshot of today.
 */
export async function saveLookalikeSegment(actor: Actor | null, input: unknown) {
  const user = authorize(actor, 'segments:edit');
  const data = parseInput(saveSchema, input);
  const r = await computeLookalikes(data.segmentId, data.size);
  if (r.found.length === 0) throw new AppError('INSUFFICIENT_DATA', 'segments.errors.noPortraits');
  const now = new Date();
  const seedName = r.row.name;
  const vars = { name: seedName, count: r.found.length, id: r.row.id, date: now.toISOString().slice(0, 10) };
  const created = await withTransaction(db, async (tx) => {
    let key = `custom:lookalike-${r.row.id}`;
    for (let n = 2; await tagKeyExists(tx, key); n++) key = `custom:lookalike-${r.row.id}-${n}`;
    const tag = await createLookalikeTag(
      tx,
      {
        key,
        label: EN('segments.lookalike.tagLabel', vars).slice(0, 60),
        labelZh: ZH('segments.lookalike.tagLabel', vars).slice(0, 60),
        description: EN('segments.lookalike.tagDescription', vars),
      },
      r.found,
      (s) => ({
        en: EN('segments.lookalike.reason', { name: seedName, similarity: s.toFixed(3) }),
        zh: ZH('segments.lookalike.reason', { name: seedName, similarity: s.toFixed(3) }),
      }),
      now,
    );
    const hasTag = { type: 'tag' as const, key, op: 'has' as const };
    const definition: SegmentDefinition = data.includeSeed
      ? { type: 'group', op: 'or', children: [{ type: 'segment', segmentId: r.row.id, op: 'member' }, hasTag] }
      : { type: 'group', op: 'and', children: [hasTag] };
    const description = EN('segments.lookalike.tagDescription', vars).slice(0, 500);
    const segment = await createSegmentRow(tx, { name: data.name, description, definition, createdById: user.userId });
    await writeAudit(tx, {
      actorType: 'user',
      actorId: user.userId,
      action: 'segment.lookalike',
      targetType: 'segment',
      targetId: segment.id,
      details: {
        seed: r.row.id,
        size: r.found.length,
        includeSeed: data.includeSeed,
        tag: key,
        minSimilarity: r.found.at(-1)!.similarity,
      },
    });
    return { segmentId: segment.id, tagId: tag.id, definition };
  });
  await snapshotCoverage(rawDb(), Math.floor(now.getTime() / 86_400_000) * 86_400_000, [created.tagId]);
  // the in-memory index reads new tag rows on its slow refresh: run it now, so the new segment is counted in full at once
  await liveStore()
    .refresh({ slow: true })
    .catch(() => null);
  const refs = await resolveReferences(created.definition, created.segmentId);
  if (refs.ok) await recordSnapshot(created.segmentId, created.definition, refs.resolve);
  return { id: created.segmentId, tagId: created.tagId };
}
