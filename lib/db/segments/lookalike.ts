/** Portrait vectors for lookalike expansion, and the custom tag that freezes an expansion. */
import type { RawDb } from '../raw';
import { queryBatches } from '../segments/runner';
import type { Tx } from './records';

export type PortraitVectors = { customerIds: Int32Array; vectors: Float32Array; dim: number };

const toBytes = (v: unknown): Uint8Array | null => (v instanceof Uint8Array ? v : null);

/**
 * Every stored portrait vector (CustomerProfile.vector, the engine's Float32Array as bytes) of a customer who is not
 * erased, row-major n × dim in customer-id order. Vectors of another length than the most recent layout (a stale
 * portrait from an older layout) are skipped. Streamed in batches; memory is the result (n × dim × 4 bytes).
 */
export async function loadPortraitVectors(raw: RawDb): Promise<PortraitVectors> {
  const sql = `SELECT p."customerId", p."vector" FROM "CustomerProfile" p JOIN "Customer" c ON c."id" = p."customerId" WHERE c."erasedAt" IS NULL AND p."vector" IS NOT NULL ORDER BY p."customerId"`;
  const ids: number[] = [];
  const chunks: Float32Array[] = [];
  let dim = 0;
  for await (const batch of queryBatches<{ customerId: unknown; vector: unknown }>(raw, sql, [], 5000)) {
    for (const r of batch) {
      const bytes = toBytes(r.vector);
      if (!bytes || bytes.byteLength % 4 !== 0 || bytes.byteLength === 0) continue;
      const n = bytes.byteLength / 4;
      if (dim === 0) dim = n;
      if (n !== dim) continue;
      // copy: the driver's buffer may be shared or unaligned
      chunks.push(new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
      ids.push(Number(r.customerId));
    }
  }
  const vectors = new Float32Array(ids.length * dim);
  chunks.forEach((c, k) => {
    vectors.set(c, k * dim);
  });
  return { customerIds: Int32Array.from(ids), vectors, dim };
}

export type LookalikeTag = { key: string; label: string; labelZh: string; description: string };

/**
 * Creates the custom tag holding a lookalike expansion: one CustomerTag per customer with the similarity as its score
 * and the reason in both languages. Written in the caller's transaction (with the segment that uses it).
 */
export async function createLookalikeTag(
  tx: Tx,
  tag: LookalikeTag,
  members: readonly { customerId: number; similarity: number }[],
  reason: (similarity: number) => { en: string; zh: string },
  now: Date,
) {
  const row = await tx.tag.create({
    data: {
      key: tag.key,
      kind: 'custom',
      family: 'custom',
      label: tag.label,
      labelZh: tag.labelZh,
      description: tag.description,
      computedAt: now,
    },
    select: { id: true },
  });
  for (let k = 0; k < members.length; k += 1000) {
    await tx.customerTag.createMany({
      data: members.slice(k, k + 1000).map((m) => ({
        customerId: m.customerId,
        tagId: row.id,
        score: Math.round(m.similarity * 10_000) / 10_000,
        source: 'manual',
        reason: { text: reason(m.similarity), similarity: m.similarity },
        updatedAt: now,
      })),
    });
  }
  return row;
}

/** Whether a tag key is taken. */
export async function tagKeyExists(tx: Tx, key: string) {
  return (await tx.tag.findUnique({ where: { key }, select: { id: true } })) !== null;
}
