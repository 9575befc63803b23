/**
 * Building SQL text for either database with every value bound as a parameter. Fragments hold placeholder tokens
 * (never values); `finish` numbers them in text order — `?` for SQLite, `$n::type` for PostgreSQL, where the explicit
 * cast fixes the parameter's type. User text therefore never reaches the SQL string.
 */

export type SqlDialect = 'sqlite' | 'postgresql';
export type PgType = 'text' | 'float8' | 'int8' | 'numeric';

// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0001 delimits placeholder tokens; it never occurs in SQL text
const TOKEN = /\u0001(\d+)\u0001/g;

export class SqlBuilder {
  private readonly values: { value: unknown; type: PgType }[] = [];
  constructor(readonly dialect: SqlDialect) {}

  get isPg() {
    return this.dialect === 'postgresql';
  }

  /** A placeholder for a value of a PostgreSQL type. */
  param(value: unknown, type: PgType): string {
    this.values.push({ value, type });
    return `\u0001${this.values.length - 1}\u0001`;
  }

  text = (v: string) => this.param(v, 'text');
  num = (v: number) => this.param(v, 'float8');
  int = (v: number) => this.param(v, 'int8');
  /**
   * An instant given as epoch ms: stored as such on SQLite; on PostgreSQL (timestamp(3) holding UTC) built with exact
   * integer interval arithmetic, which PostgreSQL folds to a constant, so indexes on the column still apply.
   */
  time = (ms: number) => {
    if (!Number.isSafeInteger(ms)) throw new RangeError(`SqlBuilder.time: ${ms} is not a whole number of milliseconds`);
    return this.isPg
      ? `(TIMESTAMP '1970-01-01 00:00:00' + ${this.param(ms, 'int8')} * INTERVAL '1 millisecond')`
      : this.param(ms, 'int8');
  };

  /** Final SQL and parameter list. */
  finish(sql: string): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    if (!this.isPg) {
      const text = sql.replace(TOKEN, (_, k: string) => {
        params.push(sqliteValue(this.values[+k]!));
        return '?';
      });
      return { sql: text, params };
    }
    const number = new Map<number, number>();
    const text = sql.replace(TOKEN, (_, k: string) => {
      let n = number.get(+k);
      if (n === undefined) {
        const v = this.values[+k]!;
        params.push(pgValue(v));
        n = params.length;
        number.set(+k, n);
      }
      return `$${n}::${this.values[+k]!.type}`;
    });
    return { sql: text, params };
  }

  /** ASCII-only lower-casing of a text expression (SQLite's lower() is ASCII-only; PostgreSQL's is not). */
  fold(expr: string) {
    return this.isPg
      ? `translate(${expr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`
      : `lower(${expr})`;
  }

  /** A boolean column as a predicate. */
  isTrue(expr: string) {
    return this.isPg ? `${expr} = TRUE` : `${expr} = 1`;
  }
}

function sqliteValue(v: { value: unknown; type: PgType }) {
  return v.value;
}

function pgValue(v: { value: unknown; type: PgType }) {
  if (v.type === 'numeric' || v.type === 'float8' || v.type === 'int8') return String(v.value);
  return v.value;
}

/** Escapes LIKE wildcards so a value matches literally (used with ESCAPE '\'). */
export function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** A double-quoted identifier (Prisma keeps camelCase column names, which PostgreSQL needs quoted). */
export const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
