/**
 * The checks of the data-quality report. Each counts the rows with a problem (`count`) among the rows it looks at
 * (`total`); its rate is count / total. Codes are stable: they key the stored runs (the trend) and the message
 * catalogue (`quality.checks.<code>`).
 */
export const QUALITY_CATEGORIES = ['completeness', 'validity', 'duplicates', 'freshness'] as const;
export type QualityCategory = (typeof QUALITY_CATEGORIES)[number];

export type CheckDefinition = {
  code: string;
  category: QualityCategory;
  /** what an example row links to */
  links: 'customer' | 'product' | 'import';
  /** a rate above this is a warning; above `badAbove` a problem (a rate of 0 is always fine) */
  warnAbove: number;
  badAbove: number;
};

const completeness = (code: string, links: 'customer' | 'product', warnAbove: number, badAbove: number) =>
  ({ code, category: 'completeness', links, warnAbove, badAbove }) as const;
// Stored invalid or duplicated rows are wrong however few: any is a warning, more than 1% a problem.
const strict = (code: string, category: QualityCategory, links: CheckDefinition['links']) =>
  ({ code, category, links, warnAbove: 0, badAbove: 0.01 }) as const;

export const QUALITY_CHECKS: readonly CheckDefinition[] = [
  completeness('customerEmail', 'customer', 0.1, 0.3),
  completeness('customerPhone', 'customer', 0.5, 0.9),
  completeness('customerSignup', 'customer', 0.1, 0.3),
  completeness('productCategory', 'product', 0.05, 0.2),
  completeness('productPrice', 'product', 0, 0.05),
  completeness('productImage', 'product', 0.1, 0.3),
  strict('purchaseNegative', 'validity', 'customer'),
  strict('orderLineNegative', 'validity', 'customer'),
  strict('eventDate', 'validity', 'customer'),
  strict('orderDate', 'validity', 'customer'),
  strict('eventUnknownProduct', 'validity', 'customer'),
  strict('orderLineUnknownSku', 'validity', 'customer'),
  strict('duplicateEmail', 'duplicates', 'customer'),
  strict('duplicateOrder', 'duplicates', 'customer'),
  strict('duplicateOrderRef', 'duplicates', 'customer'),
  { code: 'staleSource', category: 'freshness', links: 'import', warnAbove: 0, badAbove: 0.5 },
];

export type CheckCode = string;

/** At most this many example rows are kept per check and run. */
export const EXAMPLES_PER_CHECK = 5;

export function checkDefinition(code: string): CheckDefinition | undefined {
  return QUALITY_CHECKS.find((c) => c.code === code);
}
