import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  CUSTOMER_COLUMNS,
  CUSTOMER_FIELD,
  ERASURE_PLAN,
  IDENTIFIER_COLUMN,
  NO_CUSTOMER_DATA,
  NOT_IDENTIFIER_COLUMNS,
  STAFF_ONLY,
} from './plan';

/** The models of a Prisma schema and their scalar (column) field names, read from the schema text. */
function modelsOf(schema: string): Map<string, string[]> {
  const blocks = [...schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)];
  const names = new Set(blocks.map((m) => m[1]!));
  const out = new Map<string, string[]>();
  for (const m of blocks) {
    const fields = m[2]!
      .split('\n')
      .map((l) => l.replace(/\/\/.*$/, '').trim())
      .filter((l) => l && !l.startsWith('@@'))
      .map((l) => l.split(/\s+/))
      .filter(([, type]) => !names.has((type ?? '').replace(/[?[\]]/g, ''))) // relation fields hold no column
      .map(([name]) => name!);
    out.set(m[1]!, fields);
  }
  return out;
}

const schemaText = fs.readFileSync(path.resolve(import.meta.dirname, '../../../prisma/sqlite/schema.prisma'), 'utf8');
const models = modelsOf(schemaText);
const classified = { ...ERASURE_PLAN, ...NO_CUSTOMER_DATA, ...STAFF_ONLY } as Record<string, string>;

/** Columns (`Model.field`, staff tables left out) whose name says they may hold a customer identifier. */
const identifierColumns = (m: Map<string, string[]>) =>
  [...m]
    .filter(([model]) => !(model in STAFF_ONLY))
    .flatMap(([model, fields]) => fields.filter((f) => IDENTIFIER_COLUMN.test(f)).map((f) => `${model}.${f}`));
const listedColumns = { ...CUSTOMER_COLUMNS, ...NOT_IDENTIFIER_COLUMNS } as Record<string, string>;

describe('erasure plan covers the schema', () => {
  test('the schema parser sees the models it should (guards the guard)', () => {
    expect(models.get('Event')).toEqual(expect.arrayContaining(['customerId', 'dedupKey', 'orderRef']));
    expect(models.size).toBeGreaterThan(25);
  });

  test('every model is classified: in the erasure plan, or declared free of customer data with a reason', () => {
    const missing = [...models.keys()].filter((m) => !(m in classified));
    expect(missing, `add these models to lib/db/erasure/plan.ts (and to the erasure itself): ${missing}`).toEqual([]);
    const stale = Object.keys(classified).filter((m) => !models.has(m));
    expect(stale, 'plan.ts names models the schema no longer has').toEqual([]);
  });

  test('a model with a customer reference or identifier field is in the erasure plan', () => {
    const offenders = Object.keys(NO_CUSTOMER_DATA).filter((m) =>
      (models.get(m) ?? []).some((f) => CUSTOMER_FIELD.test(f)),
    );
    expect(offenders).toEqual([]);
    const referencing = [...models].filter(([, fields]) => fields.some((f) => /customer/i.test(f))).map(([m]) => m);
    for (const m of referencing) expect(Object.keys(ERASURE_PLAN), `${m} references customers`).toContain(m);
  });

  test('every column that may hold a customer identifier says what erasure does to it', () => {
    const missing = identifierColumns(models).filter((c) => !(c in listedColumns));
    expect(missing, `add these columns to CUSTOMER_COLUMNS in lib/db/erasure/plan.ts (and erase them)`).toEqual([]);
    const stale = Object.keys(listedColumns).filter((c) => !identifierColumns(models).includes(c));
    expect(stale, 'plan.ts lists columns the schema no longer has').toEqual([]);
    for (const c of Object.keys(CUSTOMER_COLUMNS)) expect(Object.keys(ERASURE_PLAN)).toContain(c.split('.')[0]);
  });

  test('the meta-test fails on a new identifier column in a table erasure already handles', () => {
    const extended = modelsOf(schemaText.replace(/^model Order \{\n/m, 'model Order {\n  giftEmail String?\n'));
    expect(identifierColumns(extended).filter((c) => !(c in listedColumns))).toEqual(['Order.giftEmail']);
  });

  test('the meta-test fails on a new table with a customerId that nobody covered', () => {
    const extended = modelsOf(`${schemaText}\nmodel LoyaltyPoints {\n  customerId Int\n  points Int\n}\n`);
    const missing = [...extended.keys()].filter((m) => !(m in classified));
    expect(missing).toEqual(['LoyaltyPoints']);
  });
});
