import { keyFor } from '@/lib/i18n/message-ref';
import type { MessageKey } from '@/lib/i18n/translate';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The heading of a group dimension: a built-in one, or a sensitive attribute `attr:<key>`. */
export function dimensionLabel(t: T, dimension: string): string {
  if (dimension.startsWith('attr:')) return t('fairness.dimensions.attr', { key: dimension.slice(5) });
  return t(keyFor('fairness.dimensions', dimension, 'common.unknown'));
}

/** A group's name in the reader's language where the catalogue knows it (unknown, gender, lifecycle stage). */
export function groupLabel(t: T, dimension: string, group: string): string {
  if (group === 'unknown') return t('fairness.unknown');
  if (dimension === 'gender') {
    const key = keyFor('fairness.groups', group, 'common.unknown');
    return key === 'common.unknown' ? group : t(key);
  }
  if (dimension === 'lifecycle') {
    const key = keyFor('portraits.lifecycle.stages', group, 'common.unknown');
    return key === 'common.unknown' ? group : t(key);
  }
  return group;
}
