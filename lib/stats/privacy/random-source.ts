import { randomBytes } from 'node:crypto';
import { xoshiro128ss } from '../random';

/**
 * Where the exact samplers get their randomness: a function returning uniform unsigned 32-bit words. Production uses
 * the operating system's CSPRNG (`node:crypto`); tests inject a seeded generator so their draws repeat exactly.
 */
export type WordSource = () => number;

/** Words from `crypto.randomBytes`, fetched 4 KiB at a time. Never `Math.random`. */
export function cryptoWords(): WordSource {
  let buffer = randomBytes(4096);
  let at = 0;
  return () => {
    if (at + 4 > buffer.length) {
      buffer = randomBytes(4096);
      at = 0;
    }
    const word = buffer.readUInt32LE(at);
    at += 4;
    return word;
  };
}

/** A seeded word source (xoshiro128**) for tests only: the same seed gives the same draws. */
export function seededWords(seed: number): WordSource {
  return xoshiro128ss(seed >>> 0 || 1);
}

/** A uniform integer in [0, m) by rejection over whole 32-bit words (no modulo bias). m must be ≥ 1. */
export function uniformBelow(words: WordSource, m: bigint): bigint {
  if (m < 1n) throw new RangeError(`uniformBelow: m must be ≥ 1 (got ${m})`);
  if (m === 1n) return 0n;
  let bits = 0n;
  let span = 1n;
  while (span < m) {
    span <<= 32n;
    bits += 32n;
  }
  const limit = span - (span % m); // accept draws below the largest multiple of m that fits
  for (;;) {
    let x = 0n;
    for (let b = 0n; b < bits; b += 32n) x = (x << 32n) | BigInt(words());
    if (x < limit) return x % m;
  }
}
