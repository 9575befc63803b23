/**
 * The erasure plan: what erasing a customer does to each table. Every model of the schema is listed exactly once —
 * in ERASURE_PLAN (it can hold a customer reference), or in NO_CUSTOMER_DATA / STAFF_ONLY with the reason it cannot.
 * `plan.test.ts` reads the Prisma data model and fails when a model is added without being classified here, or when a
 * model with a customer-like field (customerId, email, phone, …) is declared free of customer data.
 */
export const ERASURE_PLAN = {
  Customer: 'row deleted (no tombstone keeps any identifier; a re-import creates a new customer without consent)',
  ErasedIdentifier:
    'written on erasure: keyed pseudonyms (HMAC) of the e-mail and phone, never the values, so a re-import gets no consent',
  CustomerProfile: 'row deleted (portrait, RFM, CLV, embedding)',
  CustomerTag: 'rows deleted (tag memberships and their reasons)',
  Event: 'rows deleted',
  Order: 'kept for revenue totals, moved to the anonymous "erased customers" holder, order number replaced',
  OrderLine: 'kept with its anonymised order (product, quantity, price: no personal data)',
  CampaignAssignment: 'rows deleted',
  CampaignOutcome: 'rows deleted',
  ImportError: 'rows whose raw line names the customer deleted',
  ImportJob: 'uploaded file rewritten without the customer’s rows; the import stays as a report',
  Job: 'payload, result, note and error text: identifiers replaced by their pseudonym',
  IdempotencyRecord: 'records whose stored response names the customer deleted',
  AuditLog: 'identifiers are pseudonymised when written, so entries (and the hash chain) stay as they are',
  ErasureRequest: 'customer number cleared in the same transaction as the erasure',
  ErasureReceipt: 'holds only the keyed pseudonym and counts',
  EmailSend: 'rows deleted (the per-recipient send record)',
  SurveyResponse: 'rows deleted (score, comment and the change window)',
  FlowEnrollment: 'rows deleted (the customer’s passes through flows)',
  FlowStepRun: 'rows deleted with their enrollment (what each flow step did for the customer)',
  EmailSuppression: 'the address is removed from the suppression list (a re-imported address starts without consent)',
  DataQualityExample: 'example rows of the data-quality report that belong to the customer deleted (counts stay)',
} as const;

export const NO_CUSTOMER_DATA = {
  ApiKey: 'storefront keys',
  AuditChainHead: 'sequence number and hash',
  Setting: 'shop settings',
  CurrencyRate: 'exchange rates',
  Tag: 'tag definitions',
  TagCoverage: 'daily counts per tag',
  Category: 'catalogue',
  Product: 'catalogue',
  ProductCategory: 'catalogue',
  Segment: 'segment definitions (rules over attributes, not people)',
  SegmentSnapshot: 'sizes only; membership is computed live from the customer tables',
  Campaign: 'campaign settings',
  CampaignVariant: 'variant content',
  RecModelRun: 'run metadata; the model files are rewritten without the customer, then retrained (see erasure README)',
  ImportMappingMemory: 'column mappings of file headers',
  Survey: 'survey settings (scale, variant); answers are in SurveyResponse',
  Flow: 'flow definitions (trigger, steps and message text with merge fields) and scan positions',
  EmailTemplate: 'template text with merge fields, filled per customer only at send time',
  AssistantCall: 'prompts hold aggregates and vocabulary only (a test scans them for personal data)',
  PrivacyBudget: 'ε spent per period',
  PrivacyRelease: 'noisy aggregates only',
  DataQualityRun: 'counts per check and the newest time per source; example rows are in DataQualityExample',
} as const;

export const STAFF_ONLY = {
  User: 'accounts of the people who use Precisa, never customers',
  LoginThrottle: 'failed sign-ins of staff accounts and client addresses',
  RevokedSession: 'ended staff sessions',
} as const;

/** A field name that could hold a customer reference or a personal identifier. */
export const CUSTOMER_FIELD = /^(customer|customerId|customerExternalId|email|phone|externalId)$/i;

/**
 * Every column (outside the staff tables) whose name says it may hold a customer reference or identifier, and what
 * erasure does to it. `plan.test.ts` fails when such a column is added (to any table) without being listed here.
 */
export const CUSTOMER_COLUMNS = {
  'Customer.externalId': 'deleted with the row',
  'Customer.email': 'deleted with the row; its keyed pseudonym goes to ErasedIdentifier',
  'Customer.phone': 'deleted with the row; its keyed pseudonym goes to ErasedIdentifier',
  'CustomerProfile.customerId': 'row deleted',
  'CustomerTag.customerId': 'rows deleted',
  'Event.customerId': 'rows deleted',
  'Order.customerId': 'moved to the anonymous "erased customers" holder',
  'Order.externalId': 'order number replaced',
  'CampaignAssignment.customerId': 'rows deleted',
  'CampaignOutcome.customerId': 'rows deleted',
  'ErasureRequest.customerId': 'cleared in the erasure’s transaction',
  'EmailSend.customerId': 'rows deleted',
  'EmailSuppression.email': 'row deleted',
  'SurveyResponse.customerId': 'rows deleted',
  'DataQualityExample.customerId': 'rows deleted',
  'FlowEnrollment.customerId': 'rows deleted',
} as const;

/** Columns whose name matches IDENTIFIER_COLUMN but that hold no identifier, with the reason. */
export const NOT_IDENTIFIER_COLUMNS = {
  'Customer.consentEmail': 'a consent flag (deleted with the row)',
  'SegmentSnapshot.reachableEmail': 'a count of customers',
} as const;

/** A column name that may hold a customer reference or identifier (`giftEmail`, `referrerCustomerId`, …). */
export const IDENTIFIER_COLUMN = /customer|email|phone|externalId/i;
