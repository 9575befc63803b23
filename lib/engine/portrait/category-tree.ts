import type { CategoryNode } from './types';

/**
 * The category tree in dense form. Parents are found by path: the parent of ['Sports', 'Running'] is the node whose
 * path is ['Sports']; a node whose parent path is not in the list is treated as a root.
 */
export type CategoryTree = {
  nodes: CategoryNode[];
  /** category id → dense index */
  indexOf: Map<number, number>;
  /** dense parent index, -1 for roots */
  parent: Int32Array;
  depth: Int32Array;
  /** lineage of node k (itself first, then its ancestors up to the root) is lineage[lineageStart[k]..lineageStart[k+1]) */
  lineageStart: Int32Array;
  lineage: Int32Array;
};

/**
 * Builds the dense tree, checking that ids are unique and paths non-empty.
 *
 * @example
 * const tree = buildCategoryTree([{ id: 1, path: ['Sports'], name: 'Sports' }, { id: 2, path: ['Sports', 'Running'], name: 'Running' }]);
 * // tree.parent = Int32Array [-1, 0]; lineage of node 1 = [1, 0]
 */
export function buildCategoryTree(nodes: readonly CategoryNode[]): CategoryTree {
  const indexOf = new Map<number, number>();
  const byPath = new Map<string, number>();
  nodes.forEach((node, k) => {
    if (indexOf.has(node.id)) throw new RangeError(`buildCategoryTree: duplicate category id ${node.id}`);
    if (node.path.length === 0) throw new RangeError(`buildCategoryTree: category ${node.id} has an empty path`);
    indexOf.set(node.id, k);
    byPath.set(node.path.join('\u0000'), k);
  });
  const n = nodes.length;
  const parent = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    const path = nodes[k]!.path;
    if (path.length > 1) parent[k] = byPath.get(path.slice(0, -1).join('\u0000')) ?? -1;
  }
  const depth = new Int32Array(n);
  const lineageStart = new Int32Array(n + 1);
  const lineage: number[] = [];
  for (let k = 0; k < n; k++) {
    lineageStart[k] = lineage.length;
    let c = k;
    let guard = 0;
    while (c >= 0 && guard++ <= n) {
      lineage.push(c);
      c = parent[c]!;
    }
    depth[k] = lineage.length - lineageStart[k]! - 1;
  }
  lineageStart[n] = lineage.length;
  return { nodes: [...nodes], indexOf, parent, depth, lineageStart, lineage: Int32Array.from(lineage) };
}
