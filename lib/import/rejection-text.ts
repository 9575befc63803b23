import { isMessageKey } from '../i18n/message-ref';
import type { Translate, Vars } from '../i18n/translate';

/** A stored rejection reason in the reader's language: coded ones (`importRejections.*`) from the catalogue. */
export function rejectionText(t: Translate, r: { reason: string; key: string | null; params: string | null }): string {
  if (!r.key?.startsWith('importRejections.') || !isMessageKey(r.key) || r.params === null) return r.reason;
  try {
    return t(r.key, JSON.parse(r.params) as Vars);
  } catch {
    return r.reason;
  }
}
