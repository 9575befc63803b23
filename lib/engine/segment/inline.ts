import {
  parseSegmentDefinition,
  type SegmentDefinition,
  type SegmentGroup,
  type SegmentNode,
} from '@/lib/schemas/segment';

/** Looks up a saved segment's definition (unknown JSON, parsed again here); undefined/null when there is none. */
export type ResolveSegment = (segmentId: number) => unknown;

/** At most this many conditions after every referenced segment is inlined (bounds the size of the SQL). */
export const MAX_INLINED_CONDITIONS = 500;

/** A segment reference that cannot be inlined: a cycle, a missing or invalid segment, or an oversized result. */
export class SegmentReferenceError extends RangeError {
  readonly segmentIds: number[];
  /** What went wrong, for callers that explain it: a cycle, a missing or invalid segment, or too many conditions. */
  readonly reason: 'cycle' | 'missing' | 'invalid' | 'too-large';
  constructor(message: string, segmentIds: number[], reason: SegmentReferenceError['reason']) {
    super(message);
    this.name = 'SegmentReferenceError';
    this.segmentIds = segmentIds;
    this.reason = reason;
  }
}

/**
 * Replaces every `segment` condition by the referenced definition (recursively), as a group negated for
 * `not_member`. Refuses cycles (A → B → A), missing or invalid segments, and results over MAX_INLINED_CONDITIONS.
 * `selfId` is the id of the segment being edited, so a reference back to it is reported as a cycle.
 *
 * @example
 * inlineSegments({ type: 'group', op: 'and', children: [{ type: 'segment', segmentId: 2, op: 'not_member' }] }, (id) => defs[id]);
 * // { type: 'group', op: 'and', children: [{ type: 'group', op: 'and', negate: true, children: [<definition of 2>] }] }
 */
export function inlineSegments(
  definition: SegmentDefinition,
  resolve: ResolveSegment | undefined,
  selfId?: number,
): SegmentDefinition {
  const cache = new Map<number, SegmentDefinition>();
  let conditions = 0;
  const visit = (node: SegmentNode, stack: number[]): SegmentNode => {
    if (node.type === 'group') return { ...node, children: node.children.map((c) => visit(c, stack)) };
    if (node.type !== 'segment') {
      if (++conditions > MAX_INLINED_CONDITIONS)
        throw new SegmentReferenceError(
          `inlineSegments: more than ${MAX_INLINED_CONDITIONS} conditions once referenced segments are included`,
          stack,
          'too-large',
        );
      return node;
    }
    const id = node.segmentId;
    if (stack.includes(id))
      throw new SegmentReferenceError(
        `inlineSegments: segment ${id} refers to itself (${[...stack.slice(stack.indexOf(id)), id].join(' → ')})`,
        [...stack, id],
        'cycle',
      );
    let inner = cache.get(id);
    if (!inner) {
      const raw = resolve?.(id);
      if (raw === undefined || raw === null)
        throw new SegmentReferenceError(`inlineSegments: segment ${id} does not exist`, [...stack, id], 'missing');
      const parsed = parseSegmentDefinition(raw);
      if (!parsed.ok)
        throw new SegmentReferenceError(
          `inlineSegments: segment ${id} has an invalid definition (${parsed.issues[0]?.pathText}: ${parsed.issues[0]?.message})`,
          [...stack, id],
          'invalid',
        );
      inner = parsed.definition;
    }
    const expanded = visit(inner, [...stack, id]) as SegmentGroup;
    if (!cache.has(id)) cache.set(id, inner);
    const wrapper: SegmentGroup = { type: 'group', op: 'and', children: [expanded] };
    if (node.op === 'not_member') wrapper.negate = true;
    if (node.id !== undefined) wrapper.id = node.id;
    return wrapper;
  };
  return visit(definition, selfId === undefined ? [] : [selfId]) as SegmentDefinition;
}

/** The ids of the segments a definition refers to directly. */
export function referencedSegmentIds(definition: SegmentNode): number[] {
  if (definition.type === 'segment') return [definition.segmentId];
  if (definition.type !== 'group') return [];
  return [...new Set(definition.children.flatMap(referencedSegmentIds))];
}
