// Column lists of the tables the importer writes, and the upsert SQL for each dialect. An upsert updates a row only
// when a compared column really differs, so re-importing a file reports every row as unchanged.

export type PgType = 'text' | 'int4' | 'float8' | 'bool' | 'timestamp' | 'jsonb';

/**
 * key: conflict target. insert: written on insert only (createdAt, source). touch: written on insert and on a real
 * update, never compared (updatedAt). stamp: consentUpdatedAt, changed only when a consent column changes.
 */
export type ColumnRole = 'key' | 'insert' | 'touch' | 'stamp' | 'data';

export type Column = { name: string; type: PgType; role: ColumnRole };

const c = (name: string, type: PgType, role: ColumnRole = 'data'): Column => ({ name, type, role });

export const EVENT_COLUMNS: Column[] = [
  c('dedupKey', 'text', 'key'),
  c('customerId', 'int4'),
  c('type', 'text'),
  c('ts', 'timestamp'),
  c('sessionId', 'text'),
  c('productId', 'int4'),
  c('categoryId', 'int4'),
  c('query', 'text'),
  c('quantity', 'int4'),
  c('price', 'float8'),
  c('value', 'float8'),
  c('campaignId', 'int4'),
  c('variantId', 'int4'),
  c('orderRef', 'text'),
  c('source', 'text', 'insert'),
];

/** Product columns by import field; `sku`, createdAt and updatedAt are always written. */
export const PRODUCT_FIELD_COLUMNS: Record<string, Column> = {
  title: c('title', 'text'),
  title_zh: c('titleZh', 'text'),
  description: c('description', 'text'),
  category: c('categoryId', 'int4'),
  brand: c('brand', 'text'),
  price: c('price', 'float8'),
  color: c('color', 'text'),
  size: c('size', 'text'),
  material: c('material', 'text'),
  attributes: c('attributes', 'jsonb'),
  stock: c('stock', 'int4'),
  active: c('active', 'bool'),
  image_url: c('imageUrl', 'text'),
};

export const CUSTOMER_FIELD_COLUMNS: Record<string, Column> = {
  name: c('name', 'text'),
  email: c('email', 'text'),
  phone: c('phone', 'text'),
  gender: c('gender', 'text'),
  birth_year: c('birthYear', 'int4'),
  region: c('region', 'text'),
  city: c('city', 'text'),
  signup_date: c('signupAt', 'timestamp'),
  consent_email: c('consentEmail', 'bool'),
  consent_sms: c('consentSms', 'bool'),
  consent_push: c('consentPush', 'bool'),
  consent_ads: c('consentAds', 'bool'),
  attributes: c('attributes', 'jsonb'),
};

export const ORDER_COLUMNS: Column[] = [
  c('externalId', 'text', 'key'),
  c('customerId', 'int4'),
  c('placedAt', 'timestamp'),
  c('status', 'text'),
  c('currency', 'text'),
  c('total', 'float8', 'insert'),
  c('itemCount', 'int4', 'insert'),
  c('updatedAt', 'timestamp', 'touch'),
];

export const ORDER_LINE_COLUMNS: Column[] = [
  c('orderId', 'int4', 'key'),
  c('lineNo', 'int4', 'key'),
  c('productId', 'int4'),
  c('sku', 'text'),
  c('quantity', 'int4'),
  c('unitPrice', 'float8'),
  c('total', 'float8'),
];

/** The Product columns an import writes, given the import fields it maps (unmapped fields are left untouched). */
export function productColumns(fields: Iterable<string>): Column[] {
  const cols = [c('sku', 'text', 'key')];
  for (const f of fields) if (PRODUCT_FIELD_COLUMNS[f]) cols.push(PRODUCT_FIELD_COLUMNS[f]);
  return [...cols, c('createdAt', 'timestamp', 'insert'), c('updatedAt', 'timestamp', 'touch')];
}

export function customerColumns(fields: Iterable<string>): Column[] {
  const cols = [c('externalId', 'text', 'key')];
  let consent = false;
  for (const f of fields) {
    if (CUSTOMER_FIELD_COLUMNS[f]) cols.push(CUSTOMER_FIELD_COLUMNS[f]);
    if (f.startsWith('consent_')) consent = true;
  }
  if (consent) cols.push(c('consentUpdatedAt', 'timestamp', 'stamp'));
  return [...cols, c('createdAt', 'timestamp', 'insert'), c('updatedAt', 'timestamp', 'touch')];
}

const q = (n: string) => `"${n}"`;

function updateClause(table: string, cols: Column[], excluded: string, distinct: string) {
  const data = cols.filter((col) => col.role === 'data');
  const consent = data.filter((col) => col.name.startsWith('consent'));
  const consentChanged =
    consent.map((col) => `${q(table)}.${q(col.name)} ${distinct} ${excluded}.${q(col.name)}`).join(' OR ') || 'FALSE';
  const set = cols
    .filter((col) => col.role === 'data' || col.role === 'touch' || col.role === 'stamp')
    .map((col) =>
      col.role === 'stamp'
        ? `${q(col.name)} = CASE WHEN ${consentChanged} THEN ${excluded}.${q(col.name)} ELSE ${q(table)}.${q(col.name)} END`
        : `${q(col.name)} = ${excluded}.${q(col.name)}`,
    );
  const where = data.map((col) => `${q(table)}.${q(col.name)} ${distinct} ${excluded}.${q(col.name)}`).join(' OR ');
  const keys = cols
    .filter((col) => col.role === 'key')
    .map((col) => q(col.name))
    .join(', ');
  if (!where) return `ON CONFLICT (${keys}) DO NOTHING`;
  return `ON CONFLICT (${keys}) DO UPDATE SET ${set.join(', ')} WHERE ${where}`;
}

/**
 * SQLite: one row per statement, as an `INSERT OR IGNORE` and, when the key exists, an `UPDATE` guarded by
 * "some compared column differs". Single-row statements need no statement journal — a multi-row INSERT, or an
 * UPSERT on a table with foreign keys, journals every page it touches — and tell exactly which rows were inserted,
 * updated or unchanged. `updateParams` lists, for each `?` of the UPDATE, the column index whose value it takes.
 */
export function sqliteInsertUpdate(table: string, cols: Column[]) {
  const insert = `INSERT OR IGNORE INTO ${q(table)} (${cols.map((col) => q(col.name)).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
  const at = (role: ColumnRole) => cols.map((col, i) => ({ col, i })).filter((x) => x.col.role === role);
  const data = at('data');
  if (!data.length) return { insert, update: null, updateParams: [] as number[] };
  const params: number[] = [];
  const ref = (i: number) => {
    params.push(i);
    return '?';
  };
  const consent = data.filter((x) => x.col.name.startsWith('consent'));
  const set = [
    ...data.map((x) => `${q(x.col.name)} = ${ref(x.i)}`),
    ...at('touch').map((x) => `${q(x.col.name)} = ${ref(x.i)}`),
    ...at('stamp').map(
      (x) =>
        `${q(x.col.name)} = CASE WHEN ${consent.map((c) => `${q(c.col.name)} IS NOT ${ref(c.i)}`).join(' OR ') || 'FALSE'} THEN ${ref(x.i)} ELSE ${q(x.col.name)} END`,
    ),
  ];
  const where = at('key')
    .map((x) => `${q(x.col.name)} = ${ref(x.i)}`)
    .join(' AND ');
  const changed = data.map((x) => `${q(x.col.name)} IS NOT ${ref(x.i)}`).join(' OR ');
  return {
    insert,
    update: `UPDATE ${q(table)} SET ${set.join(', ')} WHERE ${where} AND (${changed})`,
    updateParams: params,
  };
}

const PG_ARRAY: Record<PgType, string> = {
  text: 'text[]',
  int4: 'int4[]',
  float8: 'float8[]',
  bool: 'bool[]',
  timestamp: 'timestamp(3)[]',
  jsonb: 'jsonb[]',
};

/**
 * PostgreSQL upsert from one array parameter per column (unnest), returning the key (`k`) of every row written and
 * whether it was inserted. "Event" is partitioned by month there, so its key is unique through the "EventKey" trigger
 * (prisma/postgresql/migrations/20261207140000_event_partitions), not through an index ON CONFLICT could name.
 */
export function pgUpsert(table: string, cols: Column[]) {
  return table === 'Event' ? pgTriggerKeyedUpsert(table, cols) : pgIndexUpsert(table, cols);
}

function pgIndexUpsert(table: string, cols: Column[]) {
  const params = cols.map((col, i) => `$${i + 1}::${PG_ARRAY[col.type]}`).join(', ');
  const key = cols
    .filter((col) => col.role === 'key')
    .map((col) => `${q(col.name)}::text`)
    .join(` || chr(1) || `);
  return `INSERT INTO ${q(table)} (${cols.map((col) => q(col.name)).join(', ')}) SELECT * FROM unnest(${params}) ${updateClause(table, cols, 'EXCLUDED', 'IS DISTINCT FROM')} RETURNING (xmax = 0) AS inserted, ${key} AS k`;
}

/**
 * The same upsert for a table whose insert trigger skips a row with a taken key: insert everything (the trigger keeps
 * existing keys out), and in the same statement update the rows that existed before it where a compared column
 * differs. Both parts read the snapshot from before the statement, so a row is never inserted and updated at once.
 */
function pgTriggerKeyedUpsert(table: string, cols: Column[]) {
  const params = cols.map((col, i) => `$${i + 1}::${PG_ARRAY[col.type]}`).join(', ');
  const names = cols.map((col) => q(col.name)).join(', ');
  const keys = cols.filter((col) => col.role === 'key');
  const data = cols.filter((col) => col.role === 'data' || col.role === 'touch');
  const compared = cols.filter((col) => col.role === 'data');
  if (cols.some((col) => col.role === 'stamp')) throw new Error(`pgUpsert: ${table} has no consent stamp`);
  const key = (alias: string) => keys.map((col) => `${alias}.${q(col.name)}::text`).join(' || chr(1) || ');
  const sameKey = keys.map((col) => `t.${q(col.name)} = i.${q(col.name)}`).join(' AND ');
  const changed = compared.map((col) => `t.${q(col.name)} IS DISTINCT FROM i.${q(col.name)}`).join(' OR ') || 'FALSE';
  return [
    `WITH i AS (SELECT * FROM unnest(${params}) AS u(${names})),`,
    `ins AS (INSERT INTO ${q(table)} (${names}) SELECT * FROM i RETURNING ${key(q(table))} AS k),`,
    `upd AS (UPDATE ${q(table)} t SET ${data.map((col) => `${q(col.name)} = i.${q(col.name)}`).join(', ')} FROM i`,
    `WHERE ${sameKey} AND ${key('i')} NOT IN (SELECT k FROM ins) AND (${changed}) RETURNING ${key('t')} AS k)`,
    'SELECT true AS inserted, k FROM ins UNION ALL SELECT false AS inserted, k FROM upd',
  ].join(' ');
}

/** Epoch ms → `timestamp(3)` text in UTC. */
export function pgTimestamp(ms: number | null) {
  return ms === null ? null : new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
}
