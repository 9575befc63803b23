import { Prisma } from './generated/sqlite/client';
import { databaseUrl, isPostgres } from './url';

/**
 * The few places SQLite and PostgreSQL differ in analytic SQL. On SQLite, DateTime columns hold epoch
 * milliseconds; on PostgreSQL they are timestamp(3) in UTC. Queries select times as epoch-ms numbers on both.
 */
export const IS_PG = isPostgres(databaseUrl());

/** A column of a table quoted for either database (Prisma keeps camelCase names quoted on PostgreSQL). */
export const col = (table: string, column: string) => Prisma.raw(`"${table}"."${column}"`);

/** A time parameter in the column's storage form. */
export const timeParam = (d: Date | number) => {
  const ms = typeof d === 'number' ? d : d.getTime();
  return IS_PG ? new Date(ms) : ms;
};

/** An expression giving a DateTime column as epoch milliseconds (a number on both databases). */
export const epochMs = (expr: Prisma.Sql) => (IS_PG ? Prisma.sql`(extract(epoch from ${expr}) * 1000)::float8` : expr);

/** Monday 00:00 UTC of the week containing a DateTime column, as epoch milliseconds. */
export const weekStartMs = (expr: Prisma.Sql) =>
  IS_PG
    ? Prisma.sql`(extract(epoch from date_trunc('week', ${expr})) * 1000)::float8`
    : // 1970-01-05 was a Monday: shift by 4 days so integer weeks start on Mondays.
      Prisma.sql`(((${expr} - 345600000) / 604800000) * 604800000 + 345600000)`;

/** 00:00 UTC of the day containing a DateTime column, as epoch milliseconds. */
export const dayStartMs = (expr: Prisma.Sql) =>
  IS_PG
    ? Prisma.sql`(extract(epoch from date_trunc('day', ${expr})) * 1000)::float8`
    : Prisma.sql`((${expr} / 86400000) * 86400000)`;

/** Raw numbers come back as bigint/Decimal/string depending on driver: normalise. */
export const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** Case-insensitive LIKE on either database. */
export const ilike = IS_PG ? Prisma.raw('ILIKE') : Prisma.raw('LIKE');
