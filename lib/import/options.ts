import { z } from 'zod';

/** Per-import options, stored as ImportJob.options (JSON) and read back through this schema. */
export const importOptionsSchema = z.object({
  /** 'auto' (default) or an encoding name: utf-8, gb18030/gbk, big5, windows-1252/latin1. */
  encoding: z.string().optional(),
  /** 'auto' (default) or one of , ; tab | */
  delimiter: z.string().optional(),
  /** Day/month order of dates like 3/5/2024; 'auto' decides from the first rows. */
  dateOrder: z.enum(['auto', 'mdy', 'dmy']).default('auto'),
  /** IANA time zone of timestamps written without an offset. */
  timezone: z.string().default('UTC'),
  /** Decimal separator; 'auto' is ',' for semicolon-separated files, else '.'. */
  decimalSeparator: z.enum(['auto', '.', ',']).default('auto'),
  /** Currency of amounts when the file has no currency column (default: the shop's base currency). */
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .optional(),
  /** Overrides the shop's base currency (Setting "shop.currency"). */
  baseCurrency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .optional(),
  /** Events and orders: create a bare customer for an unknown customer id instead of rejecting the row. */
  createMissingCustomers: z.boolean().default(false),
  /** Events and orders: create an inactive stub product for an unknown SKU instead of rejecting the row. */
  createMissingProducts: z.boolean().default(false),
  /** Catalogue image_url may use plain http (set from Settings → Shop by the service, never by the caller). */
  allowHttpImages: z.boolean().default(false),
  /** Columns not to keep in attributes. */
  ignoreColumns: z.array(z.string()).default([]),
  /** Rows validated and written per step (bounds memory). */
  batchSize: z.number().int().min(1).max(50_000).default(5000),
  /**
   * A transaction (rows + rejected rows + cursor, committed together) ends after this many rows or `commitMs`,
   * whichever comes first. Larger than a step because every commit rewrites each index page it dirtied: with
   * random keys (UUID event ids) 5,000-row commits cost 2–3× the time of 50,000-row commits here. `commitMs`
   * bounds how long the app's own writes wait behind an import on SQLite (one writer at a time).
   */
  commitRows: z.number().int().min(1).max(1_000_000).default(50_000),
  commitMs: z.number().int().min(0).max(600_000).default(1_000),
  maxFieldBytes: z
    .number()
    .int()
    .min(1024)
    .max(64 << 20)
    .optional(),
});

export type ImportOptions = z.infer<typeof importOptionsSchema>;
export type ImportOptionsInput = z.input<typeof importOptionsSchema>;

/** ImportJob.mapping: target field → source column name. */
export const columnMappingSchema = z.record(z.string(), z.string().nullable());

export function parseImportOptions(json: unknown): ImportOptions {
  return importOptionsSchema.parse(json ?? {});
}
