import type { RowCounts } from '../../import/report';
import { isPostgres } from '../url';
import type { Column } from './tables';

export const ROW_UNCHANGED = 0;
export const ROW_INSERTED = 1;
export const ROW_UPDATED = 2;

export type KeyTable = 'Event' | 'Product' | 'Customer' | 'OrderLine';

/** Separator between order id and line number in an OrderLine key. */
export const LINE_KEY_SEP = '\u0001';

export type ImportJobRecord = {
  id: string;
  kind: string;
  fileName: string;
  filePath: string;
  fileSize: number;
  encoding: string;
  delimiter: string;
  mapping: unknown;
  options: unknown;
  status: string;
  cursorByte: number;
  cursorLine: number;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  cleaning: unknown;
  error: string | null;
  startedAt: number | null;
  finishedAt: number | null;
  /** time spent running, summed over runs */
  processingMs: number;
};

export type JobPatch = Partial<{
  status: string;
  error: string | null;
  encoding: string;
  delimiter: string;
  mapping: unknown;
  startedAt: number | null;
  finishedAt: number | null;
  processingMs: number;
}>;

/** Progress committed with a batch. `cleaning` is stored as JSON. */
export type JobProgress = {
  cursorByte: number;
  cursorLine: number;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  cleaning: unknown;
  processingMs: number;
};

/** A rejected row; `reasonKey` (the reason without its values) groups rejections in the report. */
export type ErrorRecord = {
  line: number;
  column: string | null;
  reason: string;
  reasonKey?: string | null;
  /** JSON params of a coded reason (reasonKey is then its catalogue key) */
  params?: string | null;
  raw: string;
};

export type CategoryRecord = {
  id: number;
  path: string;
  nameZh: string | null;
  parentId: number | null;
  depth: number;
};

export type NewCategory = { path: string; name: string; parentId: number | null; depth: number };

export type ProductRef = { id: number; categoryId: number | null };

/** A product's category link: `primary` replaces the product's links with this one, else it is added. */
export type CategoryLink = { sku: string; categoryId: number | null; primary: boolean };

/**
 * Everything the import pipeline asks of a database. Implemented for SQLite (better-sqlite3, synchronous underneath)
 * and PostgreSQL (pg). Values in rows are neutral: numbers, strings, booleans, null, timestamps as epoch ms, JSON as
 * text; each store converts for its driver.
 */
export interface ImportStore {
  readonly dialect: 'sqlite' | 'postgresql';
  /** The database, for the import report: "SQLite" or "PostgreSQL". */
  readonly engine: string;
  getJob(id: string): Promise<ImportJobRecord | null>;
  updateJob(id: string, patch: JobPatch): Promise<void>;
  baseCurrency(): Promise<string | null>;
  currencyRates(): Promise<Map<string, number>>;
  categories(): Promise<CategoryRecord[]>;
  brands(): Promise<string[]>;

  /**
   * An events import, before its first `begin`: lets the store write Event rows in bulk. SQLite: many rows per
   * INSERT, with foreign-key enforcement off on the import's own connection and each chunk's customer and product
   * ids checked by the store inside the transaction instead (a missing one fails the write as a foreign key would).
   * PostgreSQL: nothing changes.
   */
  bulkEvents(): void;

  /** Starts the batch transaction and locks the job row; returns the job's committed cursorByte. */
  begin(jobId: string): Promise<number>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  saveProgress(jobId: string, p: JobProgress): Promise<void>;
  insertErrors(jobId: string, errors: readonly ErrorRecord[]): Promise<void>;

  findCustomers(externalIds: readonly string[]): Promise<Map<string, number>>;
  /**
   * Every customer's externalId → id while their ids stay at or below `limit` (so there are at most `limit`, told
   * from the highest id without counting), else null.
   */
  allCustomers(limit: number): Promise<Map<string, number> | null>;
  /** Every product's sku → id and category while their ids stay at or below `limit`, else null. */
  allProducts(limit: number): Promise<Map<string, ProductRef> | null>;
  createCustomers(externalIds: readonly string[], now: number): Promise<Map<string, number>>;
  findProducts(skus: readonly string[]): Promise<Map<string, ProductRef>>;
  createStubProducts(stubs: readonly { sku: string; price: number }[], now: number): Promise<Map<string, ProductRef>>;
  createCategories(cats: readonly NewCategory[]): Promise<Map<string, number>>;
  /** Writes ProductCategory links by SKU, primaries first (each clears the product's earlier links); returns how many non-primary links were new. */
  linkProductCategories(links: readonly CategoryLink[]): Promise<number>;
  /** Sets the Chinese names of existing categories, by path. */
  nameCategoriesZh(names: readonly { path: string; nameZh: string }[]): Promise<void>;
  /** campaign id → (variant key or id as text → variant id); campaigns that do not exist are absent. */
  findCampaignVariants(campaignIds: readonly number[]): Promise<Map<number, Map<string, number>>>;
  /** Which of these keys exist: Event dedupKey, Product sku, Customer externalId, OrderLine `orderExternalId\u0001lineNo`. */
  existingKeys(table: KeyTable, keys: readonly string[]): Promise<Set<string>>;
  /** True when any customer was ever erased with an e-mail or phone (most imports then skip the check below). */
  hasErasedIdentifiers(): Promise<boolean>;
  /** Of these keyed pseudonyms of e-mails and phones, the ones of erased customers → when they were erased (epoch ms). */
  erasedIdentifiers(pseudonyms: readonly string[]): Promise<Map<string, number>>;
  /** Forgets these pseudonyms (consent was given again after the erasure): later imports apply consent as usual. */
  liftErasedIdentifiers(pseudonyms: readonly string[]): Promise<void>;
  /** Order externalId → id. */
  orderIds(externalIds: readonly string[]): Promise<Map<string, number>>;

  /**
   * Upserts rows given as one flat array, `cols.length` values per row; a row is updated only when a compared column
   * differs. With `status`, also reports each row: ROW_INSERTED, ROW_UPDATED or ROW_UNCHANGED.
   */
  upsert(table: string, cols: readonly Column[], values: readonly unknown[], status?: Uint8Array): Promise<RowCounts>;
  /** Rejected rows of an import in line order, after (line, id) — keyset pagination. */
  listErrors(
    importId: string,
    after: { line: number; id: number } | null,
    limit: number,
  ): Promise<(ErrorRecord & { id: number })[]>;
  /** Recomputes total and itemCount of these orders from their lines; orders whose totals change get updatedAt = now. */
  recomputeOrders(orderIds: readonly number[], now: number): Promise<void>;
  close(): Promise<void>;
}

export async function openImportStore(url: string): Promise<ImportStore> {
  if (isPostgres(url)) {
    const { PgImportStore } = await import('./pg-store');
    return PgImportStore.open(url);
  }
  const { SqliteImportStore } = await import('./sqlite-store');
  return SqliteImportStore.open(url);
}
