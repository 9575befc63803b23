import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { databaseUrl, isPostgres, sqlitePath } from './url';

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
