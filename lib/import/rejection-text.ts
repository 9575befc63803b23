import { isMessageKey } from '../i18n/message-ref';
import type { Translate, Vars } from '../i18n/translate';

/**
 * A rejection reason in the reader's language: coded ones (`importRejections.*`, params as an object or as the stored
 * JSON) from the catalogue; rows stored before their reason had a code keep their English text.
 */
export function rejectionText(
  t: Translate,
  r: { reason: string; key: string | null; params: string | Vars | null },
): string {
  if (!r.key?.startsWith('importRejections.') || !isMessageKey(r.key) || r.params === null) return r.reason;
  try {
    return t(r.key, typeof r.params === 'string' ? (JSON.parse(r.params) as Vars) : r.params);
  } catch {
    return r.reason;
  }
}
