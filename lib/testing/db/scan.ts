// Test support: finds personal data left anywhere — every table of the database catalogue, every file of a folder.
import fs from 'node:fs';
import path from 'node:path';
import { db } from '@/lib/db/client';
import { IS_PG } from '@/lib/db/dialect';

export type Hit = { where: string; needle: string; count: number };

/** Every user table and its columns, read from the database's own catalogue (not from the Prisma schema). */
export async function catalogueColumns(): Promise<Map<string, { name: string; type: string }[]>> {
  const out = new Map<string, { name: string; type: string }[]>();
  if (IS_PG) {
    const rows = await db.$queryRawUnsafe<{ t: string; c: string; ty: string }[]>(
      `SELECT table_name AS t, column_name AS c, data_type AS ty FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, ordinal_position`,
    );
    for (const r of rows) out.set(r.t, [...(out.get(r.t) ?? []), { name: r.c, type: r.ty }]);
    return out;
  }
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
  );
  for (const { name } of tables) {
    const cols = await db.$queryRawUnsafe<{ name: string; type: string }[]>(`PRAGMA table_info("${name}")`);
    out.set(
      name,
      cols.map((c) => ({ name: c.name, type: c.type })),
    );
  }
  return out;
}

/**
 * Counts, per table and column, the rows whose value (as text) contains one of `needles`, and the rows whose
 * customer-reference column (a column named like `customerId`) equals `customerId`, or whose text holds
 * `"customerId":<id>`.
 */
export async function scanDatabase(needles: readonly string[], customerId: number): Promise<Hit[]> {
  const hits: Hit[] = [];
  const like = IS_PG ? 'ILIKE' : 'LIKE';
  for (const [table, cols] of await catalogueColumns()) {
    for (const col of cols) {
      const asText = `CAST("${col.name}" AS TEXT)`;
      const checks: [string, string, unknown[]][] = needles.map((n) => [n, `${asText} ${like} $1`, [`%${n}%`]]);
      if (/customer/i.test(col.name))
        checks.push([`${col.name}=${customerId}`, `${asText} = $1`, [String(customerId)]]);
      checks.push([
        `"customerId":${customerId}`,
        `REPLACE(${asText}, ' ', '') ${like} $1`,
        [`%"customerId":${customerId}%`],
      ]);
      for (const [needle, where, params] of checks) {
        const sql = `SELECT COUNT(*) AS n FROM "${table}" WHERE ${IS_PG ? where : where.replace('$1', '?')}`;
        const [row] = await db.$queryRawUnsafe<{ n: bigint | number }[]>(sql, ...params);
        const count = Number(row?.n ?? 0);
        if (count > 0) hits.push({ where: `${table}.${col.name}`, needle, count });
      }
    }
  }
  return hits;
}

/** Files under `dir` (any type, recursively) containing one of `needles` as UTF-8 bytes (e-mails compared lower-case). */
export function scanFiles(dir: string, needles: readonly string[]): Hit[] {
  const hits: Hit[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) {
        const bytes = fs.readFileSync(p);
        const lower = Buffer.from(bytes.toString('latin1').toLowerCase(), 'latin1');
        for (const n of needles) {
          if (bytes.includes(Buffer.from(n, 'utf8')) || lower.includes(Buffer.from(n.toLowerCase(), 'utf8')))
            hits.push({ where: p, needle: n, count: 1 });
        }
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return hits;
}
