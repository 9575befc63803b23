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
      currency: z.string().regex(/^[A-Z]{3}$/, 'errors.imports.currency').optional(),
      createMissingCustomers: z.boolean().optional(),
      createMissingProducts: z.boolean().optional(),
    })
    .default({}),
});
export type StartImportInput = z.infer<typeof startImportSchema>;
export const importKindSchema = z.enum(IMPORT_KINDS);
