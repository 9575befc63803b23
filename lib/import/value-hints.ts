import { isColourWord } from './colour-words';
import { DateParser } from './dates';
import type { FieldSpec, ImportKind } from './fields';
import { normaliseEventType, normaliseOrderStatus } from './normalise';
import { normaliseGender, parseBoolean, parseNumber } from './values';

/** What a column's values look like, as far as a field cares. */
export type ValueKind =
  | 'identifier'
  | 'money'
  | 'integer'
  | 'boolean'
  | 'colour'
  | 'imageUrl'
  | 'categoryPath'
  | 'currencyCode'
  | 'date'
  | 'email'
  | 'phone'
  | 'eventType'
  | 'status'
  | 'gender'
  | 'year'
  | 'text';

/** How well a column's sample values fit a field: share of fitting values, and whether that is telling. */
export type ValueFit = { kind: ValueKind; share: number; distinctive: boolean; example: string };

export const ISO_CURRENCIES = new Set(
  (
    'USD EUR GBP CNY JPY KRW HKD TWD SGD MYR IDR THB VND PHP INR PKR BDT AUD NZD CAD MXN BRL ARS CLP COP PEN CHF SEK NOK ' +
    'DKK PLN CZK HUF RON BGN TRY RUB UAH ILS SAR AED QAR KWD BHD OMR EGP MAD NGN KES ZAR'
  ).split(' '),
);

const IMAGE_URL =
  /^(https?:)?\/\/\S+(\.(jpe?g|png|webp|gif|avif|bmp|svg)(\?\S*)?$|\/(images?|img|media|photos?|pictures?|cdn-cgi\/image)\/\S*)/i;
const PATH_SEPARATOR = /\s*(>|»|\||\/|›|＞|→)\s*/;
const IDENTIFIER = /^(?=.*\d)[A-Za-z0-9][A-Za-z0-9._\-/]{2,39}$/;
/** A product or customer code: letters and digits (`SKU-1042`, `B07XJ8C8F5`), or a number of 5+ digits (`90420332`). */
const isCode = (v: string) => IDENTIFIER.test(v) && !/^\d+[.,]\d+$/.test(v) && (/\p{L}/u.test(v) || /^\d{5,}$/.test(v));
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+?[\d\s\-().]{7,20}$/;
const dates = new DateParser();
const dmyDates = new DateParser({ order: 'dmy' });

function share(values: readonly string[], test: (v: string) => boolean) {
  return values.length ? values.filter(test).length / values.length : 0;
}

function distinctRatio(values: readonly string[]) {
  return values.length ? new Set(values.map((v) => v.toLowerCase())).size / values.length : 0;
}

const isText = (v: string) =>
  /\p{L}/u.test(v) && !/^(https?:)?\/\//i.test(v) && parseNumber(v) === null && parseBoolean(v) === null;

/** The value kind a field's values are checked against (null: any text fits). */
export function valueKindOf(spec: FieldSpec): ValueKind | null {
  const byKey: Record<string, ValueKind> = {
    color: 'colour',
    image_url: 'imageUrl',
    email: 'email',
    phone: 'phone',
    title: 'text',
    name: 'text',
    birth_year: 'year',
  };
  if (byKey[spec.key]) return byKey[spec.key]!;
  const byType: Partial<Record<FieldSpec['type'], ValueKind>> = {
    id: 'identifier',
    money: 'money',
    number: 'money',
    integer: 'integer',
    boolean: 'boolean',
    currency: 'currencyCode',
    date: 'date',
    category: 'categoryPath',
    eventType: 'eventType',
    status: 'status',
    gender: 'gender',
  };
  return byType[spec.type] ?? null;
}

/**
 * How well a column's non-empty sample values fit a value kind. `distinctive` says the values alone point at the
 * field (image URLs, yes/no words, colour words, prices with a currency symbol or decimals, category paths…).
 * @example columnFit('boolean', ['Ja', 'Nein', 'ja']) // { kind: 'boolean', share: 1, distinctive: true, example: 'Ja' }
 */
export function columnFit(kind: ValueKind, values: readonly string[]): ValueFit {
  const example = values[0] ?? '';
  const fit = (s: number, distinctive: boolean): ValueFit => ({
    kind,
    share: Math.round(s * 100) / 100,
    distinctive: distinctive && s >= 0.8,
    example,
  });
  switch (kind) {
    case 'identifier': {
      const s = share(values, (v) => v.length <= 64 && !/\s/.test(v.trim()) && !/^https?:/i.test(v));
      return fit(s, share(values, isCode) >= 0.9 && distinctRatio(values) >= 0.8 && values.length >= 3);
    }
    case 'money': {
      const parsed = values.map((v) => parseNumber(v) ?? parseNumber(v, ','));
      const telling = parsed.some((p, i) => p !== null && (p.currency !== null || /[.,]\d{1,2}$/.test(values[i]!)));
      return fit(parsed.filter(Boolean).length / Math.max(1, values.length), telling);
    }
    case 'integer': {
      const small = values.every((v) => /^\d{1,6}$/.test(v)) && values.some((v) => Number(v) > 1);
      const whole = (v: string) => {
        const n = parseNumber(v);
        return n !== null && Number.isInteger(n.value) && Math.abs(n.value) < 1e9;
      };
      return fit(share(values, whole), small && share(values, isCode) < 0.5);
    }
    case 'year':
      return fit(
        share(values, (v) => /^(19|20)\d\d(\D|$)/.test(v)),
        true,
      );
    case 'boolean':
      return fit(
        share(values, (v) => parseBoolean(v) !== null),
        new Set(values.map((v) => v.toLowerCase())).size <= 4,
      );
    case 'colour':
      return fit(share(values, isColourWord), true);
    case 'imageUrl':
      return fit(
        share(values, (v) => IMAGE_URL.test(v)),
        true,
      );
    case 'categoryPath':
      return fit(
        share(values, isText),
        share(values, (v) => v.split(PATH_SEPARATOR).filter((p) => /\p{L}/u.test(p)).length >= 2) >= 0.6,
      );
    case 'currencyCode':
      return fit(
        share(values, (v) => ISO_CURRENCIES.has(v.toUpperCase())),
        true,
      );
    case 'date':
      return fit(
        share(values, (v) => /[-/.:年]/.test(v) && (!Number.isNaN(dates.parse(v)) || !Number.isNaN(dmyDates.parse(v)))),
        true,
      );
    case 'email':
      return fit(
        share(values, (v) => EMAIL.test(v)),
        true,
      );
    case 'phone':
      return fit(
        share(values, (v) => PHONE.test(v) && v.replace(/\D/g, '').length >= 7),
        share(values, (v) => /[+\s-]/.test(v)) >= 0.8,
      );
    case 'eventType':
      return fit(
        share(values, (v) => normaliseEventType(v) !== null),
        true,
      );
    case 'status':
      return fit(
        share(values, (v) => normaliseOrderStatus(v) !== null),
        true,
      );
    case 'gender':
      return fit(
        share(values, (v) => ['female', 'male', 'other', 'unknown'].includes(normaliseGender(v))),
        distinctRatio(values) < 0.5,
      );
    case 'text': {
      const plain = values.filter((v) => isText(v) && v.split(PATH_SEPARATOR).length < 3 && !isColourWord(v));
      return fit(plain.length / Math.max(1, values.length), distinctRatio(values) >= 0.9 && values.length >= 3);
    }
  }
}

/**
 * Fields a column may be proposed for from its values alone, when no header matches (headers in a language the alias
 * lists do not cover), with the confidence that gives when every sample value fits telling values. From
 * MAP_THRESHOLD (0.7) on the column is mapped; a lower one is only suggested (a required field may still take it).
 */
export const VALUE_ONLY: Record<ImportKind, Record<string, number>> = {
  catalogue: {
    sku: 0.8,
    title: 0.55,
    price: 0.8,
    currency: 0.85,
    color: 0.8,
    stock: 0.7,
    active: 0.8,
    image_url: 0.85,
    category: 0.75,
  },
  customers: { email: 0.85, gender: 0.75, signup_date: 0.75, phone: 0.6, birth_year: 0.55 },
  orders: { order_date: 0.8, unit_price: 0.75, currency: 0.85, status: 0.75, quantity: 0.6 },
  events: { timestamp: 0.8, event_type: 0.8, currency: 0.85 },
};
