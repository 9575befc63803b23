/** Counts per cleaning step, stored as ImportJob.cleaning and shown in the import report. */
export type CleaningReport = {
  /** Cells whose leading/trailing whitespace was trimmed. */
  trimmedCells: number;
  /** Ids written as spreadsheet floats (`17850.0` → `17850`). */
  idsNormalised: number;
  /** Numbers with thousands separators, decimal commas or currency symbols. */
  numbersNormalised: number;
  /** Category paths rewritten (separators, whitespace, or case folded onto an existing spelling). */
  categoryPathsNormalised: number;
  categoriesCreated: number;
  /** Repeated product rows that listed the product in one more category. */
  productCategoriesAdded: number;
  /** Categories whose Chinese name was set or changed from a category_zh column. */
  categoriesNamedZh: number;
  /** Brands folded onto one spelling (case, whitespace, full-width forms). */
  brandsNormalised: number;
  /** Event types given as synonyms (add_to_cart → cart, 浏览 → view). */
  eventTypesNormalised: number;
  /** Rows repeating an earlier row of the same file with the same key and content (not written again). */
  duplicatesInFile: number;
  /** Events already in the database with the same dedup key and content. */
  eventsAlreadyImported: number;
  /** Amounts converted to the base currency. */
  currencyConverted: number;
  /** Timestamps moved to UTC (an offset in the text, or the import's time zone). */
  timestampsConvertedToUtc: number;
  /** Lines that were empty or had only empty fields (skipped, not counted as rows). */
  blankLinesSkipped: number;
  /** Order lines with a negative quantity and no status, read as returns (not purchases). */
  negativeLinesAsReturns: number;
  customersCreated: number;
  productStubsCreated: number;
  /** Rows whose e-mail or phone belongs to an erased customer: their consent was set to off (a warning). */
  consentWithheldAfterErasure: number;
};

export function emptyCleaningReport(): CleaningReport {
  return {
    trimmedCells: 0,
    idsNormalised: 0,
    numbersNormalised: 0,
    categoryPathsNormalised: 0,
    categoriesCreated: 0,
    productCategoriesAdded: 0,
    categoriesNamedZh: 0,
    brandsNormalised: 0,
    eventTypesNormalised: 0,
    duplicatesInFile: 0,
    eventsAlreadyImported: 0,
    currencyConverted: 0,
    timestampsConvertedToUtc: 0,
    blankLinesSkipped: 0,
    negativeLinesAsReturns: 0,
    customersCreated: 0,
    productStubsCreated: 0,
    consentWithheldAfterErasure: 0,
  };
}

/** Reads a stored report back (missing keys → 0). */
export function cleaningReportFrom(json: unknown): CleaningReport {
  const base = emptyCleaningReport();
  if (json && typeof json === 'object') {
    for (const k of Object.keys(base) as (keyof CleaningReport)[]) {
      const v = (json as Record<string, unknown>)[k];
      if (typeof v === 'number') base[k] = v;
    }
  }
  return base;
}

export type RowCounts = { inserted: number; updated: number; unchanged: number };
