import { referencedSegmentIds, type ResolveSegment } from '@/lib/engine/segment/inline';
import { parseSegmentDefinition, type SegmentNode } from '@/lib/schemas/segment';
import type { RawDb } from '../raw';
import { queryRows } from './runner';
import { SqlBuilder } from './sql';

/**
 * Loads every saved segment a definition refers to, transitively (archived ones included: a reference keeps
 * working), and returns the synchronous resolver the compiler and evaluators take. Cycles are refused later, by
 * inlineSegments, with the chain of ids in the message.
 */
export async function loadSegmentResolver(db: RawDb, definition: SegmentNode): Promise<ResolveSegment> {
  const found = new Map<number, unknown>();
  let pending = referencedSegmentIds(definition);
  while (pending.length > 0) {
    const b = new SqlBuilder(db.kind);
    const { sql, params } = b.finish(
      `SELECT s."id", s."definition" FROM "Segment" s WHERE s."id" IN (${pending.map((id) => b.int(id)).join(', ')})`,
    );
    const next = new Set<number>();
    for (const [id, raw] of await queryRows(db, sql, params)) {
      const value = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
      found.set(Number(id), value);
      const parsed = parseSegmentDefinition(value);
      if (parsed.ok) for (const ref of referencedSegmentIds(parsed.definition)) if (!found.has(ref)) next.add(ref);
    }
    for (const id of pending) if (!found.has(id)) found.set(id, null);
    pending = [...next].filter((id) => !found.has(id));
  }
  return (id) => found.get(id) ?? null;
}
