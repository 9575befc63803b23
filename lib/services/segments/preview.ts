import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { customerCards, type CustomerCard } from '@/lib/db/segments';
import { listSegmentMembers } from '@/lib/db/segments';
import type { ResolveSegment } from '@/lib/engine/segment/inline';
import { parseSegmentDefinition, type SegmentDefinition } from '@/lib/schemas/segment';
import { builderIssues } from '@/lib/schemas/segment-builder';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';
import { liveStore, population, resolveReferences, type DefinitionIssue } from './common';
import { analyticsRawDb } from '@/lib/db/connections';

const SAMPLE = 8;

const previewSchema = z.object({
  definition: z.unknown(),
  /** the segment being edited, so a reference back to it is refused as a cycle */
  segmentId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1)
    .optional(),
});

export type Preview =
  | { ok: false; issues: DefinitionIssue[] }
  | {
      ok: true;
      total: number;
      reachable: { email: number; sms: number; push: number };
      population: number;
      sample: CustomerCard[];
      source: 'index' | 'sql';
      ms: number;
      asOf: number;
    };

/** Up to `n` ids spread evenly over a sorted list (so the sample is not just the oldest customers). */
export function spread(ids: readonly number[], n: number): number[] {
  if (ids.length <= n) return [...ids];
  return Array.from({ length: n }, (_, k) => ids[Math.floor(((k + 0.5) * ids.length) / n)]!);
}

/** Ids of up to `size` members spread over the segment (the index's member list), or the first ones by SQL while it loads. */
export async function sampleIds(
  definition: SegmentDefinition,
  resolve: ResolveSegment | undefined,
  count: { total: number; source: 'index' | 'sql' },
  size = SAMPLE,
): Promise<number[]> {
  if (count.total === 0) return [];
  if (count.source === 'index') {
    const ids = await liveStore().memberIds(definition, { resolveSegment: resolve });
    if (ids) return spread(ids, size);
  }
  return (await listSegmentMembers(analyticsRawDb(), definition, { pageSize: size, resolveSegment: resolve })).rows.map(
    (r) => r.id,
  );
}

/** A sample of members with what the builder and the segment page show about them. */
export async function sampleMembers(
  definition: SegmentDefinition,
  resolve: ResolveSegment | undefined,
  count: { total: number; source: 'index' | 'sql' },
): Promise<CustomerCard[]> {
  return customerCards(db, await sampleIds(definition, resolve, count));
}

/**
 * The builder's live count (segments:edit): the definition is validated (issues per condition, for the builder to show
 * next to the offending one), then counted — total and reachable per channel — by the in-memory columnar index
 * (the compiled SQL while the index loads), with a sample of members spread over the segment.
 */
export async function previewSegment(actor: Actor | null, input: unknown): Promise<Preview> {
  authorize(actor, 'segments:edit');
  const { definition: raw, segmentId } = parseInput(previewSchema, input);
  const parsed = parseSegmentDefinition(raw);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const empty = builderIssues(parsed.definition);
  if (empty.length) return { ok: false, issues: empty };
  const refs = await resolveReferences(parsed.definition, segmentId);
  if (!refs.ok) return { ok: false, issues: refs.issues };
  const started = performance.now();
  const count = await liveStore().count(parsed.definition, { resolveSegment: refs.resolve });
  const ids = await sampleIds(parsed.definition, refs.resolve, count);
  const ms = Math.round((performance.now() - started) * 10) / 10;
  const [sample, total] = await Promise.all([customerCards(db, ids), population()]);
  return {
    ok: true,
    total: count.total,
    reachable: count.reachable,
    population: total,
    sample,
    source: count.source,
    ms,
    asOf: count.asOf,
  };
}
