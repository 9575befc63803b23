import type { MessageRef } from '@/lib/i18n/message-ref';
import type { SegmentCondition, SegmentGroup, SegmentNode } from '@/lib/schemas/segment';

/** A node's position: the child indices from the root group ([] is the root). */
export type Path = readonly number[];
export const pathKey = (p: Path) => p.join('.');

/** The builder's condition kinds (RFM group, lifecycle and predictions are all `profile` conditions in the language). */
export const KINDS = [
  'tag',
  'attribute',
  'behaviour',
  'orders',
  'rfm',
  'lifecycle',
  'predicted',
  'consent',
  'segment',
] as const;
export type Kind = (typeof KINDS)[number];

export function kindOf(c: SegmentCondition): Kind {
  if (c.type !== 'profile') return c.type;
  return c.field === 'rfmGroup' ? 'rfm' : c.field === 'lifecycle' ? 'lifecycle' : 'predicted';
}

let counter = 0;
/** A short id for a node (kept in the saved definition, so React keys survive reloads). */
export const newId = () => `n${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Gives every node an id (definitions saved elsewhere may have none). */
export function withIds<T extends SegmentNode>(n: T): T {
  const id = n.id ?? newId();
  return (n.type === 'group' ? { ...n, id, children: n.children.map(withIds) } : { ...n, id }) as T;
}

export function defaultCondition(kind: Kind): SegmentCondition {
  const id = newId();
  switch (kind) {
    case 'tag':
      return { id, type: 'tag', key: '', op: 'has' };
    case 'attribute':
      return { id, type: 'attribute', field: 'region', op: 'eq', value: '' };
    case 'behaviour':
      return {
        id,
        type: 'behaviour',
        op: 'did',
        event: 'purchase',
        frequency: { op: 'at_least', value: 1 },
        window: { type: 'last_days', days: 90 },
      };
    case 'orders':
      return { id, type: 'orders', metric: 'count', op: 'gte', value: 2, window: { type: 'last_days', days: 365 } };
    case 'rfm':
      return { id, type: 'profile', field: 'rfmGroup', op: 'in', value: [] };
    case 'lifecycle':
      return { id, type: 'profile', field: 'lifecycle', op: 'in', value: [] };
    case 'predicted':
      return { id, type: 'profile', field: 'clv365', op: 'gte', value: '' };
    case 'consent':
      return { id, type: 'consent', channel: 'email', op: 'granted' };
    case 'segment':
      return { id, type: 'segment', segmentId: 0, op: 'member' };
  }
}

export const newGroup = (op: 'and' | 'or' = 'or'): SegmentGroup => ({ id: newId(), type: 'group', op, children: [] });

export function nodeAt(root: SegmentGroup, path: Path): SegmentNode {
  let n: SegmentNode = root;
  for (const k of path) n = (n as SegmentGroup).children[k]!;
  return n;
}

/** Replaces the node at `path` (immutably). */
export function updateAt(root: SegmentGroup, path: Path, fn: (n: SegmentNode) => SegmentNode): SegmentGroup {
  if (path.length === 0) return fn(root) as SegmentGroup;
  const [k, ...rest] = path;
  return {
    ...root,
    children: root.children.map((c, i) =>
      i === k ? (rest.length ? updateAt(c as SegmentGroup, rest, fn) : fn(c)) : c,
    ),
  };
}

export function removeAt(root: SegmentGroup, path: Path): SegmentGroup {
  const parent = path.slice(0, -1);
  const k = path.at(-1)!;
  return updateAt(root, parent, (g) => ({
    ...(g as SegmentGroup),
    children: (g as SegmentGroup).children.filter((_, i) => i !== k),
  }));
}

export function moveAt(root: SegmentGroup, path: Path, delta: -1 | 1): SegmentGroup {
  const parent = path.slice(0, -1);
  const k = path.at(-1)!;
  return updateAt(root, parent, (g) => {
    const children = [...(g as SegmentGroup).children];
    const j = k + delta;
    if (j < 0 || j >= children.length) return g;
    [children[k], children[j]] = [children[j]!, children[k]!];
    return { ...(g as SegmentGroup), children };
  });
}

export function appendAt(root: SegmentGroup, groupPath: Path, node: SegmentNode): SegmentGroup {
  return updateAt(root, groupPath, (g) => ({
    ...(g as SegmentGroup),
    children: [...(g as SegmentGroup).children, node],
  }));
}

/** An issue from the schema (or the server), on the node at `path`, about `field` of it (empty for the node itself). */
export type NodeIssue = MessageRef & { field: string };

/** Issues by node: the longest `children[k]` prefix of each issue's path names the node; the rest is the field. */
export function issuesByNode(
  issues: readonly (MessageRef & { path: readonly (string | number)[] })[],
): Map<string, NodeIssue[]> {
  const out = new Map<string, NodeIssue[]>();
  for (const issue of issues) {
    const node: number[] = [];
    let i = 0;
    while (issue.path[i] === 'children' && typeof issue.path[i + 1] === 'number') {
      node.push(issue.path[i + 1] as number);
      i += 2;
    }
    const key = pathKey(node);
    const list = out.get(key) ?? [];
    list.push({ field: issue.path.slice(i).join('.'), key: issue.key, params: issue.params });
    out.set(key, list);
  }
  return out;
}
