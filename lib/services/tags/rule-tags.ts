import { db } from '@/lib/db/client';
import { loadSegmentResolver } from '@/lib/db/segments/resolve';
import { listRuleTags, writeRuleTagMembers } from '@/lib/db/tags';
import { parseSegmentDefinition, type SegmentDefinition, type SegmentNode } from '@/lib/schemas/segment';
import { rawDb } from '@/lib/db/connections';

/**
 * Rule tags: custom tags whose members are defined in the segment language (lib/schemas/segment.ts) and
 * materialised as CustomerTag rows (source "rule") by the segment compiler's query. They are recomputed after every
 * full portrait recompute (rules may read portrait fields and system tags), for the customers of an incremental
 * refresh, and when the rule is saved. A rule may not refer to its own tag.
 */

/** Tag keys a definition's tag conditions refer to. */
export function tagKeysOf(node: SegmentNode): string[] {
  if (node.type === 'group') return node.children.flatMap(tagKeysOf);
  return node.type === 'tag' ? [node.key] : [];
}

async function ruleTags() {
  const out: { id: number; key: string; definition: SegmentDefinition }[] = [];
  for (const t of await listRuleTags(db)) {
    const parsed = parseSegmentDefinition(t.rule);
    if (parsed.ok && !tagKeysOf(parsed.definition).includes(t.key))
      out.push({ id: t.id, key: t.key, definition: parsed.definition });
  }
  return out;
}

async function evaluate(
  tag: { id: number; definition: SegmentDefinition },
  options: { now: number; customerIds?: readonly number[] },
) {
  const raw = rawDb();
  const resolveSegment = await loadSegmentResolver(raw, tag.definition);
  return writeRuleTagMembers(raw, tag, { ...options, resolveSegment });
}

/** Re-evaluates one rule tag for everyone. Returns its member count. */
export async function materialiseRuleTag(
  tag: { id: number; definition: SegmentDefinition },
  options: { now?: number } = {},
) {
  return evaluate(tag, { now: options.now ?? Date.now() });
}

/** Re-evaluates every rule tag for everyone (after a full recompute). A rule that fails is logged and skipped. */
export async function materialiseRuleTags(options: { now?: number } = {}) {
  const now = options.now ?? Date.now();
  const out: Record<string, number> = {};
  for (const tag of await ruleTags()) {
    try {
      out[tag.key] = await evaluate(tag, { now });
    } catch (e) {
      console.error(`[tags] rule tag ${tag.key} could not be evaluated`, e);
    }
  }
  return out;
}

/** Re-evaluates every rule tag for a few customers (after their portraits were refreshed). */
export async function refreshRuleTagsFor(customerIds: readonly number[], options: { now?: number } = {}) {
  if (customerIds.length === 0) return;
  const now = options.now ?? Date.now();
  for (const tag of await ruleTags()) {
    try {
      await evaluate(tag, { now, customerIds });
    } catch (e) {
      console.error(`[tags] rule tag ${tag.key} could not be refreshed`, e);
    }
  }
}
