import { expect, test } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password';

test('hashes verify only with the same password, and salts differ', async () => {
  const a = await hashPassword('correct horse battery');
  const b = await hashPassword('correct horse battery');
  expect(a).not.toBe(b);
  expect(a.startsWith('scrypt$32768$8$1$')).toBe(true);
  expect(await verifyPassword('correct horse battery', a)).toBe(true);
  expect(await verifyPassword('correct horse batterz', a)).toBe(false);
  expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
});

test('password rules', () => {
  expect(passwordProblem('short')).toMatch(/10 characters/);
  expect(passwordProblem('long enough pass')).toBeNull();
});
