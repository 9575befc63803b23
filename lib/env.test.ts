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

test('a read replica only as a PostgreSQL url beside a PostgreSQL primary', () => {
  const primary = 'postgresql://u:p@127.0.0.1:5432/shop';
  const replica = 'postgresql://u:p@127.0.0.1:5433/shop';
  expect(parseEnv({ ...secrets, DATABASE_URL: primary, DATABASE_READ_URL: replica }).DATABASE_READ_URL).toBe(replica);
  expect(parseEnv({ ...secrets, DATABASE_URL: primary }).DATABASE_READ_URL).toBeUndefined();
  expect(() => parseEnv({ ...secrets, DATABASE_URL: primary, DATABASE_READ_URL: 'file:replica.db' })).toThrow(
    /DATABASE_READ_URL: DATABASE_READ_URL must be a postgresql:\/\/ url/,
  );
  expect(() => parseEnv({ ...secrets, DATABASE_READ_URL: replica })).toThrow(
    /DATABASE_READ_URL: DATABASE_READ_URL needs DATABASE_URL to be a PostgreSQL database/,
  );
});
