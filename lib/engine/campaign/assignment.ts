/** Deterministic, stable assignment of customers to campaign arms by hashing the customer with the campaign salt. */
import { createHash } from 'node:crypto';
import { HOLDOUT_KEY, type ArmSpec } from './types';

const TWO_POW_52 = 2 ** 52;

/**
 * A uniform number in [0, 1) from SHA-256 of `salt:customerKey` (the first 52 bits). The same inputs always give
 * the same number; a different salt gives an independent one, so campaigns do not share their splits.
 * @example hashUnit('s3cr3t', 'C000001') // 0.7270… (always the same)
 */
export function hashUnit(salt: string, customerKey: string): number {
  const digest = createHash('sha256').update(`${salt}:${customerKey}`).digest();
  // 52 bits: 6 whole bytes + the high nibble of the 7th.
  const high = digest.readUIntBE(0, 6) * 16 + (digest[6]! >> 4);
  return high / TWO_POW_52;
}

export type ArmAssignment = { key: string; isHoldout: boolean; bucket: number };

/**
 * The arm of one customer. The hash bucket u ∈ [0, 1) decides: u < holdoutShare → holdout; otherwise the rest of
 * the unit interval is divided among the variants in proportion to their weights. Stable: the same customer, salt
 * and split always land in the same arm; shares converge to the planned split (checked by the unit tests).
 * @example assignArm({ customerKey: 'C1', salt: 'x', variants: [{ key: 'a', weight: 1 }, { key: 'b', weight: 1 }], holdoutShare: 0.1 })
 */
export function assignArm({
  customerKey,
  salt,
  variants,
  holdoutShare,
}: {
  customerKey: string;
  salt: string;
  variants: readonly { key: string; weight: number }[];
  holdoutShare: number;
}): ArmAssignment {
  return armFromBucket(hashUnit(salt, customerKey), variants, holdoutShare);
}

/** The arm for a hash bucket u ∈ [0, 1) under a split (see `assignArm`). */
export function armFromBucket(
  bucket: number,
  variants: readonly { key: string; weight: number }[],
  holdoutShare: number,
): ArmAssignment {
  const fn = 'assignArm';
  if (variants.length === 0) throw new RangeError(`${fn}: need at least one variant`);
  if (!(holdoutShare >= 0 && holdoutShare < 1)) throw new RangeError(`${fn}: holdoutShare must be in [0, 1)`);
  const total = variants.reduce((s, v) => s + v.weight, 0);
  if (!(total > 0) || variants.some((v) => !(v.weight >= 0)))
    throw new RangeError(`${fn}: weights must be ≥ 0 with a positive sum`);
  if (bucket < holdoutShare) return { key: HOLDOUT_KEY, isHoldout: true, bucket };
  const position = ((bucket - holdoutShare) / (1 - holdoutShare)) * total;
  let cumulative = 0;
  for (const v of variants) {
    cumulative += v.weight;
    if (position < cumulative) return { key: v.key, isHoldout: false, bucket };
  }
  // Rounding can leave position == total: the last variant with weight.
  const last = [...variants].reverse().find((v) => v.weight > 0)!;
  return { key: last.key, isHoldout: false, bucket };
}

/** The planned share of traffic per arm (holdout first when present), in the order given. */
export function plannedShares(arms: readonly ArmSpec[], holdoutShare: number): number[] {
  const variantTotal = arms.filter((a) => !a.isHoldout).reduce((s, a) => s + a.weight, 0);
  return arms.map((a) => (a.isHoldout ? holdoutShare : ((1 - holdoutShare) * a.weight) / variantTotal));
}

/**
 * The wave (sending day) of a customer when an audience is sent over `waves` days: a second, independent hash so
 * waves and arms do not correlate.
 */
export function waveOf(salt: string, customerKey: string, waves: number): number {
  if (!Number.isInteger(waves) || waves < 1) throw new RangeError('waveOf: waves must be a positive integer');
  return Math.min(waves - 1, Math.floor(hashUnit(`${salt}:wave`, customerKey) * waves));
}
