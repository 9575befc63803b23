'use client';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { formatters, type Formatters } from '@/lib/i18n/format';
import { interpolate, lookup, type Locale, type MessageKey, type Messages, type Vars } from '@/lib/i18n/translate';

type I18n = { locale: Locale; t: (key: MessageKey, vars?: Vars) => string; f: Formatters; currency: string };
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider(props: {
  locale: Locale;
  messages: Messages;
  currency: string;
  timezone: string;
  children: ReactNode;
}) {
  const { locale, messages, currency, timezone } = props;
  const value = useMemo<I18n>(
    () => ({
      locale,
      t: (key, vars) => interpolate(lookup(messages, key), vars, locale),
      f: formatters(locale, currency, timezone),
      currency,
    }),
    [locale, messages, currency, timezone],
  );
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside I18nProvider');
  return value;
}
