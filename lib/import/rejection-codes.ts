import { CSV_REJECTIONS } from '../csv/record-error';
import { messageIn, type MessageParams } from '../i18n/message-ref';

/** Codes the row validators and import pipelines give a rejected row. */
export const ROW_REJECTIONS = [
  'tooFewFields',
  'tooManyFields',
  'required',
  'idTooLong',
  'notNumber',
  'notWholeNumber',
  'outOfRange',
  'notBoolean',
  'invalidDate',
  'invalidDateDmy',
  'invalidDateMdy',
  'futureTimestamp',
  'invalidCurrency',
  'currencyMismatch',
  'noExchangeRate',
  'invalidEmail',
  'birthYearRange',
  'unknownOrderStatus',
  'lineNoTooSmall',
  'unknownEventType',
  'purchaseQuantity',
  'negativePrice',
  'variantWithoutCampaign',
  'negativeProductPrice',
  'categoryZhWithoutCategory',
  'categoryZhLevels',
  'imageNotAbsolute',
  'imageNotHttps',
  'imageCredentials',
  'duplicateCustomer',
  'duplicateProduct',
  'duplicateEvent',
  'duplicateEventId',
  'duplicateOrderLine',
  'orderDisagrees',
  'orderMixesReturns',
  'unknownCustomer',
  'unknownSku',
  'unknownCampaign',
  'unknownVariant',
] as const;

/** Codes of the events API's own checks (an event that is not a valid JSON object) and of campaign outcome uploads. */
export const API_REJECTIONS = ['invalidEventField'] as const;
export const OUTCOME_REJECTIONS = [
  'notOutcome',
  'outcomeBadDate',
  'outcomeBadValue',
  'outcomeNoCustomer',
  'outcomeUnknownCustomer',
  'notInAudience',
  'wrongVariant',
  'holdoutOutcome',
] as const;

/** Every code an imported row can be rejected with; each is the catalogue message `importRejections.<code>`. */
export const IMPORT_REJECTIONS = [...CSV_REJECTIONS, ...ROW_REJECTIONS, ...API_REJECTIONS, ...OUTCOME_REJECTIONS];
export type RejectionCode = (typeof IMPORT_REJECTIONS)[number];

/**
 * Message parameters of a rejection. Line numbers and years are passed as text (numbers get digit grouping); a
 * parameter may itself be a message (what a validator said about an events-API field).
 */
export type RejectionParams = MessageParams;

/** A rejection's code and parameters with its English text, the `reason` stored and sent to API clients. */
export type CodedReason = { code: RejectionCode; params: RejectionParams; reason: string };

/** @example codedReason('required', { field: 'sku' }).reason // 'sku is required but the cell is empty' */
export function codedReason(code: RejectionCode, params: RejectionParams = {}): CodedReason {
  return { code, params, reason: messageIn('en', { key: `importRejections.${code}`, params }) };
}
