/** The same tree shape with every leaf a string: what a translation must provide. */
export type DeepStrings<T> = { readonly [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

/**
 * Messages for one product area, English and Chinese side by side, so an area's pages can own their text.
 * The Chinese tree must have exactly the English keys (checked by the compiler).
 */
export function defineMessages<const T>(en: T, zhCN: DeepStrings<T>) {
  return { en, zhCN };
}
