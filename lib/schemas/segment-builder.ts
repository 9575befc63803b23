import type { SegmentDefinition, SegmentIssue } from './segment';

/** A problem the builder shows next to a node; `key`/`vars` name the translated message (`segments.issues.*`). */
export type BuilderIssue = SegmentIssue & { key?: string; vars?: Record<string, string | number> };

const pathText = (p: readonly (string | number)[]) => p.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '') || '(root)';

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
      if (c.children.length === 0) out.push({ path: p, pathText: pathText(p), message: 'Add a condition to this group, or remove it.', key: 'segments.issues.emptyGroup' });
      else walk(c, p);
    });
  walk(root, []);
  return out;
}
