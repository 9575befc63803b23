import type { SegmentCondition, SegmentDefinition, SegmentNode } from '@/lib/schemas/segment';

export type Item = { node: SegmentNode; connector: 'and' | 'or' };

/** An OR of equalities on one field as one "is one of" condition (city = A or city = B → city in [A, B]). */
function mergeEqualities(nodes: SegmentNode[]): SegmentNode[] {
  const first = nodes[0];
  if (nodes.length < 2 || !first || (first.type !== 'attribute' && first.type !== 'profile')) return nodes;
  const same = nodes.every(
    (n): n is SegmentCondition =>
      n.type === first.type && 'field' in n && n.field === first.field && n.op === 'eq' && typeof n.value === 'string',
  );
  if (!same) return nodes;
  const values = [...new Set(nodes.map((n) => (n as { value: string }).value))];
  return [{ ...first, op: 'in', value: values } as SegmentCondition];
}

/** Items joined by AND and OR as a tree: runs joined by OR become OR groups inside the AND root. */
export function groupItems(items: Item[]): SegmentDefinition {
  const runs: SegmentNode[][] = [];
  for (const it of items) {
    if (it.connector === 'or' && runs.length) runs.at(-1)!.push(it.node);
    else runs.push([it.node]);
  }
  const seen = new Set<string>();
  const children: SegmentNode[] = [];
  for (const run of runs) {
    const merged = mergeEqualities(run);
    const node: SegmentNode = merged.length === 1 ? merged[0]! : { type: 'group', op: 'or', children: merged };
    const key = JSON.stringify(node);
    if (seen.has(key)) continue;
    seen.add(key);
    children.push(node);
  }
  const only = children[0];
  if (children.length === 1 && only?.type === 'group') return only;
  return { type: 'group', op: 'and', children };
}
