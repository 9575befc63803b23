import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { databaseUrl, isPostgres, readReplicaUrl, sqlitePath } from './url';

describe('databaseUrl', () => {
  test('DATABASE_URL wins; otherwise the SQLite file lives in the data folder', () => {
    expect(databaseUrl({ DATABASE_URL: ' postgresql://u@localhost/db ' })).toBe('postgresql://u@localhost/db');
    expect(databaseUrl({})).toBe('file:data/precisa.db');
    expect(databaseUrl({ PRECISA_DATA_DIR: '/srv/precisa' })).toBe('file:/srv/precisa/precisa.db');
    expect(databaseUrl({ DATABASE_URL: '', PRECISA_DATA_DIR: 'var' })).toBe('file:var/precisa.db');
  });

  test('SQLite paths resolve against the working directory; PostgreSQL urls are recognised', () => {
    expect(sqlitePath('file:data/precisa.db')).toBe(path.resolve('data/precisa.db'));
    expect(sqlitePath('file:/tmp/x.db')).toBe('/tmp/x.db');
    expect(isPostgres('postgres://h/db') && isPostgres('postgresql://h/db')).toBe(true);
    expect(isPostgres('file:data/precisa.db')).toBe(false);
  });
});

describe('readReplicaUrl', () => {
  const primary = 'postgresql://u@localhost/db';
  test('unset or blank: no replica; set beside a PostgreSQL primary: that url', () => {
    expect(readReplicaUrl({ DATABASE_URL: primary })).toBeNull();
    expect(readReplicaUrl({ DATABASE_URL: primary, DATABASE_READ_URL: '  ' })).toBeNull();
    expect(readReplicaUrl({ DATABASE_URL: primary, DATABASE_READ_URL: ' postgres://u@replica/db ' })).toBe(
      'postgres://u@replica/db',
    );
  });

  test('refused with the reason: not PostgreSQL, or a SQLite primary', () => {
    expect(() => readReplicaUrl({ DATABASE_URL: primary, DATABASE_READ_URL: 'file:r.db' })).toThrow(
      'DATABASE_READ_URL: DATABASE_READ_URL must be a postgresql:// url',
    );
    expect(() => readReplicaUrl({ DATABASE_READ_URL: 'postgresql://u@replica/db' })).toThrow(
      /needs DATABASE_URL to be a PostgreSQL database/,
    );
  });
});
