import { createHash } from 'node:crypto';
import { normaliseHeader } from './mapping';

/**
 * Identifies a file layout for remembering its mapping: SHA-256 of the normalised column names in order, so the next
 * export from the same shop system (same columns, any case or spacing) gets the same key.
 * @example headerKey(['SKU', 'Price']) === headerKey([' sku ', 'PRICE']) // true
 */
export function headerKey(header: readonly string[]): string {
  return createHash('sha256').update(header.map(normaliseHeader).join('\u001f')).digest('hex');
}
