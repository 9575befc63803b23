import { en } from './messages/en';
import { lookup, translator, type Locale, type MessageKey, type Messages, type Translate } from './translate';

/**
 * A message named by its catalogue key, with parameters: what errors and validation issues carry instead of text,
 * so each reader sees it in their language. A parameter may itself be a message (a status label, a nested problem).
 */
export type MessageRef = { key: MessageKey; params?: MessageParams };
export type MessageParams = { [name: string]: string | number | MessageRef };

/** The text of a reference in the language of `t`. */
export function renderMessage(t: Translate, ref: MessageRef): string {
  if (!ref.params) return t(ref.key);
  const vars = Object.fromEntries(
    Object.entries(ref.params).map(([k, v]) => [k, typeof v === 'object' ? renderMessage(t, v) : v]),
  );
  return t(ref.key, vars);
}

const translators = new Map<Locale, Translate>();
/** The text of a reference in a locale (English for API clients and logs). */
export function messageIn(locale: Locale, ref: MessageRef): string {
  let t = translators.get(locale);
  if (!t) {
    t = translator(locale);
    translators.set(locale, t);
  }
  return renderMessage(t, ref);
}

/** Whether a string names a message of the catalogue (keys arriving as data, e.g. from a zod issue). */
export function isMessageKey(value: string): value is MessageKey {
  return lookup(en as Messages, value) !== value;
}

/**
 * The key `prefix.value` when the catalogue has it, else `fallback`: for labels of values that arrive as plain
 * strings (a database column, a job state), checked at run time instead of cast.
 * @example keyFor('imports.statuses', row.status, 'common.unknown') // 'imports.statuses.running'
 */
export function keyFor(prefix: string, value: string, fallback: MessageKey): MessageKey {
  const key = `${prefix}.${value}`;
  return isMessageKey(key) ? key : fallback;
}

/**
 * The catalogue label `prefix.value` in the language of `t` (with `params` for its placeholders), or the value itself
 * when there is none: a region, or a reason stored as English words before it became a code.
 */
export function labelFor(
  t: Translate,
  prefix: string,
  value: string,
  params?: Record<string, string | number>,
): string {
  const key = `${prefix}.${value}`;
  if (!isMessageKey(key)) return value;
  return params ? t(key, params) : t(key);
}

/** A stored message reference ({ key, params }) whose key the catalogue has, else null. */
export function asMessageRef(value: unknown): MessageRef | null {
  const v = value as { key?: unknown; params?: unknown } | null | undefined;
  if (!v || typeof v.key !== 'string' || !isMessageKey(v.key)) return null;
  const params = v.params && typeof v.params === 'object' ? (v.params as MessageParams) : undefined;
  return params ? { key: v.key, params } : { key: v.key };
}
