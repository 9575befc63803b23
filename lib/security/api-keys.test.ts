import { expect, test } from 'vitest';
import { generateApiKey, hashApiKey, parseApiKey, sameHash } from './api-keys';

test('a generated key parses to its prefix and hashes deterministically under one pepper', () => {
  const { key, prefix } = generateApiKey();
  expect(parseApiKey(key)).toEqual({ prefix });
  const pepper = 'p'.repeat(32);
  expect(sameHash(hashApiKey(key, pepper), hashApiKey(key, pepper))).toBe(true);
  expect(sameHash(hashApiKey(key, pepper), hashApiKey(key, 'q'.repeat(32)))).toBe(false);
});

test('malformed keys are refused before any lookup', () => {
  for (const bad of ['', 'pk_123', 'Bearer x', `pk_zzzzzzzz_${'a'.repeat(43)}`, `pk_12345678_${'a'.repeat(42)}`]) {
    expect(parseApiKey(bad)).toBeNull();
  }
});
