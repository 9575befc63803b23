import 'server-only';
import { z } from 'zod';
import { analyticsDb, db } from '@/lib/db/client';
import { countLiveCustomers, findSegmentRow, type SegmentRow } from '@/lib/db/segments';
import { loadSegmentResolver, segmentIndexStore } from '@/lib/db/segments';
import {
  inlineSegments,
  referencedSegmentIds,
  SegmentReferenceError,
  type ResolveSegment,
} from '@/lib/engine/segment/inline';
import { AppError } from '@/lib/errors';
import {
  parseSegmentDefinition,
  segmentIssue,
  type SegmentDefinition,
  type SegmentIssue,
  type SegmentNode,
} from '@/lib/schemas/segment';
import { builderIssues, type BuilderIssue } from '@/lib/schemas/segment-builder';
import type { MessageRef } from '@/lib/i18n/message-ref';
import { parseInput } from '../validate';
import { analyticsRawDb, rawDb } from '@/lib/db/connections';

export const segmentIdSchema = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

/**
 * The live-count store of this process (columnar index, SQL while it loads), on the analytics database: the read
 * replica when one is configured (lib/db/connections.ts says how stale that may be and which reads stay on the primary).
 */
export const liveStore = () => segmentIndexStore(analyticsRawDb());

const EVERYONE: SegmentDefinition = { type: 'group', op: 'and', children: [] };

/** Starts building the in-memory index in the background if no one has yet (the first live count is then fast). */
export function warmUpIndex() {
  const store = liveStore();
  if (store.status.state === 'empty') store.load().catch((e) => console.error('[segments] index build failed', e));
}

/** Customers who can be members (not erased): from the index when loaded, else counted. */
export async function population(): Promise<number> {
  const store = liveStore();
  if (store.status.state === 'ready') return (await store.count(EVERYONE)).total;
  return countLiveCustomers(analyticsDb());
}

/** A saved segment by id, or NOT_FOUND. */
export async function loadSegment(id: unknown): Promise<SegmentRow> {
  const segmentId = parseInput(segmentIdSchema, id);
  const row = await findSegmentRow(db, segmentId);
  if (!row) throw new AppError('NOT_FOUND', 'segments.errors.notFound');
  return row;
}

/** A stored definition, parsed again (it is JSON); null with the first problem when it no longer validates. */
export function storedDefinition(
  row: Pick<SegmentRow, 'definition'>,
): { definition: SegmentDefinition; problem: null } | { definition: null; problem: SegmentIssue } {
  const parsed = parseSegmentDefinition(row.definition);
  if (parsed.ok) return { definition: parsed.definition, problem: null };
  return {
    definition: null,
    problem: parsed.issues[0] ?? segmentIssue([], { key: 'segments.errors.invalidDefinition' }),
  };
}

/** A stored definition that must be valid to go on (counts, members, exports). */
export function requireDefinition(row: Pick<SegmentRow, 'definition'>): SegmentDefinition {
  const { definition } = storedDefinition(row);
  if (!definition) throw new AppError('CONFLICT', 'segments.errors.invalidDefinition');
  return definition;
}

/** The path of the first condition in `definition` that refers to one of `ids` (for a reference error). */
function referencePath(
  node: SegmentNode,
  ids: readonly number[],
  path: (string | number)[] = [],
): (string | number)[] | null {
  if (node.type === 'segment') return ids.includes(node.segmentId) ? path : null;
  if (node.type !== 'group') return null;
  for (let k = 0; k < node.children.length; k++) {
    const found = referencePath(node.children[k]!, ids, [...path, 'children', k]);
    if (found) return found;
  }
  return null;
}

/** Why references could not be resolved: a cycle, a missing or invalid segment, or too many conditions in all. */
export function referenceProblem(e: SegmentReferenceError): MessageRef {
  const last = e.segmentIds.at(-1) ?? 0;
  if (e.reason === 'cycle')
    return { key: 'segments.issues.cycle', params: { chain: e.segmentIds.map((id) => `#${id}`).join(' → ') } };
  if (e.reason === 'missing') return { key: 'segments.issues.missing', params: { id: last } };
  if (e.reason === 'invalid') return { key: 'segments.issues.referenceInvalid', params: { id: last } };
  return { key: 'segments.issues.tooLarge' };
}

/** A problem with a definition, on the node at `path`: a `segments.issues.*` message with its params. */
export type DefinitionIssue = BuilderIssue;

/**
 * Loads the saved segments a definition refers to and inlines them once, refusing cycles (through `selfId`, the
 * segment being edited), missing and invalid segments, and oversized results. Returns the resolver for the queries,
 * or the problem as an issue on the condition that caused it.
 */
export async function resolveReferences(
  definition: SegmentDefinition,
  selfId?: number,
): Promise<{ ok: true; resolve: ResolveSegment | undefined } | { ok: false; issues: DefinitionIssue[] }> {
  if (referencedSegmentIds(definition).length === 0) return { ok: true, resolve: undefined };
  const resolve = await loadSegmentResolver(rawDb(), definition);
  try {
    inlineSegments(definition, resolve, selfId);
    return { ok: true, resolve };
  } catch (e) {
    if (!(e instanceof SegmentReferenceError)) throw e;
    const path = referencePath(definition, e.segmentIds) ?? [];
    return { ok: false, issues: [segmentIssue(path, referenceProblem(e))] };
  }
}

/** Validates a definition from a form or an API body: the definition, or INVALID_INPUT with one field error per issue. */
export async function validDefinition(
  input: unknown,
  selfId?: number,
): Promise<{ definition: SegmentDefinition; resolve: ResolveSegment | undefined }> {
  const parsed = parseSegmentDefinition(input);
  const fail = (issues: DefinitionIssue[]): never => {
    const fieldErrors: Record<string, MessageRef[]> = {};
    for (const i of issues) {
      const path = `definition.${i.pathText}`;
      fieldErrors[path] = [...(fieldErrors[path] ?? []), { key: i.key, params: i.params }];
    }
    throw new AppError('INVALID_INPUT', 'segments.errors.definition', undefined, { fieldErrors, issues });
  };
  if (!parsed.ok) return fail(parsed.issues);
  const empty = builderIssues(parsed.definition);
  if (empty.length) return fail(empty);
  const refs = await resolveReferences(parsed.definition, selfId);
  if (!refs.ok) return fail(refs.issues);
  return { definition: parsed.definition, resolve: refs.resolve };
}

/** How many conditions a definition has (groups not counted). */
export function conditionCount(node: SegmentNode): number {
  return node.type === 'group' ? node.children.reduce((s, c) => s + conditionCount(c), 0) : 1;
}
