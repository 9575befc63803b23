import type {
  BehaviourFilter,
  Comparison,
  Frequency,
  OrdersCondition,
  TimeWindow,
  ValueType,
} from '@/lib/schemas/segment';

/**
 * The meaning of each comparison, written once as plain data (`Predicate`) and shared by the SQL compiler, the
 * in-memory evaluator and the columnar index, so the three cannot drift apart. Every predicate is two-valued: an
 * empty value (null, missing, or '') fails every positive test, and a negated predicate is its exact complement.
 */

export const DAY_MS = 86_400_000;

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** How far the wall clock of `timeZone` (an IANA name) is ahead of UTC at the instant `ms`, in ms. */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  let fmt = wallClocks.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClocks.set(timeZone, fmt);
  }
  const part: Record<string, number> = {};
  for (const p of fmt.formatToParts(ms)) if (p.type !== 'literal') part[p.type] = Number(p.value);
  const wall = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * 00:00 of a `YYYY-MM-DD` day in `timeZone` (the shop's), as epoch ms. Days are the shop's calendar days, so
 * "between 2026-11-01 and 2026-11-11" in Shanghai starts at 2026-10-31T16:00Z.
 * @example dayStartMs('2026-11-11', 'Asia/Shanghai') // Date.UTC(2026, 10, 10, 16)
 */
export function dayStartMs(day: string, timeZone = 'UTC'): number {
  const utc = Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
  // Two steps settle the offset at the local midnight itself, also on days the offset changes (DST).
  const guess = utc - zoneOffsetMs(utc, timeZone);
  return utc - zoneOffsetMs(guess, timeZone);
}

/** The calendar day of an instant in `timeZone`, `YYYY-MM-DD`. */
export function dayOf(ms: number, timeZone = 'UTC'): string {
  return new Date(ms + zoneOffsetMs(ms, timeZone)).toISOString().slice(0, 10);
}

/** Lower-cases ASCII letters only: what SQLite's LIKE and lower() do, and what we do on PostgreSQL with translate(). */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** Inclusive bounds on a number, a time (epoch ms) or a day string; open ends are null. */
export type Bound<T> = { value: T; inclusive: boolean } | null;

export type Predicate =
  | { kind: 'empty'; negate: boolean }
  | { kind: 'set'; values: (string | number)[]; negate: boolean }
  | { kind: 'range'; lo: Bound<number | string>; hi: Bound<number | string>; negate: boolean }
  | { kind: 'text'; mode: 'contains' | 'starts_with' | 'ends_with'; needle: string; negate: boolean }
  | { kind: 'bool'; value: boolean };

/**
 * How values of a field are compared: `number`, `time` (epoch ms; date operators mean UTC days),
 * `day` (a `YYYY-MM-DD` text compared as text, for custom date attributes), `string`, `boolean`.
 * `foldValues` lower-cases ASCII in the condition's values (email domains).
 */
export type FieldKind = 'number' | 'time' | 'day' | 'string' | 'boolean';

export function fieldKind(valueType: ValueType, isCustom: boolean): FieldKind {
  if (valueType === 'date') return isCustom ? 'day' : 'time';
  return valueType;
}

const inc = <T>(value: T): Bound<T> => ({ value, inclusive: true });
const exc = <T>(value: T): Bound<T> => ({ value, inclusive: false });

/** Turns a validated comparison into a predicate, resolving dates against `now`. */
export function toPredicate(
  c: Comparison,
  kind: FieldKind,
  now: number,
  foldValues = false,
  timeZone = 'UTC',
): Predicate {
  const v = c.value;
  const fold = (x: unknown) => (foldValues && typeof x === 'string' ? asciiLower(x) : (x as string | number));
  switch (c.op) {
    case 'is_empty':
      return { kind: 'empty', negate: false };
    case 'is_not_empty':
      return { kind: 'empty', negate: true };
    case 'is_true':
      return { kind: 'bool', value: true };
    case 'is_false':
      return { kind: 'bool', value: false };
    case 'contains':
    case 'not_contains':
    case 'starts_with':
    case 'ends_with':
      return {
        kind: 'text',
        mode: c.op === 'not_contains' ? 'contains' : c.op,
        needle: asciiLower(v as string),
        negate: c.op === 'not_contains',
      };
    case 'in':
    case 'not_in':
      return { kind: 'set', values: (v as (string | number)[]).map(fold), negate: c.op === 'not_in' };
  }
  if (kind === 'time' || kind === 'day') return datePredicate(c, kind, now, timeZone);
  switch (c.op) {
    case 'eq':
    case 'neq':
      return { kind: 'set', values: [fold(v)], negate: c.op === 'neq' };
    case 'lt':
      return { kind: 'range', lo: null, hi: exc(v as number), negate: false };
    case 'lte':
      return { kind: 'range', lo: null, hi: inc(v as number), negate: false };
    case 'gt':
      return { kind: 'range', lo: exc(v as number), hi: null, negate: false };
    case 'gte':
      return { kind: 'range', lo: inc(v as number), hi: null, negate: false };
    case 'between':
      return { kind: 'range', lo: inc((v as number[])[0]!), hi: inc((v as number[])[1]!), negate: false };
  }
  throw new RangeError(`toPredicate: operator ${c.op} does not apply to ${kind}`);
}

/**
 * Date operators on whole days of the shop's time zone. On a timestamp: `lte D` means before the end of day D, `eq D` within day D.
 * On a day text (custom attribute): plain text comparison with the day. `in_last_days N` is the rolling window
 * [now − N days, now] (on a day text: from the day of now − N days to today); `more_than_days_ago N` is before
 * now − N days.
 */
function datePredicate(c: Comparison, kind: 'time' | 'day', now: number, timeZone: string): Predicate {
  const v = c.value;
  const start = (d: string) => (kind === 'time' ? dayStartMs(d, timeZone) : d);
  const next = (d: string) => (kind === 'time' ? dayStartMs(nextDay(d), timeZone) : null);
  const dayLo = (d: string): Bound<number | string> => inc(start(d));
  const dayHi = (d: string): Bound<number | string> => (kind === 'time' ? exc(next(d)!) : inc(d));
  switch (c.op) {
    case 'eq':
    case 'neq':
      return { kind: 'range', lo: dayLo(v as string), hi: dayHi(v as string), negate: c.op === 'neq' };
    case 'lt':
      return { kind: 'range', lo: null, hi: exc(start(v as string)), negate: false };
    case 'lte':
      return { kind: 'range', lo: null, hi: dayHi(v as string), negate: false };
    case 'gt':
      return {
        kind: 'range',
        lo: kind === 'time' ? inc(next(v as string)!) : exc(v as string),
        hi: null,
        negate: false,
      };
    case 'gte':
      return { kind: 'range', lo: dayLo(v as string), hi: null, negate: false };
    case 'between':
      return { kind: 'range', lo: dayLo((v as string[])[0]!), hi: dayHi((v as string[])[1]!), negate: false };
    case 'in_last_days': {
      const from = now - (v as number) * DAY_MS;
      return kind === 'time'
        ? { kind: 'range', lo: inc(from), hi: inc(now), negate: false }
        : { kind: 'range', lo: inc(dayOf(from, timeZone)), hi: inc(dayOf(now, timeZone)), negate: false };
    }
    case 'more_than_days_ago': {
      const before = now - (v as number) * DAY_MS;
      return { kind: 'range', lo: null, hi: exc(kind === 'time' ? before : dayOf(before, timeZone)), negate: false };
    }
  }
  throw new RangeError(`toPredicate: operator ${c.op} does not apply to dates`);
}

export type FieldValue = string | number | boolean | null;

const isEmpty = (x: FieldValue) => x === null || x === '';

/** Tests one value (already in the field's canonical form, e.g. a lower-cased email domain). */
export function testPredicate(p: Predicate, x: FieldValue): boolean {
  if (p.kind === 'empty') return isEmpty(x) !== p.negate;
  if (p.kind === 'bool') return x === p.value;
  if (isEmpty(x)) return p.negate;
  let hit: boolean;
  if (p.kind === 'set') hit = p.values.some((v) => v === x);
  else if (p.kind === 'text') {
    const s = asciiLower(String(x));
    hit =
      p.mode === 'contains'
        ? s.includes(p.needle)
        : p.mode === 'starts_with'
          ? s.startsWith(p.needle)
          : s.endsWith(p.needle);
  } else hit = inBounds(x as number | string, p.lo, p.hi);
  return hit !== p.negate;
}

export function inBounds(x: number | string, lo: Bound<number | string>, hi: Bound<number | string>): boolean {
  if (lo && (lo.inclusive ? x < lo.value : x <= lo.value)) return false;
  if (hi && (hi.inclusive ? x > hi.value : x >= hi.value)) return false;
  return true;
}

/** The day after a `YYYY-MM-DD` day. */
function nextDay(day: string): string {
  return new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) + DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/** Inclusive epoch-ms bounds of a time window (null = open); dates are whole days of `timeZone`. */
export function windowRange(
  w: TimeWindow | undefined,
  now: number,
  timeZone = 'UTC',
): { from: number | null; to: number | null } {
  if (!w || w.type === 'all_time') return { from: null, to: null };
  if (w.type === 'last_days') return { from: now - w.days * DAY_MS, to: now };
  return { from: dayStartMs(w.from, timeZone), to: dayStartMs(nextDay(w.to), timeZone) - 1 };
}

/** The accepted counts [lo, hi] of a frequency (hi = Infinity when open). Default: at least once. */
export function frequencyRange(f: Frequency | undefined): [number, number] {
  if (!f) return [1, Infinity];
  if (f.op === 'between') return [f.value[0], f.value[1]];
  if (f.op === 'at_least') return [f.value, Infinity];
  if (f.op === 'at_most') return [0, f.value];
  return [f.value, f.value];
}

/** Whether a product-level filter is present (purchases then need a matching order line). */
export const hasProductFilter = (f: BehaviourFilter | undefined) =>
  f !== undefined && (f.productId !== undefined || f.categoryId !== undefined || f.brand !== undefined);

/** Order aggregate predicate: the metric's value for a customer with no order in the window is 0 (count, revenue) or empty (aov). */
export function ordersPredicate(c: OrdersCondition): Predicate {
  return toPredicate({ op: c.op, value: c.value }, 'number', 0);
}

export function metricOf(metric: OrdersCondition['metric'], count: number, revenue: number): number | null {
  if (metric === 'count') return count;
  if (metric === 'revenue') return revenue;
  return count === 0 ? null : revenue / count;
}

/** JSON number text without exponent: what a custom "number" attribute accepts when stored as a string (CSV imports). */
export const NUMBER_TEXT = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;
export const TRUE_TEXTS = ['true', 'yes', '1'];
export const FALSE_TEXTS = ['false', 'no', '0'];
export const DAY_TEXT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}/;

/**
 * A custom attribute read as a type: JSON values of that type, or strings that spell one (imports store every
 * attribute as text): numbers as JSON number text, booleans as true/false/yes/no/1/0 (any ASCII case), dates as text
 * starting YYYY-MM-DD (the first 10 characters are used). Anything else is empty.
 */
export function customValue(attributes: unknown, key: string, type: ValueType): FieldValue {
  if (
    attributes === null ||
    typeof attributes !== 'object' ||
    Array.isArray(attributes) ||
    !Object.hasOwn(attributes, key)
  )
    return null;
  const v = (attributes as Record<string, unknown>)[key];
  switch (type) {
    case 'string':
      return typeof v === 'string' ? v : null;
    case 'number':
      return typeof v === 'number' ? v : typeof v === 'string' && NUMBER_TEXT.test(v) ? Number(v) : null;
    case 'boolean': {
      if (typeof v === 'boolean') return v;
      if (typeof v !== 'string') return null;
      const l = asciiLower(v);
      return TRUE_TEXTS.includes(l) ? true : FALSE_TEXTS.includes(l) ? false : null;
    }
    case 'date':
      return typeof v === 'string' && DAY_TEXT.test(v) ? v.slice(0, 10) : null;
  }
}

/** The part of an e-mail address after the first "@", ASCII lower-cased; null without an "@". */
export function emailDomainOf(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.indexOf('@');
  return at < 0 ? null : asciiLower(email.slice(at + 1));
}
