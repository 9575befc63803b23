/** The shared buffers of a stored bundle (artifact.ts), from a training part and its shared parts. */
import { kindCsr } from '@/lib/engine/recommendation/histories';
import type { Part } from '@/lib/engine/recommendation/models/training-parts';
import type { SharedParts } from '@/lib/engine/recommendation/models/types';
import type { Csr } from '@/lib/engine/recommendation/types';
import type { SharedBuffers } from './artifact';
import type { ShopData } from './data';

/** The shared buffers of a bundle (precomputed lists empty; filled later). */
export function sharedBuffers(shop: ShopData, part: Part, shared: SharedParts, cooc: Csr): SharedBuffers {
  const kinds = kindCsr(part.data, part.kinds);
  return {
    userIds: shop.userIds,
    itemIds: shop.itemIds,
    historyRowPtr: shared.history.rowPtr,
    historyColIdx: shared.history.colIdx,
    historyValues: shared.history.values,
    historyKinds: kinds.values,
    seqPtr: shared.sequences.ptr,
    seqItems: shared.sequences.items,
    popTrend: Float32Array.from(shared.popularity.scores),
    popPurchases: Float32Array.from(shared.popularity.purchases),
    coocRowPtr: cooc.rowPtr,
    coocColIdx: cooc.colIdx,
    coocValues: cooc.values,
    preItems: new Int32Array(0),
    preScores: new Float32Array(0),
  };
}
