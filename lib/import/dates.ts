// Date and time parsing for imports: ISO 8601 with or without offset, `2011-12-09 12:50`, `12/9/2011 12:50` (month/day
// order per import, auto-detected from the data), `09.12.2011`, `2024年3月5日 14:30`, `9 Dec 2011`, RFC 2822, epoch
// seconds (below 10^11) or milliseconds (from 10^11; numbers below 10^8, i.e. before March 1973, are refused),
// `20240305`. Naive wall-clock times are read in the import's time zone and stored as UTC.

export type DateOrder = 'mdy' | 'dmy';

/** A number (or digits-only text) from this value up is epoch milliseconds; below it, epoch seconds. */
export const EPOCH_MS_FROM = 1e11;

/** How far past the present an event or order may be dated (clock skew, time zones); later ones are refused. */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

export type DateParserOptions = { order?: DateOrder; timezone?: string };

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

const TIME = String.raw`(\d{1,2})[:时点](\d{1,2})(?:[:分](\d{1,2})(?:[.,](\d+))?秒?)?分?\s*([AaPp]\.?[Mm]\.?)?`;
const ZONE = String.raw`(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)`;
const YMD = new RegExp(
  String.raw`^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?(?:(?:T|\s+)${TIME})?\s*${ZONE}?$`,
  'i',
);
const XYZ = new RegExp(
  String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?:(?:T|\s+|,\s*)${TIME})?\s*${ZONE}?$`,
  'i',
);
const NAMED_DMY = new RegExp(
  String.raw`^(?:[A-Za-z]{3},?\s+)?(\d{1,2})[\s-]([A-Za-z]{3,9})\.?[\s-,]+(\d{4})(?:(?:\s+|,\s*)${TIME})?\s*${ZONE}?$`,
  'i',
);
const NAMED_MDY = new RegExp(
  String.raw`^(?:[A-Za-z]{3},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:(?:\s+|,\s*)${TIME})?\s*${ZONE}?$`,
  'i',
);

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (y: number, m: number) =>
  m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : DAYS[m - 1]!;

function d2(s: string, i: number) {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function zoneMinutes(z: string | undefined): number | null {
  if (!z) return null;
  const u = z.toUpperCase();
  if (u === 'Z' || u === 'UTC' || u === 'GMT') return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

export class DateParser {
  /** Set by the last successful parse: the text carried its own UTC offset. */
  hadZone = false;
  /** Set by the last successful parse: the stored instant differs from the wall-clock text (offset or time zone). */
  shifted = false;
  /** Set when the last failure looked like the other day/month order. */
  orderHint = false;
  readonly order: DateOrder;
  readonly timezone: string;
  private readonly fmt: Intl.DateTimeFormat | null;
  private readonly offsets = new Map<number, number>();

  constructor(opts: DateParserOptions = {}) {
    this.order = opts.order ?? 'mdy';
    this.timezone = opts.timezone ?? 'UTC';
    // Throws RangeError for an unknown IANA zone name.
    this.fmt =
      this.timezone === 'UTC'
        ? null
        : new Intl.DateTimeFormat('en-US', {
            timeZone: this.timezone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          });
  }

  /** Offset of the import's zone at an instant, in ms, cached per hour. */
  private offsetAt(utcMs: number) {
    const hour = Math.floor(utcMs / 3_600_000);
    let off = this.offsets.get(hour);
    if (off === undefined) {
      const p: Record<string, number> = {};
      for (const part of this.fmt!.formatToParts(new Date(hour * 3_600_000)))
        if (part.type !== 'literal') p[part.type] = Number(part.value);
      off = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - hour * 3_600_000;
      if (this.offsets.size > 100_000) this.offsets.clear();
      this.offsets.set(hour, off);
    }
    return off;
  }

  private build(
    y: number,
    mo: number,
    d: number,
    h: number,
    mi: number,
    s: number,
    ms: number,
    zone: number | null,
  ): number {
    if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 60)
      return NaN;
    const wall = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms);
    this.hadZone = zone !== null;
    if (zone !== null) {
      this.shifted = zone !== 0;
      return wall - zone * 60_000;
    }
    if (!this.fmt) {
      this.shifted = false;
      return wall;
    }
    const o1 = this.offsetAt(wall);
    const o2 = this.offsetAt(wall - o1);
    this.shifted = o2 !== 0;
    return wall - o2;
  }

  /** Epoch milliseconds (UTC), or NaN when the text is not a date. */
  parse(text: string): number {
    this.orderHint = false;
    const s = text.length && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32) ? text.trim() : text;
    const n = s.length;
    // Fast path: YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|±HH:MM]
    if (n >= 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
      const y = d2(s, 0) * 100 + d2(s, 2);
      const mo = d2(s, 5);
      const d = d2(s, 8);
      if (y >= 0 && mo >= 0 && d >= 0) {
        if (n === 10) return this.build(y, mo, d, 0, 0, 0, 0, null);
        const t = s.charCodeAt(10);
        if ((t === 84 || t === 32) && n >= 16 && s.charCodeAt(13) === 58) {
          const h = d2(s, 11);
          const mi = d2(s, 14);
          let i = 16;
          let sec = 0;
          let ms = 0;
          if (s.charCodeAt(i) === 58) {
            sec = d2(s, 17);
            i = 19;
            if (s.charCodeAt(i) === 46) {
              let k = i + 1;
              let scale = 100;
              while (k < n && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) {
                ms += (s.charCodeAt(k) - 48) * scale;
                scale /= 10;
                k++;
              }
              if (k === i + 1) ms = -1;
              i = k;
              ms = Math.floor(ms);
            }
          }
          if (h >= 0 && mi >= 0 && sec >= 0 && ms >= 0) {
            if (i === n) return this.build(y, mo, d, h, mi, sec, ms, null);
            if (i === n - 1 && s.charCodeAt(i) === 90) return this.build(y, mo, d, h, mi, sec, ms, 0);
            const z = s.slice(i).trim();
            if (/^(Z|UTC|GMT|[+-]\d{2}(:?\d{2})?)$/i.test(z))
              return this.build(y, mo, d, h, mi, sec, ms, zoneMinutes(z));
          }
        }
      }
    }
    return this.slow(s);
  }

  private time(m: RegExpExecArray, at: number): [number, number, number, number] | null {
    if (m[at] === undefined) return [0, 0, 0, 0];
    let h = Number(m[at]);
    const mi = Number(m[at + 1]);
    const sec = m[at + 2] ? Number(m[at + 2]) : 0;
    const ms = m[at + 3] ? Math.floor(Number(`0.${m[at + 3]}`) * 1000) : 0;
    const ampm = m[at + 4]?.toLowerCase().replaceAll('.', '');
    if (ampm) {
      if (h < 1 || h > 12) return null;
      h = (h % 12) + (ampm === 'pm' ? 12 : 0);
    }
    return [h, mi, sec, ms];
  }

  private slow(s: string): number {
    if (/^\d+(\.\d+)?$/.test(s)) {
      if (/^\d{8}$/.test(s))
        return this.build(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)), 0, 0, 0, 0, null);
      if (/^\d{14}$/.test(s))
        return this.build(
          Number(s.slice(0, 4)),
          Number(s.slice(4, 6)),
          Number(s.slice(6, 8)),
          Number(s.slice(8, 10)),
          Number(s.slice(10, 12)),
          Number(s.slice(12, 14)),
          0,
          null,
        );
      const v = Number(s);
      this.hadZone = true;
      this.shifted = false;
      // epoch time: seconds below 10^11, milliseconds from 10^11 (the events API reads JSON numbers the same way)
      if (v < 1e8) return NaN;
      return Math.round(v < EPOCH_MS_FROM ? v * 1000 : v);
    }
    let m = YMD.exec(s);
    if (m) {
      const t = this.time(m, 4);
      return t ? this.build(Number(m[1]), Number(m[2]), Number(m[3]), t[0], t[1], t[2], t[3], zoneMinutes(m[9])) : NaN;
    }
    m = XYZ.exec(s);
    if (m) {
      const a = Number(m[1]);
      const b = Number(m[3]);
      let y = Number(m[4]);
      if (m[4]!.length === 2) y += y < 70 ? 2000 : 1900;
      const dmy = m[2] === '.' || this.order === 'dmy';
      const [mo, d] = dmy ? [b, a] : [a, b];
      const t = this.time(m, 5);
      if (!t) return NaN;
      const v = this.build(y, mo, d, t[0], t[1], t[2], t[3], zoneMinutes(m[10]));
      if (Number.isNaN(v) && mo > 12 && d <= 12) this.orderHint = true;
      return v;
    }
    const dmyNamed = NAMED_DMY.exec(s);
    m = dmyNamed ?? NAMED_MDY.exec(s);
    if (m) {
      const [dayText, monText] = dmyNamed ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
      const mo = MONTHS[monText.toLowerCase()];
      const t = this.time(m, 4);
      if (!mo || !t) return NaN;
      return this.build(Number(m[3]), mo, Number(dayText), t[0], t[1], t[2], t[3], zoneMinutes(m[9]));
    }
    return NaN;
  }
}

export type DateOrderDetection = {
  order: DateOrder;
  evidence: 'dmy' | 'mdy' | 'ambiguous' | 'conflicting' | 'none';
  note: string;
};

/**
 * Decides day/month order from values like `12/9/2011`: a first number above 12 proves d/m/y, a second above 12
 * proves m/d/y. Without proof it keeps m/d/y and says so (the import report shows the note).
 */
export function detectDateOrder(values: Iterable<string>): DateOrderDetection {
  let dmy = 0;
  let mdy = 0;
  let slashed = 0;
  for (const v of values) {
    const m = /^\s*(\d{1,2})[-/](\d{1,2})[-/](\d{2}|\d{4})\b/.exec(v);
    if (!m) continue;
    slashed++;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) dmy++;
    else if (b > 12 && a <= 12) mdy++;
  }
  if (slashed === 0) return { order: 'mdy', evidence: 'none', note: 'no day/month dates seen' };
  if (dmy && !mdy)
    return { order: 'dmy', evidence: 'dmy', note: `day/month/year: ${dmy} sampled dates have a first number above 12` };
  if (mdy && !dmy)
    return {
      order: 'mdy',
      evidence: 'mdy',
      note: `month/day/year: ${mdy} sampled dates have a second number above 12`,
    };
  if (mdy && dmy) {
    const order = dmy > mdy ? 'dmy' : 'mdy';
    return {
      order,
      evidence: 'conflicting',
      note: `sampled dates disagree (${dmy} look d/m/y, ${mdy} look m/d/y); using ${order === 'dmy' ? 'd/m/y' : 'm/d/y'}`,
    };
  }
  return {
    order: 'mdy',
    evidence: 'ambiguous',
    note: `all ${slashed} sampled day/month dates are ambiguous; assuming month/day/year (set the date order option if wrong)`,
  };
}
