import { messageIn } from '../i18n/message-ref';

/** Codes of the records the tokenizer cannot read (catalogue `importRejections.<code>`). */
export const CSV_REJECTIONS = [
  'unterminatedQuote',
  'malformedQuote',
  'fieldTooLarge',
  'invalidEncoding',
  'rowTooLarge',
  'fieldOverLimit',
  'rowOverLimit',
] as const;
export type CsvRejectionCode = (typeof CSV_REJECTIONS)[number];

/** Why a record cannot be read: its code and parameters, the English text, and the column (0-based) when known. */
export type CsvRecordError = {
  reason: string;
  code: CsvRejectionCode;
  params: Record<string, string | number>;
  column?: number;
};

/** The error of an unreadable record, its English text made from the catalogue. */
export function recordError(
  code: CsvRejectionCode,
  params: Record<string, string | number>,
  column?: number,
): CsvRecordError {
  const reason = messageIn('en', { key: `importRejections.${code}`, params });
  return column === undefined ? { reason, code, params } : { reason, code, params, column };
}
