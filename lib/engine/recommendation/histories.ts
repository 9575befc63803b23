/**
 * Interaction histories (pure): the interaction kinds, time decay of event weights, per-user histories (user × item
 * sums), strongest kind per item, and each user's recent item sequence.
 */
import { buildCsr } from './csr';
import type { Csr, Interactions } from './types';

export const KIND_NAMES = ['view', 'click', 'cart', 'purchase'] as const;
export type KindName = (typeof KIND_NAMES)[number];
/** kind code of a purchase (0 view, 1 click, 2 cart, 3 purchase) */
export const PURCHASE = 3;
const DAY_MS = 86_400_000;

/** 2^(−age/halfLife) for an interaction at `ts` seen from `reference` (1 at or after the reference; no decay when halfLifeDays ≤ 0). */
export function decayFactor(ts: number, reference: number, halfLifeDays: number): number {
  if (!(halfLifeDays > 0) || ts >= reference) return 1;
  return 2 ** (-(reference - ts) / (halfLifeDays * DAY_MS));
}

/** The latest timestamp of some interactions (−∞ when empty). */
export function latestTime(data: Interactions): number {
  let t = -Infinity;
  const ts = data.timestamps;
  if (ts) for (let k = 0; k < ts.length; k++) if (ts[k]! > t) t = ts[k]!;
  return t;
}

/**
 * The interactions with values = event weight × time decay relative to their latest timestamp — the input every
 * model is fitted on.
 */
export function decayed(data: Interactions, halfLifeDays: number, reference = latestTime(data)): Interactions {
  const values = Float32Array.from(
    data.values,
    (v, k) => v * decayFactor(data.timestamps?.[k] ?? reference, reference, halfLifeDays),
  );
  return { ...data, values };
}

/** Per-user histories: user × item sums of the (decayed) values. */
export function historyCsr(data: Interactions): Csr {
  return buildCsr(data, { aggregate: 'sum' });
}

/** Each user's strongest interaction kind per item (user × item, values = kind code), for "because you bought X". */
export function kindCsr(data: Interactions, kinds: Uint8Array): Csr {
  return buildCsr({ ...data, values: Float32Array.from(kinds) }, { aggregate: 'max' });
}

export type Sequences = { ptr: Int32Array; items: Int32Array };

/** Items of a customer's recent sequence that serving keeps (training snapshot and request-time histories alike). */
export const SEQUENCE_LENGTH = 30;

/** Each user's last `max` distinct-in-a-row items, oldest first (interactions must be in time order). */
export function lastSequences(data: Interactions, max = SEQUENCE_LENGTH): Sequences {
  const per: number[][] = Array.from({ length: data.nUsers }, () => []);
  for (let k = 0; k < data.users.length; k++) {
    const seq = per[data.users[k]!]!;
    const item = data.items[k]!;
    if (seq[seq.length - 1] === item) continue;
    seq.push(item);
    if (seq.length > 2 * max) seq.splice(0, seq.length - max);
  }
  const ptr = new Int32Array(data.nUsers + 1);
  const flat: number[] = [];
  per.forEach((seq, u) => {
    for (const i of seq.slice(-max)) flat.push(i);
    ptr[u + 1] = flat.length;
  });
  return { ptr, items: Int32Array.from(flat) };
}
