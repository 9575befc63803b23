import { z } from 'zod';
import { IMPORT_KINDS } from '@/lib/import/fields';

export { IMPORT_KINDS, type ImportKind } from '@/lib/import/fields';

/** What the mapping step sends: Precisa field → column name in the file (empty = not mapped), plus options. */
export const startImportSchema = z.object({
  importId: z.string().min(1).max(64),
  mapping: z.record(z.string().max(64), z.string().max(500).nullable()),
  options: z
    .object({
      timezone: z.string().max(64).optional(),
      dateOrder: z.enum(['auto', 'dmy', 'mdy']).optional(),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'errors.imports.currency')
        .optional(),
      createMissingCustomers: z.boolean().optional(),
      createMissingProducts: z.boolean().optional(),
      decimalSeparator: z.enum(['auto', '.', ',']).optional(),
      /** columns of the file not to keep as attributes */
      ignoreColumns: z.array(z.string().max(500)).max(500).optional(),
    })
    .default({}),
  /** exchange rates entered on the mapping page, saved before the import starts */
  rates: z
    .array(
      z.object({
        currency: z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter currency code.'),
        rateToBase: z.coerce.number().positive('The rate must be above zero.').max(1e9),
      }),
    )
    .max(50)
    .default([]),
  /** start again from the first row (a finished or failed import re-run with a new mapping or new rates) */
  restart: z.boolean().default(false),
});
export type StartImportInput = z.infer<typeof startImportSchema>;
export const importKindSchema = z.enum(IMPORT_KINDS);
