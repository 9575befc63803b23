import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { withTransaction } from '@/lib/db/transaction';
import { writeAudit } from '@/lib/db/audit';
import {
  activeCampaignsUsing,
  countArchived,
  createSegmentRow,
  latestSnapshots,
  listSegmentRows,
  setArchived,
  snapshotsSince,
  updateSegmentRow,
  type SegmentRow,
} from '@/lib/db/segments';
import { loadSegmentResolver } from '@/lib/db/segments';
import { listRuleTags } from '@/lib/db/tags';
import { referencedSegmentIds, type ResolveSegment } from '@/lib/engine/segment/inline';
import { AppError } from '@/lib/errors';
import { parseSegmentDefinition, type SegmentDefinition } from '@/lib/schemas/segment';
import { can } from '@/lib/security/roles';
import { authorize, type Actor, type UserActor } from '../auth/actor';
import { isPrivateViewer } from '../privacy/settings';
import { materialiseRuleTag } from '../tags/rule-tags';
import { parseInput } from '../validate';
import {
  conditionCount,
  liveStore,
  loadSegment,
  population,
  resolveReferences,
  storedDefinition,
  validDefinition,
  warmUpIndex,
} from './common';
import { describeDefinition } from './describe';
import { loadDefinitionNames } from './names';
import { sampleMembers } from './preview';
import { recordSnapshot } from './snapshots';
import { rawDb } from '@/lib/db/connections';

const HISTORY_DAYS = 365;

const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    z.string().trim().max(max).nullable().optional(),
  );

export const segmentFormSchema = z.object({
  name: z.string({ error: 'errors.input.name' }).trim().min(1, 'errors.input.name').max(100),
  description: optionalText(500),
  definition: z.unknown(),
});

export type Counted = {
  total: number;
  reachable: { email: number; sms: number; push: number };
  at: Date;
  live: boolean;
  source: 'index' | 'sql' | 'snapshot';
};

/** A live count of a valid saved definition: the index when loaded (or `allowSql`), else null. */
async function liveCount(
  row: SegmentRow,
  { allowSql }: { allowSql: boolean },
): Promise<
  (Counted & { source: 'index' | 'sql'; resolve: ResolveSegment | undefined; definition: SegmentDefinition }) | null
> {
  const { definition } = storedDefinition(row);
  if (!definition) return null;
  const store = liveStore();
  if (!allowSql && store.status.state !== 'ready') return null;
  const refs = await resolveReferences(definition, row.id);
  if (!refs.ok) return null;
  const c = await store.count(definition, { resolveSegment: refs.resolve });
  return {
    total: c.total,
    reachable: c.reachable,
    at: new Date(c.asOf),
    live: true,
    source: c.source,
    resolve: refs.resolve,
    definition,
  };
}

const counted = (c: Counted | null): Counted | null =>
  c ? { total: c.total, reachable: c.reachable, at: c.at, live: c.live, source: c.source } : null;

const summary = (row: SegmentRow) => ({
  id: row.id,
  name: row.name,
  description: row.description,
  createdBy: row.createdBy.name,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  archivedAt: row.archivedAt,
});

/**
 * Saved segments with their current size and reach: counted live from the in-memory index when it is loaded, otherwise
 * the latest snapshot (and the index starts loading). Managers read; marketers and admins also create.
 */
export async function listSegments(actor: Actor | null, input: { archived?: unknown } = {}) {
  const user = authorize(actor, 'segments:view');
  const archived = input.archived === true || input.archived === '1' || input.archived === 'true';
  warmUpIndex();
  const rows = await listSegmentRows(db, { archived });
  const [snapshots, archivedCount, total] = await Promise.all([
    latestSnapshots(
      db,
      rows.map((r) => r.id),
    ),
    countArchived(db),
    population(),
  ]);
  const out = [];
  for (const row of rows) {
    const { definition } = storedDefinition(row);
    const live = archived ? null : counted(await liveCount(row, { allowSql: false }).catch(() => null));
    const snap = snapshots.get(row.id);
    const count: Counted | null =
      live ??
      (snap
        ? {
            total: snap.size,
            reachable: { email: snap.reachableEmail, sms: snap.reachableSms, push: snap.reachablePush },
            at: snap.at,
            live: false,
            source: 'snapshot',
          }
        : null);
    out.push({
      ...summary(row),
      isValid: definition !== null,
      conditions: definition ? conditionCount(definition) : 0,
      count,
    });
  }
  return { rows: out, archived, archivedCount, population: total, canEdit: can(user.role, 'segments:edit') };
}
export type SegmentList = Awaited<ReturnType<typeof listSegments>>;

/** One segment: its definition in words (both languages), live size and reach, size history, and what the caller may do. */
export async function getSegment(actor: Actor | null, id: unknown) {
  const user = authorize(actor, 'segments:view');
  const row = await loadSegment(id);
  const { definition, problem } = storedDefinition(row);
  const names = definition ? await loadDefinitionNames(definition) : null;
  const [live, history, total] = await Promise.all([
    liveCount(row, { allowSql: true }),
    snapshotsSince(db, row.id, new Date(Date.now() - HISTORY_DAYS * 86_400_000)),
    population(),
  ]);
  // a manager under differential privacy gets no exact figure and no customer row from here: the page shows
  // released values instead (lib/services/privacy)
  const isPrivate = await isPrivateViewer(user.role);
  const sample = live && !isPrivate ? await sampleMembers(live.definition, live.resolve, live) : [];
  return {
    isPrivate,
    segment: summary(row),
    definition,
    problem,
    described: definition && names ? describeDefinition(definition, names) : null,
    count: isPrivate ? null : counted(live),
    sample,
    history: (isPrivate ? [] : history).map((h) => ({
      at: h.at.getTime(),
      size: h.size,
      email: h.reachableEmail,
      sms: h.reachableSms,
      push: h.reachablePush,
    })),
    population: isPrivate ? null : total,
    canEdit: can(user.role, 'segments:edit'),
    canExport: can(user.role, 'customers:export'),
  };
}
export type SegmentDetail = Awaited<ReturnType<typeof getSegment>>;

/** A segment for the builder (segments:edit): name, description and the definition as stored. */
export async function getSegmentForEdit(actor: Actor | null, id: unknown) {
  authorize(actor, 'segments:edit');
  const row = await loadSegment(id);
  if (row.archivedAt) throw new AppError('CONFLICT', 'segments.errors.archived');
  return { id: row.id, name: row.name, description: row.description, definition: row.definition };
}

const audit = (
  tx: Parameters<typeof writeAudit>[0],
  user: UserActor,
  action: string,
  id: number,
  details: Record<string, unknown>,
) => writeAudit(tx, { actorType: 'user', actorId: user.userId, action, targetType: 'segment', targetId: id, details });

/** Creates a segment (marketers and admins): validated, audited, and its first size snapshot recorded. */
export async function createSegment(actor: Actor | null, input: unknown) {
  const user = authorize(actor, 'segments:edit');
  const data = parseInput(segmentFormSchema, input);
  const { definition, resolve } = await validDefinition(data.definition);
  const row = await withTransaction(db, async (tx) => {
    const created = await createSegmentRow(tx, {
      name: data.name,
      description: data.description ?? null,
      definition: definition as object,
      createdById: user.userId,
    });
    await audit(tx, user, 'segment.create', created.id, { name: data.name, conditions: conditionCount(definition) });
    return created;
  });
  await recordSnapshot(row.id, definition, resolve);
  return { id: row.id };
}

/** Changes a segment's name, description and definition; records a snapshot and refreshes rule tags that follow it. */
export async function updateSegment(actor: Actor | null, id: unknown, input: unknown) {
  const user = authorize(actor, 'segments:edit');
  const row = await loadSegment(id);
  if (row.archivedAt) throw new AppError('CONFLICT', 'segments.errors.archived');
  const data = parseInput(segmentFormSchema, input);
  const { definition, resolve } = await validDefinition(data.definition, row.id);
  const changed = JSON.stringify(row.definition) !== JSON.stringify(definition);
  await withTransaction(db, async (tx) => {
    await updateSegmentRow(tx, row.id, {
      name: data.name,
      description: data.description ?? null,
      definition: definition as object,
    });
    await audit(tx, user, 'segment.update', row.id, {
      name: data.name,
      definitionChanged: changed,
      conditions: conditionCount(definition),
    });
  });
  await recordSnapshot(row.id, definition, resolve);
  if (changed) await refreshTagsFollowing(row.id);
  return { id: row.id };
}

/** Copies a segment ("Copy of …"), definition and description included; the copy is the caller's. */
export async function duplicateSegment(actor: Actor | null, id: unknown) {
  const user = authorize(actor, 'segments:edit');
  const row = await loadSegment(id);
  const { definition } = storedDefinition(row);
  if (!definition) throw new AppError('CONFLICT', 'segments.errors.invalidDefinition');
  const name = `${row.name} (copy)`.slice(0, 100);
  const created = await withTransaction(db, async (tx) => {
    const c = await createSegmentRow(tx, {
      name,
      description: row.description,
      definition: definition as object,
      createdById: user.userId,
    });
    await audit(tx, user, 'segment.duplicate', c.id, { from: row.id, name });
    return c;
  });
  const refs = await resolveReferences(definition, created.id);
  if (refs.ok) await recordSnapshot(created.id, definition, refs.resolve);
  return { id: created.id };
}

/**
 * Archives a segment: it leaves the list and the campaign audience choices. Refused while a draft, scheduled or running
 * campaign uses it. Segments and rule tags that refer to it keep working (references resolve archived segments).
 */
export async function archiveSegment(actor: Actor | null, id: unknown) {
  const user = authorize(actor, 'segments:edit');
  const row = await loadSegment(id);
  if (row.archivedAt) return { id: row.id };
  const campaigns = await activeCampaignsUsing(db, row.id);
  if (campaigns.length)
    throw new AppError('CONFLICT', 'segments.errors.usedByCampaigns', {
      names: campaigns.map((c) => `“${c.name}”`).join(', '),
    });
  await withTransaction(db, async (tx) => {
    await setArchived(tx, row.id, new Date());
    await audit(tx, user, 'segment.archive', row.id, { name: row.name });
  });
  return { id: row.id };
}

export async function restoreSegment(actor: Actor | null, id: unknown) {
  const user = authorize(actor, 'segments:edit');
  const row = await loadSegment(id);
  if (!row.archivedAt) return { id: row.id };
  await withTransaction(db, async (tx) => {
    await setArchived(tx, row.id, null);
    await audit(tx, user, 'segment.restore', row.id, { name: row.name });
  });
  return { id: row.id };
}

/**
 * Rule tags that follow a segment (directly or through other segments) are re-evaluated when its definition changes,
 * instead of waiting for the next portrait recompute. Best effort: a failing rule is logged by the tag service.
 */
async function refreshTagsFollowing(segmentId: number) {
  for (const tag of await listRuleTags(db)) {
    const parsed = parseSegmentDefinition(tag.rule);
    if (!parsed.ok || referencedSegmentIds(parsed.definition).length === 0) continue;
    const resolve = await loadSegmentResolver(rawDb(), parsed.definition);
    const seen = new Set<number>();
    const stack = referencedSegmentIds(parsed.definition);
    while (stack.length) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      const inner = parseSegmentDefinition(resolve(next));
      if (inner.ok) stack.push(...referencedSegmentIds(inner.definition));
    }
    if (seen.has(segmentId))
      await materialiseRuleTag({ id: tag.id, definition: parsed.definition }).catch((e) =>
        console.error(`[segments] rule tag ${tag.key} not refreshed`, e),
      );
  }
}
