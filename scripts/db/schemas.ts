// The SQLite schema is the one we edit; the PostgreSQL schema is derived from it, then may gain
// PostgreSQL-only native types (`@db.*`). `normalise` strips exactly what the providers force apart,
// so any other difference is drift.
import { readSchema, type Provider } from './engine';

const blocks = /(generator|datasource)\s+\w+\s*\{[^}]*\}/g;

export function normalise(schema: string) {
  return schema
    .replace(blocks, '')
    .split('\n')
    .map((line) =>
      line
        .replace(/\/\/.*$/, '')
        .replace(/\s@db\.\w+(\([^)]*\))?/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean)
    .join('\n');
}

export function derivePostgres(sqliteSchema: string) {
  return sqliteSchema
    .replace(
      /^\/\/ Precisa data model — SQLite \(embedded default\)\./m,
      '// Precisa data model — PostgreSQL (production). Derived from prisma/sqlite/schema.prisma by `npm run db:migration`.',
    )
    .replace('output       = "../../lib/db/generated/sqlite"', 'output       = "../../lib/db/generated/postgresql"')
    .replace(/provider = "sqlite"/, 'provider = "postgresql"');
}

export function schemaDrift() {
  const a = normalise(readSchema('sqlite' satisfies Provider)).split('\n');
  const b = normalise(readSchema('postgresql' satisfies Provider)).split('\n');
  const diffs: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) diffs.push(`line ${i + 1}: sqlite «${a[i] ?? ''}» ≠ postgresql «${b[i] ?? ''}»`);
  }
  return diffs;
}
