/**
 * Erasure in the stored model files: a bundle is rewritten without the rows of erased customers — their entry in the
 * user id map, their interaction history (values and kinds), their sequence, their precomputed list and their row of
 * every per-user component buffer. What stays is item-level and anonymous (popularity counters, co-occurrence, item
 * factors, EASE and GRU4Rec weights), learned with them among everyone else until the retrain replaces the model.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type DecodedBundle, encodeBundle, readArtifact, writeArtifact } from './artifact';

/** Component buffers that hold one row per training customer (rows in the order of `userIds`). */
const PER_USER_COMPONENT_BUFFERS = new Set(['userFactors']);

function keepRows<T extends Int32Array | Float32Array>(buf: T, width: number, keep: readonly number[]): T {
  const out = new (buf.constructor as new (n: number) => T)(keep.length * width);
  keep.forEach((u, i) => {
    out.set(buf.subarray(u * width, (u + 1) * width), i * width);
  });
  return out;
}

/** A CSR matrix (row pointers + parallel arrays) with only the kept rows. */
function keepCsrRows(ptr: Int32Array, arrays: readonly (Int32Array | Float32Array)[], keep: readonly number[]) {
  const nextPtr = new Int32Array(keep.length + 1);
  keep.forEach((u, i) => {
    nextPtr[i + 1] = nextPtr[i]! + (ptr[u + 1]! - ptr[u]!);
  });
  const next = arrays.map((a) => new (a.constructor as new (n: number) => typeof a)(nextPtr[keep.length]!));
  keep.forEach((u, i) => {
    for (const [j, a] of arrays.entries()) next[j]!.set(a.subarray(ptr[u]!, ptr[u + 1]!), nextPtr[i]!);
  });
  return { ptr: nextPtr, arrays: next };
}

/**
 * The bundle without these customers (internal ids), or null when none of them is in it.
 * @example withoutCustomers(bundle, new Set([42])) // bundle.shared.userIds no longer contains 42
 */
export function withoutCustomers(bundle: DecodedBundle, customerIds: ReadonlySet<number>): DecodedBundle | null {
  const { shared, meta } = bundle;
  const nUsers = shared.userIds.length;
  const keep: number[] = [];
  for (let u = 0; u < nUsers; u++) if (!customerIds.has(shared.userIds[u]!)) keep.push(u);
  if (keep.length === nUsers) return null;
  const history = keepCsrRows(
    shared.historyRowPtr,
    [shared.historyColIdx, shared.historyValues, shared.historyKinds],
    keep,
  );
  const seq = keepCsrRows(shared.seqPtr, [shared.seqItems], keep);
  const n = meta.precomputedN;
  const components = bundle.components.map((c) => ({
    params: c.params,
    buffers: Object.fromEntries(
      Object.entries(c.buffers).map(([name, buf]) => [
        name,
        PER_USER_COMPONENT_BUFFERS.has(name) ? keepRows(buf, buf.length / nUsers, keep) : buf,
      ]),
    ),
  }));
  return {
    meta,
    components,
    shared: {
      ...shared,
      userIds: keepRows(shared.userIds, 1, keep),
      historyRowPtr: history.ptr,
      historyColIdx: history.arrays[0] as Int32Array,
      historyValues: history.arrays[1] as Float32Array,
      historyKinds: history.arrays[2] as Float32Array,
      seqPtr: seq.ptr,
      seqItems: seq.arrays[0] as Int32Array,
      preItems: n > 0 ? keepRows(shared.preItems, n, keep) : shared.preItems,
      preScores: n > 0 ? keepRows(shared.preScores, n, keep) : shared.preScores,
    },
  };
}

/**
 * Rewrites every model file in `dir` that holds one of these customers (atomically: temporary file, fsync, rename).
 * Idempotent: a file without them is left alone. Returns how many files were rewritten.
 */
export async function eraseFromModelFiles(dir: string, customerIds: ReadonlySet<number>): Promise<number> {
  if (customerIds.size === 0 || !fs.existsSync(dir)) return 0;
  let rewritten = 0;
  for (const name of (await fs.promises.readdir(dir)).filter((f) => f.endsWith('.prm')).sort()) {
    const next = withoutCustomers(await readArtifact(dir, name), customerIds);
    if (!next) continue;
    await writeArtifact(dir, name, encodeBundle(next.meta, next.shared, next.components));
    rewritten++;
  }
  return rewritten;
}

/** Leftover temporary files of an interrupted write (they may hold an old model): removed. */
export async function removeTemporaryModelFiles(dir: string) {
  if (!fs.existsSync(dir)) return;
  for (const name of await fs.promises.readdir(dir))
    if (/\.prm\.tmp-\d+$/.test(name)) await fs.promises.rm(path.join(dir, name), { force: true });
}
