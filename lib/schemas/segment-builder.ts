import { segmentIssue, type SegmentDefinition, type SegmentIssue } from './segment';

/** A problem the builder shows next to a node (its message is a `segments.issues.*` key with params). */
export type BuilderIssue = SegmentIssue;

/**
 * Rules the segment builder and the segment services add on top of the language (lib/schemas/segment.ts): a nested
 * group must hold a condition — an empty "any" group would silently match nobody, an empty "all" group everybody.
 * (The root may be empty: "every customer".)
 */
export function builderIssues(root: SegmentDefinition): BuilderIssue[] {
  const out: BuilderIssue[] = [];
  const walk = (g: SegmentDefinition, path: (string | number)[]) =>
    g.children.forEach((c, k) => {
      if (c.type !== 'group') return;
      const p = [...path, 'children', k];
      if (c.children.length === 0) out.push(segmentIssue(p, { key: 'segments.issues.emptyGroup' }));
      else walk(c, p);
    });
  walk(root, []);
  return out;
}
