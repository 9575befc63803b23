import { expect, test } from 'vitest';
import { parseEnv } from './env';

const secrets = { NEXTAUTH_SECRET: 'x'.repeat(32), PRECISA_PEPPER: 'y'.repeat(32) };

test('defaults, and limits that fail closed with the reason', () => {
  expect(parseEnv(secrets)).toMatchObject({ PRECISA_DATA_DIR: 'data', PRECISA_MAX_UPLOAD_MB: 1024 });
  expect(parseEnv({ ...secrets, PRECISA_MAX_UPLOAD_MB: '2047' }).PRECISA_MAX_UPLOAD_MB).toBe(2047);
  expect(() => parseEnv({ ...secrets, PRECISA_MAX_UPLOAD_MB: '4096' })).toThrow(
    /PRECISA_MAX_UPLOAD_MB: PRECISA_MAX_UPLOAD_MB can be at most 2047/,
  );
  expect(() => parseEnv({ PRECISA_PEPPER: 'short' })).toThrow(
    /NEXTAUTH_SECRET: .*PRECISA_PEPPER: PRECISA_PEPPER must be at least 32 characters/,
  );
});
