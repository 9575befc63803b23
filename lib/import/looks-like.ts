import { DateParser } from './dates';
import type { FieldType } from './fields';
import { normaliseEventType, normaliseOrderStatus } from './normalise';
import { parseBoolean, parseCurrency, parseNumber } from './values';

const dates = new DateParser();

/** Whether a sample value could belong to a field of this type (used to weigh mapping proposals). */
export function looksLike(type: FieldType, value: string): boolean {
  switch (type) {
    case 'number':
    case 'money':
      return parseNumber(value) !== null || parseNumber(value, ',') !== null;
    case 'integer': {
      const n = parseNumber(value);
      return n !== null && Number.isInteger(n.value);
    }
    case 'date':
      return !Number.isNaN(dates.parse(value)) || !Number.isNaN(new DateParser({ order: 'dmy' }).parse(value));
    case 'boolean':
      return parseBoolean(value) !== null;
    case 'currency':
      return parseCurrency(value) !== null;
    case 'eventType':
      return normaliseEventType(value) !== null;
    case 'status':
      return normaliseOrderStatus(value) !== null;
    default:
      return true;
  }
}
