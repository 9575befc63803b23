import { en } from './messages/en';
import { zhCN } from './messages/zh-cn';
import type { DeepStrings } from './define';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The message tree: English is the source; every other locale must have exactly the same keys. */
export type Messages = DeepStrings<typeof en>;
type Paths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Paths<typeof en>;
export type Vars = Record<string, string | number>;

const CATALOGUES: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks a supported locale from an Accept-Language header (zh, zh-CN, zh-Hans… → zh-CN). */
export function localeFromHeader(header: string | null | undefined): Locale {
  return header && /(^|,)\s*zh\b/i.test(header) ? 'zh-CN' : DEFAULT_LOCALE;
}

export function lookup(messages: Messages, key: string): string {
  let node: unknown = messages;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' ? node : key;
}

/** Replaces {name} placeholders; numbers are formatted for the locale. */
export function interpolate(template: string, vars: Vars | undefined, locale: Locale) {
  if (!vars) return template;
  const nf = new Intl.NumberFormat(locale);
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = vars[name];
    return v === undefined ? m : typeof v === 'number' ? nf.format(v) : v;
  });
}

export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale];
}

export type Translate = (key: MessageKey, vars?: Vars) => string;

export function translator(locale: Locale): Translate {
  const messages = CATALOGUES[locale];
  return (key, vars) => interpolate(lookup(messages, key), vars, locale);
}
