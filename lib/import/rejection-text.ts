import { isMessageKey, type MessageParams, renderMessage } from '../i18n/message-ref';
import type { Translate } from '../i18n/translate';

/**
 * A rejection reason in the reader's language: coded ones (`importRejections.*`, params as an object or as the stored
 * JSON) from the catalogue; rows stored before their reason had a code keep their English text.
 */
export function rejectionText(
  t: Translate,
  r: { reason: string; key: string | null; params: string | MessageParams | null },
): string {
  if (!r.key?.startsWith('importRejections.') || !isMessageKey(r.key) || r.params === null) return r.reason;
  try {
    const params = typeof r.params === 'string' ? (JSON.parse(r.params) as MessageParams) : r.params;
    return renderMessage(t, { key: r.key, params });
  } catch {
    return r.reason;
  }
}
